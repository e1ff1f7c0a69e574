// SPDX-License-Identifier: GPL-2.0
/*
 * The child that checks one unit: a translation unit (what make C=1
 * gives: one file and what it includes), or with --unit every file
 * given.  It initialises sparse for the unit's files, parses each with
 * the model's file loop (tokens kept), hands it to the model before
 * anything expands or linearizes it, solves the model once, writes the
 * facts when asked, then runs the analysis file by file.  Everything
 * it finds goes to the parent as records (record.c).
 *
 * It runs on a thread with a large stack (bigstack.c): sparse's parser,
 * evaluator and linearizer recurse once per nesting level.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dmacheck.h"
#include "front.h"
#include "child.h"
#include "model.h"
#include "model_parse.h"
#include "plan.h"
#include "facts.h"

static struct model *current_model;

struct model *dmc_model(void)
{
	return current_model;
}

static struct {
	int argc;
	char **argv;
	char **files;
	int nr;
	bool legacy;
	FILE *records;
} job;

static void record(char type, int nr, const char *const *f)
{
	dmc_rec_write(job.records, type, nr, f);
}

static void record2(char type, const char *tu, const char *text)
{
	const char *const f[] = { tu, text };

	record(type, text ? 2 : 1, f);
}

static bool in_unit(const char *arg)
{
	int i;

	for (i = 0; i < job.nr; i++)
		if (job.files[i] == arg)
			return true;
	return false;
}

/* sparse's command line for this unit: the other files out, legacy-dma.h last. */
static char **unit_argv(int *argc)
{
	bool *is_file = calloc(job.argc + 1, sizeof(*is_file));
	char **av = calloc(job.argc + 3, sizeof(*av));
	int i, n = 0;

	if (!is_file || !av)
		die("dmacheck: out of memory");
	dmc_find_files(job.argc, job.argv, is_file);
	for (i = 0; i < job.argc; i++)
		if (!is_file[i] || in_unit(job.argv[i]))
			av[n++] = job.argv[i];
	if (job.legacy) {
		av[n++] = "-include";
		av[n++] = (char *)dmc_legacy_header();
	}
	av[n] = NULL;
	free(is_file);
	*argc = n;
	return av;
}

static const char *unit_name(void)
{
	const char *base;
	char *s, *dot;

	if (dmc_opt.unit_name)
		return dmc_opt.unit_name;
	base = strrchr(job.files[0], '/');
	s = strdup(base ? base + 1 : job.files[0]);
	if (!s)
		die("dmacheck: out of memory");
	dot = strrchr(s, '.');
	if (dot && dot != s)
		*dot = '\0';
	return s;
}

/* Parse one file; false when it cannot be read (the model said why). */
static struct symbol_list *parse_one(const char *file, bool *ok, double *secs)
{
	struct dmc_sparse_error *errs;
	struct symbol_list *list;
	long mark = dmc_stderr_mark();
	double t0 = dmc_seconds();
	int nr;

	has_error = 0;
	dmc_include_guard(job.records, file);
	dmc_big_stack_file(file);
	list = model_parse_file(file);
	*secs += dmc_seconds() - t0;
	nr = dmc_sparse_errors(mark, &errs);
	if (!job.legacy && dmc_needs_legacy_header(errs, nr)) {
		dmc_free_sparse_errors(errs, nr);
		fflush(NULL);
		_exit(DMC_EXIT_LEGACY);
	}
	*ok = true;
	if (nr && dmc_report_dropped(file, errs, nr, job.records))
		*ok = false;
	if (!list && !nr && has_error)
		*ok = false;
	dmc_free_sparse_errors(errs, nr);
	return list;
}

static void write_facts(struct model *m)
{
	struct plan *p = plan_unit(m, &(struct plan_opts){ .narrow = dmc_opt.narrow });

	if (!facts_write_file(p, dmc_opt.facts))
		record2('P', job.files[0], "the facts file could not be written");
	plan_free(p);
}

static void check_unit(void *unused)
{
	struct parse_opts popts = {
		.best_effort = dmc_opt.best_effort, .stub_dir = dmc_opt.stub_dir,
		.prog = "dmacheck",
	};
	struct symbol_list **lists;
	struct string_list *files = NULL;
	bool *ok, *complete;
	double parse = 0, t0;
	int argc, i;
	char **argv = unit_argv(&argc);

	/* sparse's own warnings stay off: CHECK=dmacheck must not repeat sparse */
	if (!dmc_opt.sparse_warnings)
		fmax_warnings = 0;
	/* best effort's rounds parse in children of their own: guarded too */
	dmc_include_guard(job.records, job.files[0]);
	model_parse_init(argc, argv, &files, &popts);
	if (!dmc_opt.sparse_warnings)
		fmax_warnings = 0;
	/* every error is read back (parsecheck.c); only the first hundred are shown */
	fmax_errors = 100000;
	if (ptr_list_size((struct ptr_list *)files) != job.nr)
		die("dmacheck: internal error: sparse reads the command line's files differently");

	lists = calloc(job.nr, sizeof(*lists));
	ok = calloc(job.nr, sizeof(*ok));
	complete = calloc(job.nr, sizeof(*complete));
	if (!lists || !ok || !complete)
		die("dmacheck: out of memory");
	current_model = model_new(unit_name());
	for (i = 0; i < job.nr; i++) {
		lists[i] = parse_one(job.files[i], &ok[i], &parse);
		model_add_file(current_model, job.files[i], lists[i]);
		complete[i] = model_parse_complete(job.files[i]);
		if (!complete[i]) {
			model_file_incomplete(current_model, job.files[i]);
			record2('C', job.files[i], NULL);
		}
	}
	model_solve(current_model);
	if (dmc_opt.facts)
		write_facts(current_model);

	t0 = dmc_seconds();
	for (i = 0; i < job.nr; i++) {
		char stats[256];

		dmc_diag_set_file(job.files[i], complete[i]);
		dmc_analyse(lists[i]);
		snprintf(stats, sizeof(stats), "%s: parse %.3fs, linearize %.3fs, analysis %.3fs",
			 job.files[i], parse, dmc_stats.linearize, dmc_stats.analysis);
		record2('S', job.files[i], stats);
		record2('X', job.files[i], ok[i] ? "ok" : "error");
	}
	dmc_stats.analysis = dmc_seconds() - t0;
	for (i = 0; i < job.nr; i++) {
		const char *const *names;
		int k, n = complete[i] ? 0 : model_missing_headers(&names);

		for (k = 0; k < n; k++)
			record2('M', job.files[i], names[k]);
	}
	fflush(NULL);
	_exit(0);
}

/*
 * sparse leaves with exit(1) (die(), error_die()): the child must not run
 * the parent's exit handlers (stdio buffers it inherited, the fuzz
 * target's libFuzzer).  Handlers run last-registered first: this one ends
 * the process before theirs.
 */
static void leave_quietly(void)
{
	fflush(job.records);
	fflush(stderr);
	_exit(1);
}

void dmc_child(int argc, char **argv, char **unit, int nr, bool legacy, FILE *records)
{
	atexit(leave_quietly);
	job.argc = argc;
	job.argv = argv;
	job.files = unit;
	job.nr = nr;
	job.legacy = legacy;
	job.records = records;
	dmc_diag_set_output(records);
	alarm(dmc_opt.timeout);
	dmc_run_on_big_stack(check_unit, NULL, records, unit[0]);
	_exit(1);
}
