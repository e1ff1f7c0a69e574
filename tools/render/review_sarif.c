// SPDX-License-Identifier: GPL-2.0
/*
 * The review as SARIF 2.1.0: one run of dmaconv whose results are what a
 * reviewer must look at after the change, each on the line it concerns
 * (paths relative to the tree, uriBaseId SRCROOT):
 *
 *   removed-api-left   a line still using the API removed in 5.10 (error)
 *   left-for-human     a site the conversion left, with the reason (warning)
 *   regression         a dmacheck finding the change brought (error)
 *   dmacheck           a dmacheck finding carried over from before (note)
 *   not-dma-conversion a driver the change touches without converting
 *                      anything (note, on its first changed file)
 *
 * dmacheck's own check id is in each dmacheck result's properties.
 */
#include <stdio.h>
#include <string.h>
#include "change/verdict.h"
#include "render/review_sarif.h"
#include "util/json_io.h"
#include "util/str.h"

enum rule { R_LEGACY, R_LEFT, R_REGRESSION, R_DMACHECK, R_NOT_DMA };

static const struct {
	const char *id, *level, *text;
} rules[] = {
	[R_LEGACY] = { "removed-api-left", "error",
		"The driver still uses the DMA API removed in Linux 5.10 after "
		"the change: it builds on no 5.10+ kernel" },
	[R_LEFT] = { "left-for-human", "warning",
		"A site the conversion did not make, or made on an assumption: "
		"a human decides" },
	[R_REGRESSION] = { "regression", "error",
		"A dmacheck finding after the change with no match before it" },
	[R_DMACHECK] = { "dmacheck", "note",
		"A dmacheck finding present before the change too" },
	[R_NOT_DMA] = { "not-dma-conversion", "note",
		"The change touches a driver that used nothing of the removed "
		"API: there is nothing to send" },
};

static int first;

static void result(FILE *f, enum rule r, const char *file, int line, int col,
		   const char *msg, const char *check)
{
	fputs(first ? "" : ",", f);
	first = 0;
	fprintf(f, "{\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":\"%s\","
		"\"message\":{\"text\":", rules[r].id, (int)r, rules[r].level);
	json_str(f, msg && *msg ? msg : rules[r].text);
	fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":"
	      "{\"uri\":", f);
	json_str(f, file + (*file == '/'));
	fprintf(f, ",\"uriBaseId\":\"SRCROOT\"},\"region\":{\"startLine\":%d",
		line > 0 ? line : 1);
	if (col > 0)
		fprintf(f, ",\"startColumn\":%d", col);
	fputs("}}}]", f);
	if (check) {
		fputs(",\"properties\":{\"check\":", f);
		json_str(f, check);
		fputc('}', f);
	}
	fputc('}', f);
}

static void driver_results(FILE *f, const struct driver *d)
{
	if (driver_verdict(d) == NOT_DMA) {
		for (size_t k = 0; k < d->nfiles; k++)
			if (d->files[k].changed) {
				result(f, R_NOT_DMA, d->files[k].disp, 1, 0,
				       NULL, NULL);
				break;
			}
	}
	for (size_t i = 0; i < d->legacy_after.n; i++) {
		const struct site *s = &d->legacy_after.v[i];
		char msg[512];

		snprintf(msg, sizeof(msg), "still uses the API removed in "
			 "Linux 5.10: %s", s->old_text);
		result(f, R_LEGACY, s->file, s->line, 0, msg, NULL);
	}
	for (size_t i = 0; i < d->left.n; i++)
		result(f, R_LEFT, d->left.v[i].file, d->left.v[i].line,
		       d->left.v[i].col, d->left.v[i].reason, NULL);
	for (size_t i = 0; i < d->after.n; i++) {
		const struct finding *x = &d->after.v[i];

		result(f, x->regression ? R_REGRESSION : R_DMACHECK, x->file,
		       x->line, x->col, x->message, x->check);
	}
}

void review_sarif(FILE *f, const struct review *rv, const char *version)
{
	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	      "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":"
	      "{\"name\":\"dmaconv\",\"version\":", f);
	json_str(f, version);
	fputs(",\"informationUri\":\"https://www.kernel.org/doc/html/latest/"
	      "core-api/dma-api.html\",\"rules\":[", f);
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		fprintf(f, "%s{\"id\":\"%s\",\"shortDescription\":{\"text\":",
			i ? "," : "", rules[i].id);
		json_str(f, rules[i].text);
		fprintf(f, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
			rules[i].level);
	}
	fputs("]}},\"originalUriBaseIds\":{\"SRCROOT\":{\"description\":"
	      "{\"text\":", f);
	json_str(f, rv->label);
	fputs("}}},\"results\":[", f);
	first = 1;
	for (size_t i = 0; i < rv->ds.n; i++)
		driver_results(f, &rv->ds.v[i]);
	fputs("]}]}\n", f);
}
