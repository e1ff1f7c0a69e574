// SPDX-License-Identifier: GPL-2.0
/*
 * dmacheck's findings: one gcc-style line or JSON object each, and the
 * report of dmaconv check (the findings, then the files not checked).
 */
#include "render/findings.h"
#include "util/json_io.h"

void finding_print(FILE *f, const struct finding *x)
{
	fprintf(f, "%s:%d:%d: %s: %s [%s]%s\n", x->file, x->line, x->col,
		x->severity, x->message, x->check,
		x->regression ? " (regression)" : "");
}

void finding_json(FILE *f, const struct finding *x)
{
	fputs("{\"file\":", f);
	json_str(f, x->file);
	fprintf(f, ",\"line\":%d,\"column\":%d,\"check\":", x->line, x->col);
	json_str(f, x->check);
	fputs(",\"severity\":", f);
	json_str(f, x->severity);
	fputs(",\"message\":", f);
	json_str(f, x->message);
	fprintf(f, ",\"regression\":%s}", x->regression ? "true" : "false");
}

void findings_text(FILE *f, const struct finding_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		finding_print(f, &l->v[i]);
	for (size_t i = 0; i < l->errors.n; i++)
		fprintf(f, "%s\n", l->errors.v[i]);
}

void findings_json(FILE *f, const struct finding_list *l)
{
	fputs("{\"tool\":\"dmaconv check\",\"findings\":[", f);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputc(',', f);
		finding_json(f, &l->v[i]);
	}
	fputs("],\"errors\":[", f);
	for (size_t i = 0; i < l->errors.n; i++) {
		if (i)
			fputc(',', f);
		json_str(f, l->errors.v[i]);
	}
	fputs("]}\n", f);
}
