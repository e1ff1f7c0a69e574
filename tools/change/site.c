// SPDX-License-Identifier: GPL-2.0
/* Sites: the list of them, a copy of one, and freeing them. */
#include <stdlib.h>
#include <string.h>
#include "change/site.h"
#include "util/str.h"

void site_push(struct site_list *l, const struct site *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = *s;
}

void site_list_free(struct site_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].old_text);
		free(l->v[i].new_text);
		free(l->v[i].rule);
		free(l->v[i].confidence);
		free(l->v[i].reason);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* A deep copy; the texts a converted site lacks become "". */
struct site site_copy(const struct site *s)
{
	struct site c = *s;

	c.file = xstrdup(s->file);
	c.old_text = xstrdup(s->old_text ? s->old_text : "");
	c.new_text = xstrdup(s->new_text ? s->new_text : "");
	c.rule = xstrdup(s->rule ? s->rule : "");
	c.confidence = xstrdup(s->confidence ? s->confidence : "");
	c.reason = s->reason ? xstrdup(s->reason) : NULL;
	return c;
}
