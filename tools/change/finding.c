// SPDX-License-Identifier: GPL-2.0
/* The list of dmacheck's findings on one side of a change. */
#include "change/finding.h"

void finding_push(struct finding_list *l, const struct finding *f)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = *f;
}
