// SPDX-License-Identifier: GPL-2.0
/*
 * The review as one self-contained HTML page: a summary table, then one
 * section per driver with its diff on the left and the sites and dmacheck
 * findings on the right.
 */
#include <stdlib.h>
#include <string.h>
#include "change/verdict.h"
#include "render/review_html.h"
#include "util/str.h"

static void esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static const char style[] =
"body{font-family:sans-serif;margin:1em 2em}"
"section{border-top:2px solid #888;margin-top:1.5em}"
".cols{display:flex;gap:1.5em}.cols>div{flex:1;min-width:0}"
"pre{background:#f6f6f6;padding:.5em;overflow-x:auto;font-size:90%}"
".add{color:#064;background:#e6ffe6}.del{color:#800;background:#ffe6e6}"
".hunk{color:#449}.file{font-weight:bold}.reg{color:#b00;font-weight:bold}"
"table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
"text-align:left;vertical-align:top;font-size:90%}"
".v-ready{color:#064}.v-not{color:#b00}.v-human{color:#a60}";

static const char *verdict_class(enum verdict v)
{
	if (v <= READY_WITH_NOTES)
		return "v-ready";
	return v == NEEDS_HUMAN ? "v-human" : "v-not";
}

static void diff_html(FILE *f, const char *diff)
{
	fputs("<pre>", f);
	for (const char *p = diff; p && *p; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n);
		const char *cls = starts_with(line, "@@") ? "hunk" :
				  starts_with(line, "+++ ") ||
				  starts_with(line, "--- ") ? "file" :
				  (*line == '+' ? "add" :
				  (*line == '-' ? "del" : NULL));

		if (cls)
			fprintf(f, "<span class=\"%s\">", cls);
		esc(f, line);
		fputs(cls ? "</span>\n" : "\n", f);
		free(line);
		p = nl ? nl + 1 : NULL;
	}
	fputs("</pre>\n", f);
}

static void sites_html(FILE *f, const struct driver *d)
{
	fprintf(f, "<h3>Converted sites (%zu)</h3>\n<table><tr><th>where</th>"
		"<th>rule</th><th>confidence</th><th>old</th><th>new</th></tr>\n",
		d->sites.n);
	for (size_t i = 0; i < d->sites.n; i++) {
		const struct site *s = &d->sites.v[i];

		fputs("<tr><td>", f);
		esc(f, s->file);
		fprintf(f, ":%d</td><td>", s->line);
		esc(f, s->rule);
		fputs("</td><td>", f);
		esc(f, s->confidence);
		fputs("</td><td><code>", f);
		esc(f, s->old_text);
		fputs("</code></td><td><code>", f);
		esc(f, s->new_text);
		fputs("</code></td></tr>\n", f);
	}
	fprintf(f, "</table>\n<h3>Left for a human (%zu)</h3>\n<ul>\n",
		d->left.n);
	for (size_t i = 0; i < d->left.n; i++) {
		fputs("<li>", f);
		esc(f, d->left.v[i].file);
		fprintf(f, ":%d: ", d->left.v[i].line);
		esc(f, d->left.v[i].reason);
		fputs("</li>\n", f);
	}
	for (size_t i = 0; i < d->errors.n; i++) {
		fputs("<li class=\"reg\">not processed: ", f);
		esc(f, d->errors.v[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

static void findings_html(FILE *f, const char *when,
			  const struct finding_list *l)
{
	if (l->ran)
		fprintf(f, "<h3>dmacheck %s (%zu)</h3>\n<ul>\n", when, l->n);
	else
		fprintf(f, "<h3>dmacheck %s (not run)</h3>\n<ul>\n", when);
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *x = &l->v[i];

		fprintf(f, "<li%s>", x->regression ? " class=\"reg\"" : "");
		if (x->regression)
			fputs("REGRESSION: ", f);
		esc(f, x->file);
		fprintf(f, ":%d:%d: ", x->line, x->col);
		esc(f, x->message);
		fputs(" [", f);
		esc(f, x->check);
		fputs("]</li>\n", f);
	}
	fputs("</ul>\n", f);
}

static void driver_html(FILE *f, const struct driver *d, size_t idx)
{
	char *v = verdict_text(d);

	fprintf(f, "<section id=\"d%zu\"><h2>", idx);
	esc(f, d->subsystem);
	fputs(": ", f);
	esc(f, d->name);
	fprintf(f, "</h2>\n<p>folder <code>");
	esc(f, d->dir);
	fprintf(f, "</code>; verdict: <b class=\"%s\">",
		verdict_class(driver_verdict(d)));
	esc(f, v);
	fputs("</b></p>\n<div class=\"cols\"><div><h3>Diff</h3>\n", f);
	free(v);
	diff_html(f, d->diff.s);
	fputs("</div><div>\n", f);
	sites_html(f, d);
	findings_html(f, "before", &d->before);
	findings_html(f, "after", &d->after);
	fputs("</div></div></section>\n", f);
}

void review_html(FILE *f, const struct review *rv)
{
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	      "<title>dmaconv review</title>\n<style>", f);
	fputs(style, f);
	fputs("</style></head><body>\n<h1>dmaconv review of ", f);
	esc(f, rv->label);
	fputs("</h1>\n<table><tr><th>driver</th><th>verdict</th><th>sites"
	      "</th><th>left</th><th>regressions</th></tr>\n", f);
	for (size_t i = 0; i < rv->ds.n; i++) {
		const struct driver *d = &rv->ds.v[i];
		enum verdict v = driver_verdict(d);

		fprintf(f, "<tr><td><a href=\"#d%zu\">", i);
		esc(f, d->subsystem);
		fputs(": ", f);
		esc(f, d->name);
		fprintf(f, "</a></td><td class=\"%s\">%s</td><td>%zu</td>"
			"<td>%zu</td><td>%d</td></tr>\n", verdict_class(v),
			verdict_name(v), d->sites.n, d->left.n,
			d->regressions);
	}
	fputs("</table>\n", f);
	for (size_t i = 0; i < rv->ds.n; i++)
		driver_html(f, &rv->ds.v[i], i);
	fputs("</body></html>\n", f);
}
