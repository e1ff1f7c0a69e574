// SPDX-License-Identifier: GPL-2.0
/*
 * Build the reviewer's view of a change: the actual diff cut into sites,
 * each site traced to the semantic patch that produces it (the series is
 * run again on the before side; a site it does not produce is a hand
 * edit), the series run on the after side for what it still finds, and
 * dmacheck run on both sides (change/review.c pairs the findings).
 */
#include <stdlib.h>
#include <string.h>
#include "change/attrib.h"
#include "change/review.h"
#include "change/udiff.h"
#include "pipeline/dmacheck_run.h"
#include "pipeline/legacy.h"
#include "pipeline/legacy_left.h"
#include "pipeline/locate.h"
#include "pipeline/review_build.h"
#include "pipeline/runner.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/spawn.h"
#include "util/str.h"

/* Build a driver set over one side of the change for the runner. */
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

int review_build(const struct changeset *cs, const struct cocci_series *s,
		 const struct runner_opts *run, int with_checker,
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
	runner_convert(&pre, s, run, &tmp1);
	progress("looking for sites left on the converted side");
	runner_convert(&post, s, run, &tmp2);
	if (with_checker && !program_exists(res.dmacheck)) {
		err("dmacheck not found (%s); build it with 'make' or set "
		    "DMACONV_DMACHECK", res.dmacheck);
		rv->dmacheck_missing = 1;
	}
	for (size_t i = 0; i < rv->ds.n; i++) {
		struct driver *d = &rv->ds.v[i];

		diff_driver(d);
		legacy_mark(d);
		attribute_sites(d, &pre.v[i], 0);
		for (size_t k = 0; k < pre.v[i].errors.n; k++)
			if (!sl_contains(&d->errors, pre.v[i].errors.v[k]))
				sl_push(&d->errors, pre.v[i].errors.v[k]);
		review_take_doubts(d, &pre.v[i]);
		review_take_left(d, &post.v[i]);
		if (!with_checker || rv->dmacheck_missing)
			continue;
		progress("dmacheck %zu/%zu: %s", i + 1, rv->ds.n, d->dir);
		run_checker(d, 0, res.dmacheck, res.include_dir, &d->before);
		run_checker(d, 1, res.dmacheck, res.include_dir, &d->after);
		review_mark_regressions(d);
	}
	if (tmp1)
		rm_rf(tmp1);
	if (tmp2)
		rm_rf(tmp2);
	return 0;
}
