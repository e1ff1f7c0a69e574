// SPDX-License-Identifier: GPL-2.0
/*
 * The mails of dmaconv series, one per driver, as git format-patch writes
 * them: subject "<subsystem>: <driver>: convert to dma_alloc_noncoherent",
 * the body made of the semantic patches' descriptions and the site log,
 * a diffstat, and the driver's diff with "diff --git" lines for git am.
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

/* Wrap text at 72 columns, the kernel's commit message width. */
static void wrap(FILE *f, const char *text)
{
	size_t col = 0;

	while (*text) {
		size_t w = strcspn(text, " ");

		if (col && col + 1 + w > 72) {
			fputc('\n', f);
			col = 0;
		} else if (col) {
			fputc(' ', f);
			col++;
		}
		fwrite(text, 1, w, f);
		col += w;
		text += w;
		while (*text == ' ')
			text++;
	}
	if (col)
		fputc('\n', f);
}

/* The first DMA API call named in a site's code: "dma_cache_sync". */
static char *dma_call(const char *code)
{
	for (const char *p = code; (p = strstr(p, "dma")); p++) {
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz_0123456789");

		if ((p == code || !strchr("abcdefghijklmnopqrstuvwxyz_", p[-1])) &&
		    (p[n] == '(' || (p[n] == ' ' && p[n + 1] == '(')))
			return xstrndup(p, n);
	}
	return NULL;
}

static void site_line(FILE *f, const struct site *x)
{
	char *from = dma_call(x->old_text), *to = dma_call(x->new_text);

	fprintf(f, "  %s:%d: ", path_base(x->file), x->line);
	if (from && to)
		fprintf(f, "%s() -> %s() ", from, to);
	fprintf(f, "(%s, %s)\n", x->rule, x->confidence);
	free(from);
	free(to);
}

static void body(FILE *f, const struct driver *d, const struct strlist *why)
{
	char *intro = xasprintf("Move %s off the DMA API removed in Linux 5.10 "
				"(dma_cache_sync() and DMA_ATTR_NON_CONSISTENT).",
				d->name);

	wrap(f, intro);
	fputc('\n', f);
	free(intro);
	for (size_t i = 0; i < why->n; i++) {
		wrap(f, why->v[i]);
		fputc('\n', f);
	}
	fputs("Sites converted (dmaconv):\n", f);
	for (size_t i = 0; i < d->sites.n; i++)
		site_line(f, &d->sites.v[i]);
	if (d->left.n)
		fputs("\nLeft for review:\n", f);
	for (size_t i = 0; i < d->left.n; i++)
		fprintf(f, "  %s:%d: %s\n", path_base(d->left.v[i].file),
			d->left.v[i].line, d->left.v[i].reason);
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

/* "0001-net-ringnic-convert-to-dma_alloc_noncoherent.patch" */
char *mail_name(size_t n, const struct driver *d)
{
	struct strbuf sb = { 0 };
	char *subject = xasprintf("%s %s convert to dma_alloc_noncoherent",
				  d->subsystem, d->name);
	int dash = 0;

	sb_printf(&sb, "%04zu-", n);
	for (const char *p = subject; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '.') {
			sb_add(&sb, p, 1);
			dash = 0;
		} else if (!dash) {
			sb_puts(&sb, "-");
			dash = 1;
		}
	}
	sb_puts(&sb, ".patch");
	free(subject);
	return sb.s;
}

/*
 * Patch n of total, for driver d, as git format-patch writes it; why holds
 * the descriptions of the semantic patches that changed d.
 */
int mail_write(const char *path, const struct driver *d, size_t n,
	       size_t total, const char *from, int signoff,
	       const struct strlist *why)
{
	FILE *f = fopen(path, "w");
	char date[64];
	time_t now = time(NULL);

	if (!f)
		return -1;
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000",
		 gmtime(&now));
	fprintf(f, "From 0000000000000000000000000000000000000000 Mon Sep 17 "
		"00:00:00 2001\nFrom: %s\nDate: %s\n", from, date);
	if (total > 1)
		fprintf(f, "Subject: [PATCH %zu/%zu] ", n, total);
	else
		fputs("Subject: [PATCH] ", f);
	fprintf(f, "%s: %s: convert to dma_alloc_noncoherent\n\n",
		d->subsystem, d->name);
	body(f, d, why);
	if (signoff)
		fprintf(f, "\nSigned-off-by: %s\n", from);
	fputs("---\n", f);
	diffstat(f, d);
	git_diff(f, d->diff.s);
	/* The signature separator: two dashes and a blank. */
	fputs("-- ", f);
	fputs("\ndmaconv\n\n", f);
	return fclose(f);
}
