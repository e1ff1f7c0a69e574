// SPDX-License-Identifier: GPL-2.0
/* The review as plain text, fit for a mailing-list reply. */
#include <stdlib.h>
#include "change/verdict.h"
#include "render/findings.h"
#include "render/review_text.h"

static void print_findings(FILE *f, const char *when,
			   const struct finding_list *l)
{
	if (!l->ran) {
		fprintf(f, "  dmacheck %s: not run\n", when);
		return;
	}
	fprintf(f, "  dmacheck %s: %zu finding(s)\n", when, l->n);
	for (size_t i = 0; i < l->n; i++) {
		fputs(l->v[i].regression ? "  REGRESSION " : "    ", f);
		finding_print(f, &l->v[i]);
	}
}

static void print_driver(FILE *f, const struct driver *d)
{
	char *v = verdict_text(d);

	fprintf(f, "\n%s: %s (%s)\n", d->subsystem, d->name, d->dir);
	fprintf(f, "  verdict: %s\n", v);
	free(v);
	fprintf(f, "  converted sites: %zu\n", d->sites.n);
	for (size_t i = 0; i < d->sites.n; i++) {
		const struct site *s = &d->sites.v[i];

		fprintf(f, "    %s:%d [%s, confidence %s]\n", s->file, s->line,
			s->rule, s->confidence);
		if (*s->old_text)
			fprintf(f, "      - %s\n", s->old_text);
		if (*s->new_text)
			fprintf(f, "      + %s\n", s->new_text);
	}
	fprintf(f, "  left for a human: %zu\n", d->left.n);
	for (size_t i = 0; i < d->left.n; i++)
		fprintf(f, "    %s:%d:%d: %s\n", d->left.v[i].file,
			d->left.v[i].line, d->left.v[i].col,
			d->left.v[i].reason);
	if (d->legacy_after.n)
		fprintf(f, "  still using the API removed in Linux 5.10: "
			"%zu line(s)\n", d->legacy_after.n);
	for (size_t i = 0; i < d->legacy_after.n; i++)
		fprintf(f, "    %s:%d: %s\n", d->legacy_after.v[i].file,
			d->legacy_after.v[i].line, d->legacy_after.v[i].old_text);
	for (size_t i = 0; i < d->errors.n; i++)
		fprintf(f, "  not processed: %s\n", d->errors.v[i]);
	print_findings(f, "before", &d->before);
	print_findings(f, "after", &d->after);
}

void review_text(FILE *f, const struct review *rv)
{
	size_t sites = 0, left = 0, regressions = 0, ready = 0;

	fprintf(f, "dmaconv review of %s\n", rv->label);
	for (size_t i = 0; i < rv->ds.n; i++) {
		const struct driver *d = &rv->ds.v[i];

		print_driver(f, d);
		sites += d->sites.n;
		left += d->left.n;
		regressions += d->regressions;
		ready += verdict_is_ready(driver_verdict(d));
	}
	fprintf(f, "\nsummary: %zu driver(s), %zu ready; %zu site(s) "
		"converted, %zu left for a human, %zu regression(s)\n",
		rv->ds.n, ready, sites, left, regressions);
}
