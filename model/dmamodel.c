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

#include "model.h"
#include "model_parse.h"
#include "plan.h"
#include "facts.h"

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
	bool dump = false, failed = false;
	struct model *m;
	char *file;
	int i, out = 1;

	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (!strcmp(a, "--dump"))
			dump = true;
		else if (!strncmp(a, "--facts=", 8))
			facts = a + 8;
		else if (!strncmp(a, "--unit=", 7))
			unit = a + 7;
		else if (!strcmp(a, "--narrow"))
			plan_opts.narrow = true;
		else if (!strcmp(a, "--best-effort"))
			popts.best_effort = true;
		else if (!strncmp(a, "--stub-dir=", 11))
			popts.stub_dir = a + 11;
		else if (!strcmp(a, "--help")) {
			puts("usage: dmamodel [--dump] [--facts=FILE] [--unit=NAME] [--narrow]\n"
			     "                [--best-effort] [--stub-dir=DIR] [sparse flags] file.c...");
			return 0;
		} else
			argv[out++] = a;
	}
	argv[out] = NULL;
	argc = out;
	if (!facts)
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
		struct symbol_list *list = model_parse_file(file);

		if (!list && has_error) {
			failed = true;
			continue;
		}
		model_add_file(m, file, list);
		if (!model_parse_complete(file))
			model_file_incomplete(m, file);
	} END_FOR_EACH_PTR(file);
	model_solve(m);
	if (dump)
		model_dump(m, stdout);
	if (facts) {
		struct plan *p = plan_unit(m, &plan_opts);

		if (!facts_write_file(p, facts))
			failed = true;
		plan_free(p);
	}
	model_free(m);
	return failed ? 1 : 0;
}
