// SPDX-License-Identifier: GPL-2.0
/*
 * dmamodel: the driver model on its own, for tests and for looking.
 *
 *	dmamodel [--dump] [--facts=FILE] [--unit=NAME] [--narrow]
 *		 [--best-effort] [sparse/gcc flags] file.c...
 *
 * Parses the files of one unit in one process (the same command line as
 * sparse), builds the model, and prints it (--dump, the default) or
 * writes the planner's facts.json (--facts=FILE, "-" for stdout).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "linearize.h"
#include "model.h"
#include "model_parse.h"
#include "plan.h"
#include "facts.h"

static int usage(void)
{
	puts("usage: dmamodel [--dump] [--facts=FILE] [--unit=NAME] [--narrow]\n"
	     "                [--best-effort] [--stub-dir=DIR] [--stats] [--quiet]\n"
	     "                [--linearize]\n"
	     "                [sparse flags] file.c...");
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *unit_name(const char *file)
{
	const char *base = strrchr(file, '/');
	char *s, *dot;

	s = strdup(base ? base + 1 : file);
	if (!s)
		exit(1);
	dot = strrchr(s, '.');
	if (dot)
		*dot = '\0';
	return s;
}

int main(int argc, char **argv)
{
	struct parse_opts popts = { .prog = "dmamodel" };
	struct plan_opts plan_opts = { 0 };
	const char *facts = NULL, *unit = NULL;
	struct string_list *files = NULL;
	bool dump = false, failed = false, stats = false, quiet = false, linearize = false;
	struct symbol_list **lists = NULL;
	int nr_lists = 0;
	double t_parse = 0, t_model = 0, t0;
	struct model *m;
	char *file;
	int i, out = 1;

	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (!strcmp(a, "--help"))
			return usage();
		if (!strcmp(a, "--dump"))
			dump = true;
		else if (!strncmp(a, "--facts=", 8))
			facts = a + 8;
		else if (!strncmp(a, "--unit=", 7))
			unit = a + 7;
		else if (!strcmp(a, "--stats"))
			stats = true;
		else if (!strcmp(a, "--quiet"))
			quiet = true;
		else if (!strcmp(a, "--linearize"))
			linearize = true;
		else if (!strcmp(a, "--narrow"))
			plan_opts.narrow = true;
		else if (!strcmp(a, "--best-effort"))
			popts.best_effort = true;
		else if (!strncmp(a, "--stub-dir=", 11))
			popts.stub_dir = a + 11;
		else
			argv[out++] = a;
	}
	argv[out] = NULL;
	argc = out;
	if (!facts && !quiet)
		dump = true;
	fmax_warnings = 0;
	model_parse_init(argc, argv, &files, &popts);
	fmax_warnings = 0;
	if (!ptr_list_size((struct ptr_list *)files)) {
		fputs("dmamodel: no input files (see dmamodel --help)\n", stderr);
		return 1;
	}
	FOR_EACH_PTR(files, file) {
		if (!unit)
			unit = unit_name(file);
		break;
	} END_FOR_EACH_PTR(file);
	m = model_new(unit);
	FOR_EACH_PTR(files, file) {
		struct symbol_list *list;

		t0 = now();
		list = model_parse_file(file);
		t_parse += now() - t0;
		if (!list && has_error) {
			failed = true;
			continue;
		}
		t0 = now();
		model_add_file(m, file, list);
		t_model += now() - t0;
		lists = realloc(lists, (nr_lists + 1) * sizeof(*lists));
		if (!lists)
			return 1;
		lists[nr_lists++] = list;
		if (!model_parse_complete(file))
			model_file_incomplete(m, file);
	} END_FOR_EACH_PTR(file);
	t0 = now();
	model_solve(m);
	t_model += now() - t0;
	/* what dmacheck does next: the model must leave sparse able to */
	for (i = 0; linearize && i < nr_lists; i++) {
		struct symbol *sym;

		FOR_EACH_PTR(lists[i], sym) {
			expand_symbol(sym);
			linearize_symbol(sym);
		} END_FOR_EACH_PTR(sym);
	}
	free(lists);
	if (dump)
		model_dump(m, stdout);
	if (facts) {
		struct plan *p;

		t0 = now();
		p = plan_unit(m, &plan_opts);
		t_model += now() - t0;
		if (!facts_write_file(p, facts))
			failed = true;
		plan_free(p);
	}
	if (stats)
		fprintf(stderr, "dmamodel: parse+evaluate %.3fs, model %.3fs\n", t_parse, t_model);
	model_free(m);
	return failed ? 1 : 0;
}
