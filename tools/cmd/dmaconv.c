// SPDX-License-Identifier: GPL-2.0
/*
 * dmaconv: one command to convert drivers off dma_cache_sync() and
 * DMA_ATTR_NON_CONSISTENT, check the result and write the review.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/check.h"
#include "cmd/convert.h"
#include "cmd/review.h"
#include "cmd/series.h"
#include "cmd/version.h"
#include "util/msg.h"
#include "util/str.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "convert", cmd_convert, "run the semantic patches over files or folders" },
	{ "check", cmd_check, "run dmacheck with the right flags" },
	{ "review", cmd_review, "write the reviewer's report for a conversion" },
	{ "series", cmd_series, "one git format-patch ready patch per driver" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: dmaconv [--version] [--help] COMMAND [options] "
		"[ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-8s  %s\n", commands[i].name,
			commands[i].summary);
	fprintf(f, "\n'dmaconv COMMAND --help' describes each command; "
		"man dmaconv has the rest.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("dmaconv %s\n", DMACONV_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		progname = xasprintf("dmaconv %s", commands[i].name);
		return commands[i].run(argc - 1, argv + 1);
	}
	err("unknown command '%s' (try 'dmaconv --help')", argv[1]);
	return EXIT_USAGE;
}
