// SPDX-License-Identifier: GPL-2.0
/*
 * dmaconv review: the reviewer's report for a conversion given as two
 * folders, a git range, a patch file or a git work tree.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/review.h"
#include "cmd/usage.h"
#include "cmd/version.h"
#include "change/review.h"
#include "pipeline/changeset.h"
#include "pipeline/cocci.h"
#include "pipeline/review_build.h"
#include "pipeline/runner.h"
#include "render/review_html.h"
#include "render/review_json.h"
#include "render/review_sarif.h"
#include "render/review_text.h"
#include "util/msg.h"
#include "util/num.h"

static const char usage[] =
"usage: dmaconv review [options] BEFORE AFTER\n"
"       dmaconv review [options] A..B [PATH...]\n"
"       dmaconv review [options] [--tree=DIR] FILE.patch\n"
"       dmaconv review [options] [PATH...]   (git work tree against HEAD)\n"
"\n"
"Write the reviewer's report for a conversion: every converted site with\n"
"the semantic patch (rule) that produces it, or 'hand edit'; every site\n"
"left for a human with the reason; dmacheck's findings before and after,\n"
"new ones marked as regressions; a verdict per driver.\n"
"\n"
"  -f, --format=FMT      text (default), json, sarif (SARIF 2.1.0) or html\n"
"  -o, --output=FILE     write the report to FILE instead of stdout\n"
"  -C DIR                the git repository (default: the current folder)\n"
"      --tree=DIR        where FILE.patch applies (default: .)\n"
"  -j, --jobs=N          trace N drivers at a time\n"
"      --no-check        do not run dmacheck\n"
"  -q, --quiet           no progress on stderr\n"
"  -h, --help            this text\n"
"\n"
"Exit status: 0 no regression, 1 regressions, 2 usage error, 3 an input\n"
"could not be processed (named), 4 spatch or dmacheck missing.\n";

struct review_opts {
	const char *format, *output;
	struct change_opts ch;
	struct runner_opts run;
	int no_check;
};

static int parse_opts(int argc, char **argv, struct review_opts *o)
{
	static const struct option longs[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "tree", required_argument, NULL, 'T' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "no-check", no_argument, NULL, 'N' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	o->format = "text";
	o->run = (struct runner_opts)RUNNER_OPTS_INIT;
	while ((c = getopt_long(argc, argv, "+o:f:C:j:qh", longs, NULL)) != -1) {
		switch (c) {
		case 'F':
		case 'f':
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'C':
			o->ch.repo = optarg;
			break;
		case 'T':
			o->ch.tree = optarg;
			break;
		case 'j':
			if (parse_int_opt("--jobs", optarg, 1, JOBS_MAX,
					  &o->run.jobs))
				return EXIT_USAGE;
			break;
		case 'N':
			o->no_check = 1;
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
	if (strcmp(o->format, "text") && strcmp(o->format, "json") &&
	    strcmp(o->format, "sarif") && strcmp(o->format, "html")) {
		err("review: unknown format '%s' (text, json, sarif or html)",
		    o->format);
		return EXIT_USAGE;
	}
	if (o->run.jobs < 1) {
		err("review: --jobs must be 1 or more");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int write_report(const struct review *rv, const struct review_opts *o)
{
	FILE *f = o->output ? fopen(o->output, "w") : stdout;

	if (!f) {
		err("%s: cannot write the report", o->output);
		return -1;
	}
	if (!strcmp(o->format, "json"))
		review_json(f, rv);
	else if (!strcmp(o->format, "sarif"))
		review_sarif(f, rv, DMACONV_VERSION);
	else if (!strcmp(o->format, "html"))
		review_html(f, rv);
	else
		review_text(f, rv);
	return f == stdout ? fflush(f) : fclose(f);
}

static int exit_status(const struct review *rv)
{
	int errors = 0, regressions = 0;

	for (size_t i = 0; i < rv->ds.n; i++) {
		errors += rv->ds.v[i].errors.n > 0;
		regressions += rv->ds.v[i].regressions;
	}
	if (rv->dmacheck_missing)
		return EXIT_TOOL;
	if (errors)
		return EXIT_INPUT;
	return regressions ? EXIT_FINDINGS : EXIT_OK;
}

int cmd_review(int argc, char **argv)
{
	struct review_opts o = { 0 };
	struct review rv = { 0 };
	struct changeset cs;
	struct cocci_series s;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret;
	ret = cocci_prepare(&s);
	if (ret)
		return ret;
	ret = changeset_open(argv + optind, argc - optind, &o.ch, &cs);
	if (ret) {
		changeset_close(&cs);
		return ret;
	}
	rv.label = cs.label;
	progress("%zu changed file(s) in %s", cs.changed.n, cs.label);
	review_build(&cs, &s, &o.run, !o.no_check, &rv);
	if (write_report(&rv, &o))
		ret = EXIT_INPUT;
	else
		ret = exit_status(&rv);
	changeset_close(&cs);
	return ret;
}
