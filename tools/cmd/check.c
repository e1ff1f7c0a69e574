// SPDX-License-Identifier: GPL-2.0
/*
 * dmaconv check: run dmacheck with the flags the code needs.  Inside a
 * configured kernel tree the kernel's own build supplies them (the flags
 * recorded in compile_commands.json, or make C=2 CHECK=dmacheck on the
 * touched objects); outside one, the project's include/ headers.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/check.h"
#include "cmd/usage.h"
#include "change/finding.h"
#include "pipeline/dmacheck_run.h"
#include "pipeline/kbuild.h"
#include "pipeline/locate.h"
#include "render/findings.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/str.h"

static const char usage[] =
"usage: dmaconv check [options] PATH... [-- DMACHECK-FLAGS...]\n"
"\n"
"Run dmacheck over the C files given (folders are searched for .c files).\n"
"Inside a configured kernel tree the kernel's build supplies the flags:\n"
"compile_commands.json when present, else make C=2 CHECK=dmacheck on the\n"
"objects of the files given.  Elsewhere the project's include/ is used, with\n"
"the 5.9 API view for files that still call the legacy API.\n"
"\n"
"      --format=FMT      text (default, gcc style) or json\n"
"      --kernel-build=DIR  the kernel's O= build folder\n"
"      --no-kernel       treat the files as plain files even in a kernel tree\n"
"  -q, --quiet           no progress on stderr\n"
"  -h, --help            this text\n"
"\n"
"Exit status: 0 no findings, 1 findings, 2 usage error or missing path,\n"
"3 a file dmacheck could not check (named), 4 dmacheck missing.\n";

struct check_opts {
	const char *format, *kbuild;
	int no_kernel;
	struct strlist flags;
};

static int parse_opts(int argc, char **argv, struct check_opts *o)
{
	static const struct option longs[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "kernel-build", required_argument, NULL, 'K' },
		{ "no-kernel", no_argument, NULL, 'N' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	o->format = "text";
	while ((c = getopt_long(argc, argv, "+qh", longs, NULL)) != -1) {
		switch (c) {
		case 'F':
			o->format = optarg;
			break;
		case 'K':
			o->kbuild = optarg;
			break;
		case 'N':
			o->no_kernel = 1;
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
	if (strcmp(o->format, "text") && strcmp(o->format, "json")) {
		err("check: unknown format '%s' (text or json)", o->format);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* PATH arguments up to "--"; what follows goes to dmacheck. */
static int collect(int argc, char **argv, struct strlist *files,
		   struct strlist *flags)
{
	int bad = 0, i;

	for (i = optind; i < argc && strcmp(argv[i], "--"); i++) {
		struct strlist found = { 0 };

		if (is_file(argv[i])) {
			sl_push(files, argv[i]);
		} else if (is_dir(argv[i])) {
			walk_sources(argv[i], &found);
			for (size_t k = 0; k < found.n; k++)
				if (ends_with(found.v[k], ".c"))
					sl_push(files, found.v[k]);
			sl_free(&found);
		} else {
			err("%s: no such file or folder", argv[i]);
			bad = 1;
		}
	}
	for (i++; i < argc; i++)
		sl_push(flags, argv[i]);
	if (bad)
		return EXIT_USAGE;
	if (!files->n) {
		err("no C file to check (try 'dmaconv check --help')");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
	struct check_opts o = { 0 };
	struct strlist files = { 0 };
	struct finding_list out = { 0 };
	struct resources res;
	struct kernel_tree kt = { 0 };
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (!ret)
		ret = collect(argc, argv, &files, &o.flags);
	if (ret)
		return ret;
	locate_resources(&res);
	if (!o.no_kernel && kernel_tree_find(files.v[0], o.kbuild, &kt))
		ret = kernel_check(&kt, res.dmacheck, &files, &o.flags, &out);
	else
		ret = dmacheck_run_files(&res, &files, &o.flags, &out);
	if (ret)
		return EXIT_TOOL;
	if (!strcmp(o.format, "json"))
		findings_json(stdout, &out);
	else
		findings_text(stdout, &out);
	progress("%zu finding(s), %zu file(s) not checked", out.n,
		 out.errors.n);
	if (out.errors.n)
		return EXIT_INPUT;
	return out.n ? EXIT_FINDINGS : EXIT_OK;
}
