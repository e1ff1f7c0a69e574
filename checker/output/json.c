// SPDX-License-Identifier: GPL-2.0
/*
 * -f json: one object on stdout, every file's status and every finding.
 *
 *	{"tool":"dmacheck","version":"0.1","sparse":"0.6.4-3",
 *	 "files":[{"file":"x.c","status":"ok"}, ...],
 *	 "findings":[{"file":..,"line":..,"column":..,"check":..,
 *		      "severity":"warning","message":..}, ...]}
 *
 * A file that is not ok says why ("error"), what a sparse error dropped
 * ("partial": "dropped"), or that best effort made it up ("complete":
 * false, "missing_headers"); a finding made there has "complete": false.
 */
#include "dmacheck.h"
#include "front.h"
#include "output.h"
#include "version.h"

static const char *const status_names[] = {
	[ST_OK] = "ok", [ST_PARTIAL] = "partial", [ST_ERROR] = "error",
};

static void print_dropped(FILE *out, const struct dmc_file *f)
{
	int i;

	fputs(",\"dropped\":[", out);
	for (i = 0; i < f->nr_dropped; i++) {
		const struct dmc_dropped *d = &f->dropped[i];

		fputs(i ? ",{\"file\":" : "{\"file\":", out);
		dmc_json_string(out, d->file);
		fprintf(out, ",\"line\":%d,\"function\":", d->line);
		dmc_json_string(out, d->function);
		fputs(",\"message\":", out);
		dmc_json_string(out, d->message);
		fputc('}', out);
	}
	fputc(']', out);
}

static void print_file(FILE *out, const struct dmc_file *f)
{
	int i;

	fputs("{\"file\":", out);
	dmc_json_string(out, f->name);
	fputs(",\"status\":", out);
	dmc_json_string(out, status_names[f->status]);
	if (f->status == ST_ERROR) {
		fputs(",\"error\":", out);
		dmc_json_string(out, f->error);
	}
	if (f->nr_dropped)
		print_dropped(out, f);
	if (f->incomplete) {
		fputs(",\"complete\":false,\"missing_headers\":[", out);
		for (i = 0; i < f->nr_missing; i++) {
			if (i)
				fputc(',', out);
			dmc_json_string(out, f->missing[i]);
		}
		fputc(']', out);
	}
	if (f->legacy_header)
		fputs(",\"legacy_header\":true", out);
	fputc('}', out);
}

void dmc_print_json(FILE *out)
{
	const struct dmc_results *r = &dmc_results;
	int i;

	fputs("{\"tool\":\"dmacheck\",\"version\":", out);
	dmc_json_string(out, DMACHECK_VERSION);
	if (*DMACHECK_GIT) {
		fputs(",\"git\":", out);
		dmc_json_string(out, DMACHECK_GIT);
	}
	fputs(",\"sparse\":", out);
	dmc_json_string(out, SPARSE_VERSION);
	fputs(",\"files\":[", out);
	for (i = 0; i < r->nr_files; i++) {
		if (i)
			fputc(',', out);
		print_file(out, &r->files[i]);
	}
	fputs("],\"findings\":[", out);
	for (i = 0; i < r->nr_findings; i++) {
		const struct dmc_finding *f = &r->findings[i];

		fputs(i ? ",{\"file\":" : "{\"file\":", out);
		dmc_json_string(out, f->file);
		fprintf(out, ",\"line\":%d,\"column\":%d,\"check\":", f->line, f->column);
		dmc_json_string(out, f->check);
		fputs(",\"severity\":\"warning\",\"message\":", out);
		dmc_json_string(out, f->message);
		if (f->incomplete)
			fputs(",\"complete\":false", out);
		fputc('}', out);
	}
	fputs("]}\n", out);
	fflush(out);
}
