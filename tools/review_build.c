// SPDX-License-Identifier: GPL-2.0
/*
 * The reviewer's view of a conversion: the actual diff cut into sites,
 * each site traced to the semantic patch that produces it (the series is
 * run again on the before side; a site it does not produce is a hand
 * edit), what the series still finds on the after side, and dmacheck's
 * findings on both sides with the new ones marked as regressions.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "findings.h"
#include "review.h"

/* Build a driver set over one side of the change for the engine. */
static void side_set(const struct driver_set *ds, int after,
		     struct driver_set *out)
{
	for (size_t i = 0; i < ds->n; i++) {
		const struct driver *d = &ds->v[i];
		struct driver *c = driver_add(out, d->dir, d->dir);

		for (size_t k = 0; k < d->nfiles; k++) {
			const char *p = after ? d->files[k].after :
					d->files[k].src;

			if (is_file(p))
				driver_add_file(c, p, d->files[k].disp);
		}
	}
}

static void diff_driver(struct driver *d)
{
	for (size_t k = 0; k < d->nfiles; k++) {
		struct conv_file *f = &d->files[k];
		const char *a = is_file(f->src) ? f->src : "/dev/null";
		const char *b = is_file(f->after) ? f->after : "/dev/null";

		if (diff_files(a, b, f->disp, &d->diff) == 1)
			f->changed = 1;
	}
}

static struct site copy_site(const struct site *s)
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

/*
 * Sites the series converts only on an assumption ("..., check by hand")
 * are known from converting the before side; they stay for a human even
 * when the after side carries the conversion.
 */
static void take_doubts(struct driver *d, const struct driver *pre)
{
	for (size_t i = 0; i < pre->left.n; i++) {
		struct site c;

		if (!pre->left.v[i].reason ||
		    !strstr(pre->left.v[i].reason, ", check by hand: "))
			continue;
		c = copy_site(&pre->left.v[i]);
		site_push(&d->left, &c);
	}
}

/* What the series still finds on the after side is left for a human. */
static void take_left(struct driver *d, const struct driver *post)
{
	for (size_t i = 0; i < post->left.n; i++) {
		struct site c = copy_site(&post->left.v[i]);

		site_push(&d->left, &c);
	}
	for (size_t i = 0; i < post->sites.n; i++) {
		struct site c = copy_site(&post->sites.v[i]);

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

static void run_checker(struct driver *d, int after, const char *dmacheck,
			const char *include_dir, struct finding_list *out)
{
	struct check_input *in = xmalloc((d->nfiles + 1) * sizeof(*in));
	size_t n = 0;

	for (size_t k = 0; k < d->nfiles; k++) {
		const char *p = after ? d->files[k].after : d->files[k].src;

		if (!ends_with(p, ".c") || !is_file(p))
			continue;
		in[n].path = p;
		in[n].disp = d->files[k].disp;
		in[n].legacy = needs_legacy_view(p);
		n++;
	}
	if (n)
		dmacheck_run(dmacheck, include_dir, in, n, NULL, out);
	free(in);
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

static void mark_regressions(struct driver *d)
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

int review_build(const struct changeset *cs, const struct cocci_series *s,
		 const struct engine_opts *eng, int with_checker,
		 struct review *rv)
{
	struct driver_set pre = { 0 }, post = { 0 };
	struct resources res;
	char *tmp1 = NULL, *tmp2 = NULL;

	locate_resources(&res);
	changeset_drivers(cs, &rv->ds);
	side_set(&rv->ds, 0, &pre);
	side_set(&rv->ds, 1, &post);
	progress("tracing the sites of %zu driver(s) to the semantic patches",
		 rv->ds.n);
	engine_convert(&pre, s, eng, &tmp1);
	progress("looking for sites left on the converted side");
	engine_convert(&post, s, eng, &tmp2);
	if (with_checker && !program_exists(res.dmacheck)) {
		err("dmacheck not found (%s); build it with 'make' or set "
		    "DMACONV_DMACHECK", res.dmacheck);
		rv->dmacheck_missing = 1;
	}
	for (size_t i = 0; i < rv->ds.n; i++) {
		struct driver *d = &rv->ds.v[i];
		diff_driver(d);
		attribute_sites(d, &pre.v[i], 0);
		for (size_t k = 0; k < pre.v[i].errors.n; k++)
			if (!sl_contains(&d->errors, pre.v[i].errors.v[k]))
				sl_push(&d->errors, pre.v[i].errors.v[k]);
		take_doubts(d, &pre.v[i]);
		take_left(d, &post.v[i]);
		if (!with_checker || rv->dmacheck_missing)
			continue;
		progress("dmacheck %zu/%zu: %s", i + 1, rv->ds.n, d->dir);
		run_checker(d, 0, res.dmacheck, res.include_dir, &d->before);
		run_checker(d, 1, res.dmacheck, res.include_dir, &d->after);
		mark_regressions(d);
	}
	if (tmp1)
		rm_rf(tmp1);
	if (tmp2)
		rm_rf(tmp2);
	return 0;
}
