// SPDX-License-Identifier: GPL-2.0
/*
 * The review as one self-contained HTML page: a summary table, then one
 * section per driver with its diff on the left and the sites and dmacheck
 * findings on the right.  Every diff line has an anchor (d<driver>-f<file>
 * -L<new line> or -O<old line> for a removed one) and every site and
 * finding links to the line it concerns (the file's header when the line
 * is outside the diff).  Nothing overflows sideways: code wraps inside
 * its box (pre-wrap, break anywhere), the two columns stack on a narrow
 * window.  The title names the trees as the user did, relative to the
 * current folder, never by a temporary folder's absolute path.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "change/verdict.h"
#include "render/review_html.h"
#include "util/path.h"
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
"html,body{max-width:100%;overflow-x:hidden}"
"body{font-family:sans-serif;margin:1em 2em;overflow-wrap:anywhere}"
"section{border-top:2px solid #888;margin-top:1.5em}"
".cols{display:flex;flex-wrap:wrap;gap:1.5em}"
".cols>div{flex:1 1 30em;min-width:0;max-width:100%}"
"pre{background:#f6f6f6;padding:.5em;font-size:90%;white-space:pre-wrap;"
"overflow-wrap:anywhere;word-break:break-all;overflow-x:auto;max-width:100%}"
"pre span{display:block}pre span:target{outline:2px solid #e90}"
"code{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all}"
".add{color:#064;background:#e6ffe6}.del{color:#800;background:#ffe6e6}"
".hunk{color:#449}.file{font-weight:bold}.reg{color:#b00;font-weight:bold}"
"table{border-collapse:collapse;table-layout:fixed;width:100%}"
"td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;"
"vertical-align:top;font-size:90%;overflow-wrap:anywhere}"
".v-ready{color:#064}.v-not{color:#b00}.v-human{color:#a60}";

static const char *verdict_class(enum verdict v)
{
	if (verdict_is_ready(v))
		return "v-ready";
	return v == NEEDS_HUMAN || v == NOT_DMA ? "v-human" : "v-not";
}

/* The anchors of one driver's diff: (file, side, line) per id. */
struct anchors {
	size_t idx;			/* the driver's number */
	struct strlist files;		/* new-side names, in diff order */
	struct strlist lines;		/* "<file>:<L|O><line>" present */
};

static int file_index(const struct anchors *a, const char *file)
{
	const char *f = file + (*file == '/');

	for (size_t k = 0; k < a->files.n; k++)
		if (!strcmp(a->files.v[k], f))
			return (int)k;
	return -1;
}

/* Write the href for (file, side, line): "#d0-f1-L103". */
static void href(FILE *f, const struct anchors *a, const char *file, char side,
		 int line)
{
	int k = file_index(a, file);
	char key[64];

	if (k < 0) {
		fprintf(f, "#d%zu", a->idx);
		return;
	}
	snprintf(key, sizeof(key), "%d:%c%d", k, side, line);
	if (sl_contains(&a->lines, key))
		fprintf(f, "#d%zu-f%d-%c%d", a->idx, k, side, line);
	else
		fprintf(f, "#d%zu-f%d", a->idx, k);
}

static void link_open(FILE *f, const struct anchors *a, const char *file,
		      char side, int line)
{
	fputs("<a href=\"", f);
	href(f, a, file, side, line);
	fputs("\">", f);
	esc(f, file);
	fprintf(f, ":%d</a>", line);
}

/* The new-side name of a "+++ b/x" line. */
static char *plus_name(const char *line, size_t n)
{
	const char *p = line + 4;
	size_t k;

	if (starts_with(p, "b/"))
		p += 2;
	k = strcspn(p, "\t\n");
	if (p + k > line + n)
		k = line + n - p;
	return xstrndup(p, k);
}

/* One pass over the diff: the anchors, or (f != NULL) the HTML too. */
static void diff_walk(FILE *f, const char *diff, struct anchors *a)
{
	int oldl = 0, newl = 0, k = -1;

	if (f)
		fputs("<pre>", f);
	for (const char *p = diff; p && *p; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n);
		const char *cls = NULL;
		char id[80] = "";

		if (starts_with(line, "+++ ")) {
			char *name = plus_name(line, n);

			if (!f)
				sl_push(&a->files, name);
			k = file_index(a, name);
			snprintf(id, sizeof(id), "d%zu-f%d", a->idx, k);
			cls = "file";
			free(name);
		} else if (starts_with(line, "--- ")) {
			cls = "file";
		} else if (starts_with(line, "@@")) {
			if (sscanf(line, "@@ -%d%*[^+]+%d", &oldl, &newl) != 2)
				oldl = newl = 0;
			cls = "hunk";
		} else if (k >= 0) {
			char side = *line == '-' ? 'O' : 'L';
			int ln = side == 'O' ? oldl : newl;
			char key[64];

			snprintf(id, sizeof(id), "d%zu-f%d-%c%d", a->idx, k,
				 side, ln);
			snprintf(key, sizeof(key), "%d:%c%d", k, side, ln);
			if (!f)
				sl_push(&a->lines, key);
			/* A context line is on both sides. */
			if (!f && *line != '-' && *line != '+') {
				snprintf(key, sizeof(key), "%d:O%d", k, oldl);
				sl_push(&a->lines, key);
			}
			cls = *line == '+' ? "add" : *line == '-' ? "del" : "ctx";
			oldl += *line != '+';
			newl += *line != '-';
		}
		if (f) {
			fputs("<span", f);
			if (*id)
				fprintf(f, " id=\"%s\"", id);
			if (cls)
				fprintf(f, " class=\"%s\"", cls);
			fputs(">", f);
			esc(f, line);
			fputs("</span>", f);
		}
		free(line);
		p = nl ? nl + 1 : NULL;
	}
	if (f)
		fputs("</pre>\n", f);
}

static void sites_html(FILE *f, const struct driver *d,
		       const struct anchors *a)
{
	fprintf(f, "<h3>Converted sites (%zu)</h3>\n<table><tr><th>where</th>"
		"<th>rule</th><th>confidence</th><th>old</th><th>new</th></tr>\n",
		d->sites.n);
	for (size_t i = 0; i < d->sites.n; i++) {
		const struct site *s = &d->sites.v[i];

		fputs("<tr><td>", f);
		link_open(f, a, s->file, 'O', s->line);
		fputs("</td><td>", f);
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
		d->left.n + d->legacy_after.n);
	for (size_t i = 0; i < d->legacy_after.n; i++) {
		fputs("<li class=\"reg\">", f);
		link_open(f, a, d->legacy_after.v[i].file, 'L',
			  d->legacy_after.v[i].line);
		fputs(": still uses the API removed in Linux 5.10: <code>", f);
		esc(f, d->legacy_after.v[i].old_text);
		fputs("</code></li>\n", f);
	}
	for (size_t i = 0; i < d->left.n; i++) {
		fputs("<li>", f);
		link_open(f, a, d->left.v[i].file, 'L', d->left.v[i].line);
		fputs(": ", f);
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
			  const struct finding_list *l,
			  const struct anchors *a, char side)
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
		link_open(f, a, x->file, side, x->line);
		fprintf(f, ":%d: ", x->col);
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
	struct anchors a = { idx, { 0 }, { 0 } };

	diff_walk(NULL, d->diff.s, &a);
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
	diff_walk(f, d->diff.s, &a);
	fputs("</div><div>\n", f);
	sites_html(f, d, &a);
	findings_html(f, "before", &d->before, &a, 'O');
	findings_html(f, "after", &d->after, &a, 'L');
	fputs("</div></div></section>\n", f);
	sl_free(&a.files);
	sl_free(&a.lines);
}

/* One side as the user named it, relative to here; a far path by name. */
static void side_name(FILE *f, const char *s, size_t n)
{
	char *one = trim_dup(s, n), *here = getcwd(NULL, 0);
	size_t h = here ? strlen(here) : 0;

	if (*one != '/')
		esc(f, one);
	else if (here && !strncmp(one, here, h) && one[h] == '/')
		esc(f, one + h + 1);
	else
		esc(f, path_base(one));
	free(one);
	free(here);
}

static void label_html(FILE *f, const char *label)
{
	const char *arrow = strstr(label, " -> ");

	if (!arrow) {
		side_name(f, label, strlen(label));
		return;
	}
	side_name(f, label, arrow - label);
	fputs(" -&gt; ", f);
	side_name(f, arrow + 4, strlen(arrow + 4));
}

void review_html(FILE *f, const struct review *rv)
{
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	      "<meta name=\"viewport\" content=\"width=device-width\">"
	      "<title>dmaconv review of ", f);
	label_html(f, rv->label);
	fputs("</title>\n<style>", f);
	fputs(style, f);
	fputs("</style></head><body>\n<h1>dmaconv review of ", f);
	label_html(f, rv->label);
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
			verdict_name(v), d->sites.n,
			d->left.n + d->legacy_after.n, d->regressions);
	}
	fputs("</table>\n", f);
	for (size_t i = 0; i < rv->ds.n; i++)
		driver_html(f, &rv->ds.v[i], i);
	fputs("</body></html>\n", f);
}
