// SPDX-License-Identifier: GPL-2.0
/*
 * The mails of dmaconv series, as git format-patch writes them: the mbox
 * "From " line, From/Date/Subject/To/Cc, the commit message, "---", the
 * notes a reviewer reads and git am drops, a diffstat, the driver's diff
 * with "diff --git" lines for git am (added lines indented with tabs),
 * and the signature.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "change/udiff.h"
#include "render/mail.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/str.h"

/*
 * An added line's indent as the kernel writes it: tabs, then fewer than
 * eight blanks to align (spatch's pretty printer can align a rewritten
 * call's arguments with blanks where tabs fit: checkpatch's CODE_INDENT
 * error).  The column of the text does not change, unless aligning
 * it would pass the kernel's 100 columns (checkpatch's LONG_LINE
 * warning): then it starts at the last tab stop where it fits, which
 * --strict only notes as an alignment CHECK.
 */
#define MAX_LINE_COLS	100

static void added_line(FILE *f, const char *p, size_t n)
{
	size_t i = 1, col = 0, len;

	for (; i < n && (p[i] == ' ' || p[i] == '\t'); i++)
		col = p[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
	if (i == n || p[i] == '\n') {
		fwrite(p, 1, n, f);
		return;
	}
	len = n - i - (p[n - 1] == '\n');
	if (col + len > MAX_LINE_COLS && len + 8 <= MAX_LINE_COLS &&
	    (MAX_LINE_COLS - len) / 8 * 8 >= 8)
		col = (MAX_LINE_COLS - len) / 8 * 8;
	fputc('+', f);
	for (size_t t = 0; t < col / 8; t++)
		fputc('\t', f);
	fprintf(f, "%*s", (int)(col % 8), "");
	fwrite(p + i, 1, n - i, f);
}

/* git apply wants "diff --git" before each file's "---" line. */
static void git_diff(FILE *f, const char *diff)
{
	for (const char *p = diff; p && *p; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);

		if (starts_with(p, "--- a/")) {
			const char *name = p + 6;
			size_t k = strcspn(name, "\t\n");

			fprintf(f, "diff --git a/%.*s b/%.*s\n", (int)k, name,
				(int)k, name);
		}
		if (*p == '+' && !starts_with(p, "+++ "))
			added_line(f, p, n);
		else
			fwrite(p, 1, n, f);
		p = nl ? nl + 1 : NULL;
	}
}

static void diffstat(FILE *f, const struct driver *d)
{
	int files = 0, add = 0, del = 0;

	for (size_t k = 0; k < d->nfiles; k++) {
		struct strbuf one = { 0 };
		int a = 0, r = 0;
		const struct conv_file *cf = &d->files[k];

		if (!cf->changed)
			continue;
		diff_files(is_file(cf->src) ? cf->src : "/dev/null",
			   is_file(cf->after) ? cf->after : "/dev/null",
			   cf->disp, &one);
		for (const char *p = one.s; p && *p; p = strchr(p, '\n'),
		     p = p ? p + 1 : NULL) {
			if (*p == '+' && !starts_with(p, "+++"))
				a++;
			else if (*p == '-' && !starts_with(p, "---"))
				r++;
		}
		fprintf(f, " %s | %d %.*s%.*s\n", cf->disp, a + r, a > 40 ? 40 : a,
			"++++++++++++++++++++++++++++++++++++++++", r > 40 ? 40 : r,
			"----------------------------------------");
		files++;
		add += a;
		del += r;
		sb_free(&one);
	}
	fprintf(f, " %d file%s changed, %d insertion%s(+), %d deletion%s(-)\n\n",
		files, files == 1 ? "" : "s", add, add == 1 ? "" : "s", del,
		del == 1 ? "" : "s");
}

/* "0001-net-ringnic-use-dma_alloc_noncoherent.patch", as git names them. */
char *mail_name(size_t n, const char *subject)
{
	struct strbuf sb = { 0 };
	size_t start;
	int dash = 0;

	sb_printf(&sb, "%04zu-", n);
	start = sb.len;
	for (const char *p = subject; *p && sb.len - start < 52; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '.') {
			sb_add(&sb, p, 1);
			dash = 0;
		} else if (!dash) {
			sb_puts(&sb, "-");
			dash = 1;
		}
	}
	while (sb.len > start && (sb.s[sb.len - 1] == '-' ||
				  sb.s[sb.len - 1] == '.'))
		sb.s[--sb.len] = '\0';
	sb_puts(&sb, ".patch");
	return sb.s;
}

static void addresses(FILE *f, const char *field, const struct strlist *l)
{
	for (size_t i = 0; l && i < l->n; i++)
		fprintf(f, "%s%s%s", i ? ",\n    " : field, l->v[i],
			i + 1 == l->n ? "\n" : "");
}

int mail_write(const char *path, const struct mail *m)
{
	FILE *f = fopen(path, "w");
	char date[64];
	time_t now = time(NULL);

	if (!f)
		return -1;
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000",
		 gmtime(&now));
	fprintf(f, "From 0000000000000000000000000000000000000000 Mon Sep 17 "
		"00:00:00 2001\nFrom: %s\nDate: %s\n", m->from, date);
	if (m->total > 1 || !m->d)
		fprintf(f, "Subject: [%s %zu/%zu] %s\n", m->tag, m->n,
			m->total, m->subject);
	else
		fprintf(f, "Subject: [%s] %s\n", m->tag, m->subject);
	addresses(f, "To: ", m->to);
	addresses(f, "Cc: ", m->cc);
	fputs("\n", f);
	fputs(m->body.s ? m->body.s : "", f);
	if (m->d) {
		fputs("---\n", f);
		if (m->notes.len)
			fprintf(f, "%s\n", m->notes.s);
		diffstat(f, m->d);
		git_diff(f, m->d->diff.s);
	} else if (m->notes.len) {
		fprintf(f, "\n%s", m->notes.s);
	}
	/* The signature separator: two dashes and a blank. */
	fputs("-- ", f);
	fprintf(f, "\ndmaconv %s\n\n", m->version);
	return fclose(f);
}
