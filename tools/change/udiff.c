// SPDX-License-Identifier: GPL-2.0
/*
 * Unified diffs: produce one with diff(1) and walk one as change blocks
 * (a run of removed lines followed by a run of added lines).  A block is
 * what the site log calls a site: old code, new code, where.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "change/udiff.h"
#include "util/msg.h"
#include "util/quote.h"
#include "util/spawn.h"
#include "util/str.h"

/* A statement of a change block: its trimmed text and first line. */
struct stmt {
	struct strbuf text;
	int line;
	int done;
};

struct side {
	struct stmt *v;
	size_t n;
	int depth;
};

struct walker {
	char *file;
	int old_no, new_no;
	int start_old, start_new;
	struct strbuf old, new;
	int nold, nnew;
	struct side sold, snew;
	diff_block_fn fn;
	void *data;
};

static void side_free(struct side *s)
{
	for (size_t i = 0; i < s->n; i++)
		sb_free(&s->v[i].text);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Length of a line without a trailing comment (blanks trimmed). */
static size_t statement_end(const char *t)
{
	size_t n = strlen(t);
	const char *c = strstr(t, "//");

	if (n >= 2 && !strcmp(t + n - 2, "*/")) {
		const char *open = NULL;

		for (const char *p = t; (p = strstr(p, "/*")); p++)
			open = p;
		if (open)
			n = open - t;
	} else if (c) {
		n = c - t;
	}
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	return n;
}

/* Cut a side into statements: a line ending at depth 0 with ; { or }. */
static void side_add(struct side *s, const char *t, int line)
{
	struct stmt *st;
	size_t n;

	if (!*t)
		return;
	if (!s->n || s->v[s->n - 1].done) {
		s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
		st = &s->v[s->n++];
		memset(st, 0, sizeof(*st));
		st->line = line;
	}
	st = &s->v[s->n - 1];
	if (st->text.len)
		sb_puts(&st->text, " ");
	sb_puts(&st->text, t);
	for (const char *p = t; *p; p++)
		s->depth += (*p == '(') - (*p == ')');
	n = statement_end(t);
	st->done = s->depth <= 0 && n && strchr(";{}", t[n - 1]);
	if (st->done)
		s->depth = 0;
}

static void emit(struct walker *w, const char *o, const char *n, int ol,
		 int nl, int nold, int nnew)
{
	struct diff_block b;

	b.file = w->file ? w->file : "";
	b.old_line = ol;
	b.new_line = nl;
	b.old_text = (char *)o;
	b.new_text = (char *)n;
	b.nold = nold;
	b.nnew = nnew;
	w->fn(&b, w->data);
}

/* Pair statements one to one when both sides have the same count. */
static void flush(struct walker *w)
{
	if (!w->nold && !w->nnew)
		return;
	if (w->sold.n > 1 && w->sold.n == w->snew.n) {
		for (size_t i = 0; i < w->sold.n; i++)
			emit(w, w->sold.v[i].text.s, w->snew.v[i].text.s,
			     w->sold.v[i].line, w->snew.v[i].line, 1, 1);
	} else {
		emit(w, w->old.s ? w->old.s : "", w->new.s ? w->new.s : "",
		     w->start_old, w->start_new, w->nold, w->nnew);
	}
	sb_free(&w->old);
	sb_free(&w->new);
	side_free(&w->sold);
	side_free(&w->snew);
	w->nold = w->nnew = 0;
}

static void add_text(struct strbuf *sb, struct side *s, const char *line,
		     size_t n, int line_no)
{
	char *t = trim_dup(line, n);

	if (*t) {
		if (sb->len)
			sb_puts(sb, " ");
		sb_puts(sb, t);
	}
	side_add(s, t, line_no);
	free(t);
}

/* A header's name: C-quoted as git writes odd names, or up to a tab. */
static char *strip_name(const char *p, size_t n)
{
	char *name, *tab;

	name = unquote_c_style(p, n, NULL);
	if (!name) {
		name = xstrndup(p, n);
		tab = strchr(name, '\t');
		if (tab)
			*tab = '\0';
	}
	if (starts_with(name, "b/") || starts_with(name, "a/"))
		memmove(name, name + 2, strlen(name + 2) + 1);
	while (starts_with(name, "./"))
		memmove(name, name + 2, strlen(name + 2) + 1);
	return name;
}

/*
 * The file a change is in: the new side's name, except where that is a
 * temporary name (spatch writes "+++ /tmp/cocci-output-...") or a file
 * removed: then the old side's.
 */
static void one_line(struct walker *w, const char *l, size_t n)
{
	if (starts_with(l, "+++ ")) {
		char *name = strip_name(l + 4, n - 4);

		flush(w);
		if (w->file && (strstr(name, "cocci-output-") ||
				!strcmp(name, "/dev/null"))) {
			free(name);
			return;
		}
		free(w->file);
		w->file = name;
	} else if (starts_with(l, "--- ")) {
		flush(w);
		free(w->file);
		w->file = strip_name(l + 4, n - 4);
		if (!strcmp(w->file, "/dev/null")) {
			free(w->file);
			w->file = NULL;
		}
	} else if (starts_with(l, "diff ")) {
		flush(w);
	} else if (starts_with(l, "@@ ")) {
		flush(w);
		/* Not "@@ -OLD[,N] +NEW[,N] @@": what it gave is all we have. */
		if (sscanf(l, "@@ -%d%*[^+]+%d", &w->old_no, &w->new_no) != 2)
			return;
	} else if (*l == '-') {
		if (w->nnew)
			flush(w);
		if (!w->nold && !w->nnew) {
			w->start_old = w->old_no;
			w->start_new = w->new_no;
		}
		add_text(&w->old, &w->sold, l + 1, n - 1, w->old_no);
		w->nold++;
		w->old_no++;
	} else if (*l == '+') {
		if (!w->nold && !w->nnew) {
			w->start_old = w->old_no;
			w->start_new = w->new_no;
		}
		add_text(&w->new, &w->snew, l + 1, n - 1, w->new_no);
		w->nnew++;
		w->new_no++;
	} else if (*l == ' ' || n == 0) {
		flush(w);
		w->old_no++;
		w->new_no++;
	}
}

void udiff_walk(const char *diff, diff_block_fn fn, void *data)
{
	struct walker w = { 0 };
	const char *p = diff;

	w.fn = fn;
	w.data = data;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		one_line(&w, p, n);
		p = nl ? nl + 1 : NULL;
	}
	flush(&w);
	free(w.file);
}

/* "a/PATH" as git writes it (quoted, also for an absolute PATH). */
static char *side_label(const char *side, const char *label)
{
	char *name = xasprintf("%s/%s", side, label + (*label == '/'));
	char *q = quote_diff_name(name);

	free(name);
	return q;
}

/* diff -u a b, both sides labelled with the display path. */
int diff_files(const char *a, const char *b, const char *label,
	       struct strbuf *out)
{
	char *la = side_label("a", label), *lb = side_label("b", label);
	char *const argv[] = { "diff", "-u", "-p", "--label", la, "--label", lb,
			       "--", (char *)a, (char *)b, NULL };
	struct run_result r;
	int ret = -1;

	if (!run_cmd(argv, NULL, &r) && r.status <= 1) {
		sb_add(out, r.out.s, r.out.len);
		ret = r.status;
	} else {
		err("diff %s %s failed: %s", a, b, r.err.s ? r.err.s : "");
	}
	run_free(&r);
	free(la);
	free(lb);
	return ret;
}
