// SPDX-License-Identifier: GPL-2.0
/*
 * dmaconv series: one git format-patch style mail per driver, subject
 * "<subsystem>: <driver>: convert to dma_alloc_noncoherent", the body
 * made of the semantic patches' descriptions and the site log.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/series.h"
#include "cmd/usage.h"
#include "change/review.h"
#include "pipeline/changeset.h"
#include "pipeline/cocci.h"
#include "pipeline/review_build.h"
#include "pipeline/runner.h"
#include "render/mail.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

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
		case 'o':
			o->outdir = optarg;
			break;
		case 'f':
			o->from = optarg;
			break;
		case 's':
			o->signoff = 1;
			break;
		case 'C':
			o->ch.repo = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			exit(EXIT_OK);
		default:
			return usage_error(usage);
		}
	}
	return EXIT_OK;
}

static char *git_config(const char *key)
{
	char *const argv[] = { "git", "config", (char *)key, NULL };
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

/* What the semantic patches that changed d do, in the order d names them. */
static void descriptions(const struct driver *d, const struct cocci_series *s,
			 struct strlist *why)
{
	for (size_t i = 0; i < d->rules.n; i++) {
		const struct cocci_patch *p = cocci_find(s, d->rules.v[i]);

		if (p && *p->description)
			sl_push(why, p->description);
	}
}

int cmd_series(int argc, char **argv)
{
	struct series_opts o = { 0 };
	struct review rv = { 0 };
	struct runner_opts run = RUNNER_OPTS_INIT;
	struct changeset cs;
	struct cocci_series s;
	size_t total = 0, n = 0;
	char *from;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (!ret)
		ret = cocci_prepare(&s);
	if (ret)
		return ret;
	ret = changeset_open(argv + optind, argc - optind, &o.ch, &cs);
	if (ret) {
		changeset_close(&cs);
		return ret;
	}
	review_build(&cs, &s, &run, 0, &rv);
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
		struct strlist why = { 0 };
		char *name, *path;

		if (!d->diff.len)
			continue;
		name = mail_name(++n, d);
		path = path_join(o.outdir, name);
		descriptions(d, &s, &why);
		if (mail_write(path, d, n, total, from, o.signoff, &why)) {
			err("%s: cannot write", path);
			ret = EXIT_INPUT;
		} else {
			printf("%s\n", path);
		}
		sl_free(&why);
		free(name);
		free(path);
	}
	if (!total)
		progress("no driver changed; no patch written");
	free(from);
	changeset_close(&cs);
	return ret;
}
