// SPDX-License-Identifier: GPL-2.0
/* The review as one JSON object, for CI and other tools. */
#include <stdlib.h>
#include "change/verdict.h"
#include "render/findings.h"
#include "render/review_json.h"
#include "render/sitelog.h"
#include "util/json_io.h"

static void strings_json(FILE *f, const struct strlist *l)
{
	fputc('[', f);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputc(',', f);
		json_str(f, l->v[i]);
	}
	fputc(']', f);
}

static void side_json(FILE *f, const struct finding_list *l)
{
	fprintf(f, "{\"ran\":%s,\"findings\":[", l->ran ? "true" : "false");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputc(',', f);
		finding_json(f, &l->v[i]);
	}
	fputs("]}", f);
}

static void driver_json(FILE *f, const struct driver *d)
{
	char *v = verdict_text(d);

	fputs("{\"driver\":", f);
	json_str(f, d->name);
	fputs(",\"subsystem\":", f);
	json_str(f, d->subsystem);
	fputs(",\"folder\":", f);
	json_str(f, d->dir);
	fputs(",\"verdict\":", f);
	json_str(f, verdict_name(driver_verdict(d)));
	fputs(",\"verdict_text\":", f);
	json_str(f, v);
	free(v);
	fputs(",\"rules\":", f);
	strings_json(f, &d->rules);
	fputs(",\"sites\":[", f);
	for (size_t i = 0; i < d->sites.n; i++) {
		if (i)
			fputc(',', f);
		site_json(f, &d->sites.v[i], 0);
	}
	fputs("],\"left\":[", f);
	for (size_t i = 0; i < d->left.n; i++) {
		if (i)
			fputc(',', f);
		site_json(f, &d->left.v[i], 1);
	}
	fputs("],\"removed_api_left\":[", f);
	for (size_t i = 0; i < d->legacy_after.n; i++) {
		if (i)
			fputc(',', f);
		site_json(f, &d->legacy_after.v[i], 1);
	}
	fprintf(f, "],\"dma_conversion\":%s,\"errors\":",
		d->legacy_before ? "true" : "false");
	strings_json(f, &d->errors);
	fputs(",\"before\":", f);
	side_json(f, &d->before);
	fputs(",\"after\":", f);
	side_json(f, &d->after);
	fprintf(f, ",\"regressions\":%d,\"diff\":", d->regressions);
	json_str(f, d->diff.s ? d->diff.s : "");
	fputc('}', f);
}

void review_json(FILE *f, const struct review *rv)
{
	size_t sites = 0, left = 0, regressions = 0;

	fputs("{\"tool\":\"dmaconv\",\"report\":\"review\",\"input\":", f);
	json_str(f, rv->label);
	fputs(",\"drivers\":[", f);
	for (size_t i = 0; i < rv->ds.n; i++) {
		if (i)
			fputc(',', f);
		driver_json(f, &rv->ds.v[i]);
		sites += rv->ds.v[i].sites.n;
		left += rv->ds.v[i].left.n;
		regressions += rv->ds.v[i].regressions;
	}
	fprintf(f, "],\"summary\":{\"drivers\":%zu,\"sites\":%zu,\"left\":%zu,"
		"\"regressions\":%zu}}\n", rv->ds.n, sites, left, regressions);
}
