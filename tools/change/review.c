// SPDX-License-Identifier: GPL-2.0
/*
 * The reviewer's view of a change, per driver: the sites left for a human
 * (what the series still finds on the after side, and the sites it
 * converts only on an assumption), and dmacheck's findings after the
 * change paired with those before it, the new ones marked as regressions.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "change/review.h"
#include "util/str.h"

/*
 * Sites the series converts only on an assumption ("..., check by hand")
 * are known from converting the before side; they stay for a human even
 * when the after side carries the conversion.
 */
void review_take_doubts(struct driver *d, const struct driver *pre)
{
	for (size_t i = 0; i < pre->left.n; i++) {
		struct site c;

		if (!pre->left.v[i].reason ||
		    !strstr(pre->left.v[i].reason, ", check by hand: "))
			continue;
		c = site_copy(&pre->left.v[i]);
		site_push(&d->left, &c);
	}
}

/* What the series still finds on the after side is left for a human. */
void review_take_left(struct driver *d, const struct driver *post)
{
	for (size_t i = 0; i < post->left.n; i++) {
		struct site c = site_copy(&post->left.v[i]);

		site_push(&d->left, &c);
	}
	for (size_t i = 0; i < post->sites.n; i++) {
		struct site c = site_copy(&post->sites.v[i]);

		c.col = 0;
		c.reason = xasprintf("not converted, though %s would convert "
				     "it: %s -> %s", c.rule, c.old_text,
				     c.new_text);
		site_push(&d->left, &c);
	}
	for (size_t i = 0; i < post->errors.n; i++)
		if (!sl_contains(&d->errors, post->errors.v[i]))
			sl_push(&d->errors, post->errors.v[i]);
}

/* A finding's identity across the change: file, check, words. */
static char *finding_key(const struct finding *f, int loose)
{
	struct strbuf sb = { 0 };

	sb_printf(&sb, "%s|%s|", f->file, f->check);
	for (const char *p = f->message; !loose && *p; p++)
		if (!isdigit((unsigned char)*p))
			sb_add(&sb, p, 1);
	return sb.s;
}

/*
 * Pair each finding after the change with one before it: first with the
 * same words (line numbers aside), then with the same check in the same
 * file (the conversion itself rewords messages: the free function named
 * changes).  What is left unpaired after the change is a regression.
 */
static void pair_findings(struct driver *d, char *used_before, char *paired,
			  int loose)
{
	for (size_t i = 0; i < d->after.n; i++) {
		char *key;

		if (paired[i])
			continue;
		key = finding_key(&d->after.v[i], loose);
		for (size_t k = 0; k < d->before.n && !paired[i]; k++) {
			char *o;

			if (used_before[k])
				continue;
			o = finding_key(&d->before.v[k], loose);
			if (!strcmp(o, key))
				used_before[k] = paired[i] = 1;
			free(o);
		}
		free(key);
	}
}

void review_mark_regressions(struct driver *d)
{
	char *used_before = calloc(d->before.n + 1, 1);
	char *paired = calloc(d->after.n + 1, 1);

	pair_findings(d, used_before, paired, 0);
	pair_findings(d, used_before, paired, 1);
	for (size_t i = 0; i < d->after.n; i++) {
		if (paired[i])
			continue;
		d->after.v[i].regression = 1;
		d->regressions++;
	}
	free(used_before);
	free(paired);
	for (size_t i = 0; i < d->before.errors.n; i++)
		sl_push(&d->errors, d->before.errors.v[i]);
	for (size_t i = 0; i < d->after.errors.n; i++)
		sl_push(&d->errors, d->after.errors.v[i]);
}
