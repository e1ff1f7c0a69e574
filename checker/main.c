// SPDX-License-Identifier: GPL-2.0
/*
 * dmacheck: the command line, the file loop, the output.
 *
 *	dmacheck [dmacheck options] [sparse/gcc flags] file.c...
 *
 * Takes exactly the command line the kernel gives $(CHECK).  Options of
 * its own are taken out (options.c) before the rest goes to sparse; the
 * files are checked in child processes (loop.c, child.c); the results
 * are printed as text (on stderr, as they come), JSON or SARIF (one
 * document on stdout, whatever happened to the files).
 */
#include <stdlib.h>

#include "dmacheck.h"
#include "front.h"

static int exit_status(void)
{
	const struct dmc_results *r = &dmc_results;
	int i;

	if (r->facts_error)
		return 1;
	for (i = 0; i < r->nr_files; i++)
		if (r->files[i].status != ST_OK)
			return 1;
	if (dmc_opt.fail_on_findings && r->nr_findings)
		return 2;
	return 0;
}

int main(int argc, char **argv)
{
	const char *printing;
	bool *is_file;

	if (!dmc_take_options(&argc, argv))
		return 1;
	dmc_register_checks();
	printing = dmc_printing_option(argc, argv);
	if (printing && dmc_opt.format != FMT_TEXT) {
		fprintf(stderr, "dmacheck: %s, which -f %s cannot hold; drop it or use -f text\n",
			printing, dmc_opt.format == FMT_JSON ? "json" : "sarif");
		return 1;
	}
	is_file = calloc(argc + 1, sizeof(*is_file));
	if (!is_file || !dmc_find_files(argc, argv, is_file)) {
		fputs("dmacheck: no input files (see dmacheck --help)\n", stderr);
		return 1;
	}
	free(is_file);
	dmc_run(argc, argv);
	if (dmc_opt.format == FMT_JSON)
		dmc_print_json(stdout);
	else if (dmc_opt.format == FMT_SARIF)
		dmc_print_sarif(stdout);
	return exit_status();
}
