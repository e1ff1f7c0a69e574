// SPDX-License-Identifier: GPL-2.0
/*
 * dmaconv convert: run the semantic patch series over the driver units of
 * the files and folders given, each with its model's facts; print a
 * unified diff, or write the result in place or to a folder; log every
 * site; exit 5 when a driver it changed still uses the removed API.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/convert.h"
#include "cmd/usage.h"
#include "change/driver.h"
#include "pipeline/cocci.h"
#include "pipeline/commit.h"
#include "pipeline/inputs.h"
#include "pipeline/legacy.h"
#include "pipeline/runner.h"
#include "render/sitelog.h"
#include "util/fs.h"
#include "util/lock.h"
#include "util/msg.h"
#include "util/num.h"
#include "util/path.h"
#include "util/str.h"

static const char usage[] =
"usage: dmaconv convert [options] PATH...\n"
"\n"
"Run every semantic patch listed in cocci/series, in order, over the C\n"
"files and folders given.  Folders are searched for drivers that use the\n"
"legacy DMA API; each driver unit there that uses it is converted with\n"
"its files.  By default the result is a unified diff on stdout.\n"
"\n"
"  -o, --output=DIR      write every processed file below DIR instead\n"
"  -i, --in-place        rewrite the files in place\n"
"  -j, --jobs=N          convert N drivers at a time (default 1)\n"
"      --log=FILE        write the per-site log to FILE ('-' for stdout)\n"
"      --log-format=FMT  text (default) or json\n"
"      --narrow          give a buffer every sync of which goes one way that\n"
"                        direction (DMA_TO_DEVICE or DMA_FROM_DEVICE) instead\n"
"                        of DMA_BIDIRECTIONAL (the patches' -D narrow)\n"
"      --timeout=SEC     give spatch SEC seconds per file (default 120)\n"
"      --kernel-build=DIR  the kernel's O= folder: its compile_commands.json\n"
"                        gives each unit's model run the kernel's flags\n"
"      --no-kernel       the model runs with the project's headers even in a\n"
"                        kernel tree\n"
"      --no-facts        run the semantic patches without the driver model's\n"
"                        facts (they then convert only what the code proves)\n"
"  -q, --quiet           no progress on stderr\n"
"  -h, --help            this text\n"
"\n"
"Drivers are driver units: the objects a folder's Kbuild lines name, with\n"
"the .c files and headers they include (one unit per .c file without a\n"
"Makefile).  With --output or --in-place and no --log, the log goes to\n"
"stdout.  Exit status: 0 done, 2 usage error or missing path, 3 an input\n"
"could not be processed (named on stderr), 4 spatch missing or too old,\n"
"5 a driver it changed still uses the removed API (each such site named\n"
"on stderr with the reason).\n";

struct convert_opts {
	const char *output, *log, *log_format;
	int in_place;
	struct runner_opts run;
};

static int parse_opts(int argc, char **argv, struct convert_opts *o)
{
	static const struct option longs[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "in-place", no_argument, NULL, 'i' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "log", required_argument, NULL, 'L' },
		{ "log-format", required_argument, NULL, 'F' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "narrow", no_argument, NULL, 'N' },
		{ "kernel-build", required_argument, NULL, 'K' },
		{ "no-kernel", no_argument, NULL, 'k' },
		{ "no-facts", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	o->run = (struct runner_opts)RUNNER_OPTS_INIT;
	o->run.parse_check = 1;
	o->log_format = "text";
	while ((c = getopt_long(argc, argv, "+o:ij:qh", longs, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'i':
			o->in_place = 1;
			break;
		case 'j':
			if (parse_int_opt("--jobs", optarg, 1, JOBS_MAX,
					  &o->run.jobs))
				return EXIT_USAGE;
			break;
		case 'L':
			o->log = optarg;
			break;
		case 'F':
			o->log_format = optarg;
			break;
		case 'T':
			if (parse_int_opt("--timeout", optarg, 0, TIMEOUT_MAX,
					  &o->run.timeout))
				return EXIT_USAGE;
			break;
		case 'N':
			o->run.narrow = 1;
			break;
		case 'K':
			o->run.kbuild = optarg;
			break;
		case 'k':
			o->run.kernel = 0;
			break;
		case 'n':
			o->run.facts = 0;
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
	if (o->run.jobs < 1 || o->run.timeout < 0) {
		err("convert: --jobs must be 1 or more, --timeout 0 or more");
		return EXIT_USAGE;
	}
	if (strcmp(o->log_format, "text") && strcmp(o->log_format, "json")) {
		err("convert: unknown log format '%s' (text or json)",
		    o->log_format);
		return EXIT_USAGE;
	}
	if (o->output && o->in_place) {
		err("convert: --output and --in-place exclude each other");
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		err("convert: no PATH given (try 'dmaconv convert --help')");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * Each driver all or nothing (pipeline/commit.c).  The log does not claim
 * the sites of a driver that could not be written.
 */
static int write_results(struct driver_set *ds, const struct convert_opts *o)
{
	int ret = 0;

	for (size_t i = 0; i < ds->n; i++)
		if (commit_driver(&ds->v[i], o->in_place ? NULL : o->output)) {
			site_list_free(&ds->v[i].sites);
			ret = -1;
		}
	return ret;
}

/* -i and -o write: one dmaconv per tree, a killed one's leftovers undone. */
static int lock_trees(char **paths, int n, const struct convert_opts *o)
{
	if (o->output && mkdir_p(o->output)) {
		err("%s: cannot create the folder: %s", o->output,
		    strerror(errno));
		return -1;
	}
	if (o->output)
		return tree_lock(o->output);
	for (int i = 0; o->in_place && i < n; i++)
		if (tree_lock(paths[i]))
			return -1;
	return 0;
}

static int write_log(const struct driver_set *ds, const struct convert_opts *o)
{
	const char *where = o->log;
	FILE *f;

	if (!where && (o->output || o->in_place))
		where = "-";
	if (!where)
		return 0;
	f = strcmp(where, "-") ? fopen(where, "w") : stdout;
	if (!f) {
		err("%s: cannot write the site log", where);
		return -1;
	}
	if (!strcmp(o->log_format, "json"))
		sitelog_json(f, ds);
	else
		sitelog_text(f, ds);
	return f == stdout ? fflush(f) : fclose(f);
}

/* Every input that could not be processed is named on stderr. */
static int report_errors(const struct driver_set *ds)
{
	int n = 0;

	for (size_t i = 0; i < ds->n; i++)
		for (size_t k = 0; k < ds->v[i].errors.n; k++, n++)
			err("%s", ds->v[i].errors.v[k]);
	return n;
}

/*
 * Whether the code of @path (comments and strings aside: a comment may
 * name DMA_ATTR_NON_CONSISTENT) still uses the removed API.
 */
static int code_uses_legacy_api(const char *path)
{
	struct strbuf text = { 0 };
	char *p, quote = 0;
	int ret;

	if (read_file(path, &text))
		return 0;
	for (p = text.s; p && *p; p++) {
		if (quote) {
			if (*p == '\\' && p[1])
				*p++ = ' ';
			else if (*p == quote)
				quote = 0;
			if (*p != '\n')
				*p = ' ';
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (p[0] == '/' && p[1] == '*') {
			for (; *p && !(p[0] == '*' && p[1] == '/'); p++)
				if (*p != '\n')
					*p = ' ';
			if (*p)
				p[0] = p[1] = ' ';
			if (*p)
				p++;
		} else if (p[0] == '/' && p[1] == '/') {
			for (; *p && *p != '\n'; p++)
				*p = ' ';
			if (!*p)
				break;
		}
	}
	ret = text.s ? text_uses_legacy_api(text.s, text.len) : 0;
	sb_free(&text);
	return ret;
}

/*
 * A driver the conversion changed that still uses the removed API builds
 * on no kernel: name each site left in it, with the reason.
 */
static int report_legacy_left(const struct driver_set *ds)
{
	int n = 0;

	for (size_t i = 0; i < ds->n; i++) {
		const struct driver *d = &ds->v[i];
		int changed = 0;

		for (size_t k = 0; k < d->nfiles; k++)
			changed |= d->files[k].changed;
		for (size_t k = 0; changed && k < d->nfiles; k++) {
			const struct conv_file *f = &d->files[k];
			int named = 0;

			if (!f->work || !code_uses_legacy_api(f->work))
				continue;
			for (size_t s = 0; s < d->left.n; s++) {
				const struct site *l = &d->left.v[s];

				if (strcmp(l->file, f->disp) ||
				    strstr(l->reason, ", check by hand: "))
					continue;
				err("%s:%d: %s still uses the removed API: %s",
				    l->file, l->line, d->name, l->reason);
				named = 1;
			}
			if (!named)
				err("%s: %s still uses the removed API (no semantic "
				    "patch reported the site: convert it by hand)",
				    f->disp, d->name);
			n++;
		}
	}
	return n;
}

static int run_conversion(struct driver_set *ds, const struct cocci_series *s,
			  const struct runner_opts *run, char **tmp)
{
	size_t files = driver_set_files(ds);

	progress("converting %zu file(s) in %zu driver(s) with %zu semantic "
		 "patch(es)", files, ds->n, s->n);
	return runner_convert(ds, s, run, tmp);
}

int cmd_convert(int argc, char **argv)
{
	struct convert_opts o = { 0 };
	struct driver_set ds = { 0 };
	struct cocci_series s;
	char *tmp = NULL;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret;
	if (lock_trees(argv + optind, argc - optind, &o))
		return EXIT_INPUT;
	if (o.output || o.in_place)
		commit_recover(argv + optind, argc - optind, o.output);
	if (collect_inputs(argv + optind, argc - optind, &ds))
		return EXIT_USAGE;
	ret = cocci_prepare(&s);
	if (ret)
		return ret;
	if (!ds.n)
		progress("no file uses the legacy DMA API; nothing to convert");
	if (run_conversion(&ds, &s, &o.run, &tmp))
		return EXIT_TOOL;
	if (o.output || o.in_place) {
		if (write_results(&ds, &o))
			ret = EXIT_INPUT;
	} else {
		for (size_t i = 0; i < ds.n; i++)
			fwrite(ds.v[i].diff.s ? ds.v[i].diff.s : "", 1,
			       ds.v[i].diff.len, stdout);
	}
	if (write_log(&ds, &o))
		ret = EXIT_INPUT;
	if (report_errors(&ds))
		ret = EXIT_INPUT;
	/* After a failed write nothing of the driver changed: no site to name. */
	if (ret == EXIT_OK && report_legacy_left(&ds))
		ret = EXIT_LEGACY_LEFT;
	if (tmp)
		rm_rf(tmp);
	return ret;
}
