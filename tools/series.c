// SPDX-License-Identifier: GPL-2.0
/*
 * dmaconv series: one git format-patch style mail per driver, subject
 * "<subsystem>: <driver>: convert to dma_alloc_noncoherent", the body
 * made of the semantic patches' descriptions and the site log.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "commands.h"
#include "review.h"

static const char usage[] =
"usage: dmaconv series [options] BEFORE AFTER\n"
"       dmaconv series [options] A..B [PATH...]\n"
"       dmaconv series [options] [PATH...]   (git work tree against HEAD)\n"
"\n"
"Turn a converted tree into one patch per driver, ready for git am and\n"
"git send-email: subject '<subsystem>: <driver>: convert to\n"
"dma_alloc_noncoherent', body from the semantic patches' descriptions\n"
"and the site log.\n"
"\n"
"  -o, --output-directory=DIR  where to write the patches (default: .)\n"
"      --from=\"NAME <EMAIL>\"   author (default: git config user.name/email)\n"
"  -s, --signoff               add Signed-off-by: for the author\n"
"  -C DIR                      the git repository (default: .)\n"
"  -q, --quiet                 no progress on stderr\n"
"  -h, --help                  this text\n"
"\n"
"Prints the names of the patches written.  Exit status: 0 done, 2 usage\n"
"error, 3 a patch could not be written, 4 spatch missing.\n";

struct series_opts {
	const char *outdir, *from;
	int signoff;
	struct change_opts ch;
};

static int parse_opts(int argc, char **argv, struct series_opts *o)
{
	static const struct option longs[] = {
		{ "output-directory", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'f' },
		{ "signoff", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	o->outdir = ".";
	while ((c = getopt_long(argc, argv, "+o:sC:qh", longs, NULL)) != -1) {
		switch (c) {
		case 'o': o->outdir = optarg; break;
		case 'f': o->from = optarg; break;
		case 's': o->signoff = 1; break;
		case 'C': o->ch.repo = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage, stdout); exit(EXIT_OK);
		default: return usage_error(usage);
		}
	}
	return EXIT_OK;
}

static char *git_config(const char *key)
{
	char *argv[] = { "git", "config", (char *)key, NULL };
	struct run_result r;
	char *v = NULL;

	if (!run_cmd(argv, NULL, &r) && !r.status && r.out.len)
		v = trim_dup(r.out.s, r.out.len);
	run_free(&r);
	return v;
}

static char *author(const struct series_opts *o)
{
	char *name, *mail, *a;

	if (o->from)
		return xstrdup(o->from);
	name = git_config("user.name");
	mail = git_config("user.email");
	a = xasprintf("%s <%s>", name ? name : "dmaconv",
		      mail ? mail : "dmaconv@localhost");
	free(name);
	free(mail);
	return a;
}

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

	fprintf(f, "  %s:%d: ", base_name(x->file), x->line);
	if (from && to)
		fprintf(f, "%s() -> %s() ", from, to);
	fprintf(f, "(%s, %s)\n", x->rule, x->confidence);
	free(from);
	free(to);
}

static void body(FILE *f, const struct driver *d, const struct cocci_series *s)
{
	char *intro = xasprintf("Move %s off the DMA API removed in Linux 5.10 "
				"(dma_cache_sync() and DMA_ATTR_NON_CONSISTENT).",
				d->name);

	wrap(f, intro);
	fputc('\n', f);
	free(intro);
	for (size_t i = 0; i < d->rules.n; i++) {
		const struct cocci_patch *p = cocci_find(s, d->rules.v[i]);

		if (p && *p->description) {
			wrap(f, p->description);
			fputc('\n', f);
		}
	}
	fputs("Sites converted (dmaconv):\n", f);
	for (size_t i = 0; i < d->sites.n; i++)
		site_line(f, &d->sites.v[i]);
	if (d->left.n)
		fputs("\nLeft for review:\n", f);
	for (size_t i = 0; i < d->left.n; i++)
		fprintf(f, "  %s:%d: %s\n", base_name(d->left.v[i].file),
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

static char *patch_name(size_t n, const struct driver *d)
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

static int write_patch(const char *path, const struct driver *d, size_t n,
		       size_t total, const char *from,
		       const struct series_opts *o, const struct cocci_series *s)
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
	body(f, d, s);
	if (o->signoff)
		fprintf(f, "\nSigned-off-by: %s\n", from);
	fputs("---\n", f);
	diffstat(f, d);
	git_diff(f, d->diff.s);
	fputs("-- \ndmaconv\n\n", f);
	return fclose(f);
}

int cmd_series(int argc, char **argv)
{
	struct series_opts o = { 0 };
	struct review rv = { 0 };
	struct engine_opts eng = ENGINE_OPTS_INIT;
	struct changeset cs;
	struct cocci_series s;
	size_t total = 0, n = 0;
	char *from;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (!ret)
		ret = load_cocci(&s);
	if (ret)
		return ret;
	ret = changeset_open(argv + optind, argc - optind, &o.ch, &cs);
	if (ret) {
		changeset_close(&cs);
		return ret;
	}
	review_build(&cs, &s, &eng, 0, &rv);
	if (mkdir_p(o.outdir)) {
		err("%s: cannot create the folder", o.outdir);
		changeset_close(&cs);
		return EXIT_INPUT;
	}
	from = author(&o);
	for (size_t i = 0; i < rv.ds.n; i++)
		total += rv.ds.v[i].diff.len > 0;
	for (size_t i = 0; i < rv.ds.n; i++) {
		const struct driver *d = &rv.ds.v[i];
		char *name, *path;

		if (!d->diff.len)
			continue;
		name = patch_name(++n, d);
		path = path_join(o.outdir, name);
		if (write_patch(path, d, n, total, from, &o, &s)) {
			err("%s: cannot write", path);
			ret = EXIT_INPUT;
		} else {
			printf("%s\n", path);
		}
		free(name);
		free(path);
	}
	if (!total)
		progress("no driver changed; no patch written");
	free(from);
	changeset_close(&cs);
	return ret;
}
