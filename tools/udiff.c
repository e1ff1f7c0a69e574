// SPDX-License-Identifier: GPL-2.0
/*
 * Unified diffs: produce one with diff(1) and walk one as change blocks
 * (a run of removed lines followed by a run of added lines).  A block is
 * what the site log calls a site: old code, new code, where.
 */
#include <stdlib.h>
#include <string.h>
#include "model.h"

struct walker {
	char *file;
	int old_no, new_no;
	int start_old, start_new;
	struct strbuf old, new;
	int nold, nnew;
	diff_block_fn fn;
	void *data;
};

static void flush(struct walker *w)
{
	struct diff_block b;

	if (!w->nold && !w->nnew)
		return;
	b.file = w->file ? w->file : "";
	b.old_line = w->start_old;
	b.new_line = w->start_new;
	b.old_text = w->old.s ? w->old.s : "";
	b.new_text = w->new.s ? w->new.s : "";
	b.nold = w->nold;
	b.nnew = w->nnew;
	w->fn(&b, w->data);
	sb_free(&w->old);
	sb_free(&w->new);
	w->nold = w->nnew = 0;
}

static void add_text(struct strbuf *sb, const char *line, size_t n)
{
	char *t = trim_dup(line, n);

	if (*t) {
		if (sb->len)
			sb_puts(sb, " ");
		sb_puts(sb, t);
	}
	free(t);
}

static char *strip_name(const char *p, size_t n)
{
	char *name, *tab;

	name = xstrndup(p, n);
	tab = strchr(name, '\t');
	if (tab)
		*tab = '\0';
	if (starts_with(name, "b/") || starts_with(name, "a/"))
		memmove(name, name + 2, strlen(name + 2) + 1);
	while (starts_with(name, "./"))
		memmove(name, name + 2, strlen(name + 2) + 1);
	return name;
}

static void one_line(struct walker *w, const char *l, size_t n)
{
	if (starts_with(l, "+++ ")) {
		flush(w);
		free(w->file);
		w->file = strip_name(l + 4, n - 4);
	} else if (starts_with(l, "--- ") || starts_with(l, "diff ")) {
		flush(w);
	} else if (starts_with(l, "@@ ")) {
		flush(w);
		sscanf(l, "@@ -%d%*[^+]+%d", &w->old_no, &w->new_no);
	} else if (*l == '-') {
		if (w->nnew)
			flush(w);
		if (!w->nold && !w->nnew) {
			w->start_old = w->old_no;
			w->start_new = w->new_no;
		}
		add_text(&w->old, l + 1, n - 1);
		w->nold++;
		w->old_no++;
	} else if (*l == '+') {
		if (!w->nold && !w->nnew) {
			w->start_old = w->old_no;
			w->start_new = w->new_no;
		}
		add_text(&w->new, l + 1, n - 1);
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

/* diff -u a b, both sides labelled with the display path. */
int diff_files(const char *a, const char *b, const char *label,
	       struct strbuf *out)
{
	char *la = xasprintf("a/%s", label), *lb = xasprintf("b/%s", label);
	char *argv[] = { "diff", "-u", "-p", "--label", la, "--label", lb,
			 (char *)a, (char *)b, NULL };
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
