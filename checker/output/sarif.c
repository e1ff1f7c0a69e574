// SPDX-License-Identifier: GPL-2.0
/*
 * -f sarif: SARIF 2.1.0 on stdout, for code-scanning services and IDEs.
 * One run: the tool with one rule per check id (its docs page as
 * helpUri), one result per finding with its location, and what went
 * wrong with a file as the invocation's notifications: an error, the
 * lines a sparse error dropped (partial), a best-effort parse
 * (incomplete; its findings carry "complete": false in their
 * properties).  Each file given is an artifact with its status.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dmacheck.h"
#include "front.h"
#include "output.h"
#include "version.h"

static const char *const status_names[] = {
	[ST_OK] = "ok", [ST_PARTIAL] = "partial", [ST_ERROR] = "error",
};

/* A file as an absolute file: URI (relative paths from the current folder). */
static void file_uri(FILE *out, const char *path)
{
	char cwd[PATH_MAX], *full;

	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd))) {
		dmc_json_uri(out, "file://", path);
		return;
	}
	full = malloc(strlen(cwd) + strlen(path) + 2);
	if (!full) {
		dmc_json_uri(out, "file://", path);
		return;
	}
	sprintf(full, "%s/%s", cwd, path);
	dmc_json_uri(out, "file://", full);
	free(full);
}

/*
 * sparse's column counts tabs to the next multiple of 8 and bytes; SARIF
 * counts code points (columnKind unicodeCodePoints).  0 when unknown.
 */
static int char_column(const char *file, int line, int col)
{
	FILE *f = fopen(file, "r");
	char *text = NULL;
	size_t cap = 0;
	int n = 0, c = 1, chars = 1, i;

	if (!f)
		return 0;
	while (n < line && getline(&text, &cap, f) > 0)
		n++;
	fclose(f);
	if (n != line) {
		free(text);
		return 0;
	}
	for (i = 0; text[i] && text[i] != '\n' && c < col; i++) {
		c = text[i] == '\t' ? ((c - 1) / 8 + 1) * 8 + 1 : c + 1;
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			chars++;
	}
	free(text);
	return c == col ? chars : 0;
}

static void print_rules(FILE *out)
{
	int i;

	fputs("\"rules\":[", out);
	for (i = 0; i < NR_CHECKS; i++) {
		fputs(i ? ",{\"id\":" : "{\"id\":", out);
		dmc_json_string(out, dmc_check_name(i));
		fputs(",\"name\":", out);
		dmc_json_string(out, dmc_check_name(i));
		fputs(",\"shortDescription\":{\"text\":", out);
		dmc_json_string(out, dmc_check_summary(i));
		fputs("},\"helpUri\":", out);
		dmc_json_uri(out, "file://", dmc_check_doc_uri(dmc_check_name(i)));
		fputs(",\"defaultConfiguration\":{\"level\":\"warning\"}}", out);
	}
	fputc(']', out);
}

static void notification(FILE *out, bool *first, const char *level,
			 const struct dmc_file *f, const char *text, int line)
{
	fputs(*first ? "{\"level\":" : ",{\"level\":", out);
	*first = false;
	dmc_json_string(out, level);
	fputs(",\"message\":{\"text\":", out);
	dmc_json_string(out, text);
	fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", out);
	file_uri(out, f->name);
	fputc('}', out);
	if (line > 0)
		fprintf(out, ",\"region\":{\"startLine\":%d}", line);
	fputs("}}]}", out);
}

static void print_notifications(FILE *out)
{
	const struct dmc_results *r = &dmc_results;
	bool first = true;
	char buf[1024];
	int i, k;

	fputs("\"toolExecutionNotifications\":[", out);
	for (i = 0; i < r->nr_files; i++) {
		const struct dmc_file *f = &r->files[i];

		if (f->status == ST_ERROR)
			notification(out, &first, "error", f, f->error, 0);
		for (k = 0; k < f->nr_dropped; k++) {
			snprintf(buf, sizeof(buf), "partial: line %d of %s() was dropped by a sparse error (%s); the analysis did not see it",
				 f->dropped[k].line, f->dropped[k].function, f->dropped[k].message);
			notification(out, &first, "warning", f, buf, f->dropped[k].line);
		}
		if (f->incomplete) {
			snprintf(buf, sizeof(buf), "incomplete parse (--best-effort): %d header%s treated as empty; findings in this file say so",
				 f->nr_missing, f->nr_missing == 1 ? "" : "s");
			notification(out, &first, "note", f, buf, 0);
		}
	}
	if (r->facts_error) {
		snprintf(buf, sizeof(buf), "%s: %s", dmc_opt.facts, r->facts_error);
		fputs(first ? "{\"level\":\"error\",\"message\":{\"text\":" :
		      ",{\"level\":\"error\",\"message\":{\"text\":", out);
		dmc_json_string(out, buf);
		fputs("}}", out);
	}
	fputc(']', out);
}

static void print_artifacts(FILE *out)
{
	const struct dmc_results *r = &dmc_results;
	int i, k;

	fputs("\"artifacts\":[", out);
	for (i = 0; i < r->nr_files; i++) {
		const struct dmc_file *f = &r->files[i];

		fputs(i ? ",{\"location\":{\"uri\":" : "{\"location\":{\"uri\":", out);
		file_uri(out, f->name);
		fputs("},\"properties\":{\"status\":", out);
		dmc_json_string(out, status_names[f->status]);
		fprintf(out, ",\"complete\":%s,\"legacyHeader\":%s,\"missingHeaders\":[",
			f->incomplete ? "false" : "true", f->legacy_header ? "true" : "false");
		for (k = 0; k < f->nr_missing; k++) {
			if (k)
				fputc(',', out);
			dmc_json_string(out, f->missing[k]);
		}
		fputs("]}}", out);
	}
	fputc(']', out);
}

static void print_result(FILE *out, const struct dmc_finding *f, bool first)
{
	int col = char_column(f->file, f->line, f->column);

	fputs(first ? "{\"ruleId\":" : ",{\"ruleId\":", out);
	dmc_json_string(out, f->check);
	fprintf(out, ",\"ruleIndex\":%d,\"level\":\"warning\",\"message\":{\"text\":",
		dmc_check_by_name(f->check));
	dmc_json_string(out, f->message);
	fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", out);
	file_uri(out, f->file);
	fprintf(out, "},\"region\":{\"startLine\":%d", f->line > 0 ? f->line : 1);
	if (col > 0)
		fprintf(out, ",\"startColumn\":%d", col);
	fprintf(out, "}}}],\"properties\":{\"complete\":%s}}", f->incomplete ? "false" : "true");
}

void dmc_print_sarif(FILE *out)
{
	const struct dmc_results *r = &dmc_results;
	bool ok = !r->facts_error;
	int i;

	for (i = 0; i < r->nr_files; i++)
		ok &= r->files[i].status == ST_OK;
	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
	      "\"tool\":{\"driver\":{\"name\":\"dmacheck\",\"version\":", out);
	dmc_json_string(out, DMACHECK_VERSION);
	fputs(",\"semanticVersion\":", out);
	dmc_json_string(out, DMACHECK_VERSION ".0");
	fputs(",\"informationUri\":", out);
	dmc_json_uri(out, "file://", dmc_check_doc_uri(NULL));
	fputs(",", out);
	print_rules(out);
	fputs("}},\"columnKind\":\"unicodeCodePoints\",\"invocations\":[{\"executionSuccessful\":", out);
	fputs(ok ? "true," : "false,", out);
	print_notifications(out);
	fputs("}],", out);
	print_artifacts(out);
	fputs(",\"results\":[", out);
	for (i = 0; i < r->nr_findings; i++)
		print_result(out, &r->findings[i], i == 0);
	fputs("],\"properties\":{\"sparse\":", out);
	dmc_json_string(out, SPARSE_VERSION);
	if (*DMACHECK_GIT) {
		fputs(",\"git\":", out);
		dmc_json_string(out, DMACHECK_GIT);
	}
	fputs("}}]}\n", out);
	fflush(out);
}
