/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The front end: what the command line (options.c, cmdline.c), the file
 * loop (loop.c), the child that checks a unit (child.c, parsecheck.c,
 * bigstack.c), the record stream between them (record.c) and the
 * writers (output/) share.  The analysis never sees this header.
 */
#ifndef DMACHECK_FRONT_H
#define DMACHECK_FRONT_H

#include <stdbool.h>
#include <stdio.h>

/* sparse's lib.h has the same; cmdline.c and others do without lib.h. */
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

enum dmc_format { FMT_TEXT, FMT_JSON, FMT_SARIF };

/* dmacheck's own options (options.c) */
extern struct dmc_opts {
	enum dmc_format format;
	bool fail_on_findings;
	bool sparse_warnings;
	bool stats;
	bool unit;		/* --unit: every file given is one driver unit */
	bool narrow;		/* --narrow: for the planner (--facts) */
	bool best_effort;	/* --best-effort: vendor code outside its tree */
	unsigned int timeout;	/* seconds per unit */
	const char *facts;	/* --facts=FILE, or NULL */
	const char *unit_name;	/* --unit-name=NAME, or NULL (the first file's) */
	const char *stub_dir;	/* --stub-dir=DIR (best effort), or NULL */
	const char *diag_prefix; /* -fdiagnostic-prefix: "" or "NAME: " */
} dmc_opt;

/*
 * Take dmacheck's own options out of argv (the rest is for sparse);
 * false after one message if one is wrong.  May exit 0 (--help ...).
 */
bool dmc_take_options(int *argc, char **argv);
void dmc_usage(FILE *out);

/* ---- sparse's command line (cmdline.c) ---- */

/*
 * Which arguments are files, as sparse's option parser reads them (an
 * option's separate value is not a file): @is_file[i] for argv[i].
 * Returns the number of files.
 */
int dmc_find_files(int argc, char **argv, bool *is_file);
/* An option that makes sparse print to stdout (-E, -dD, -fdump-ir ...), or NULL. */
const char *dmc_printing_option(int argc, char **argv);
/* Is a "--" option one of gcc's or sparse's, passed through? */
bool dmc_foreign_long_option(const char *arg);

/* ---- results, filled by the loop, printed by output/ ---- */

enum dmc_status { ST_OK, ST_PARTIAL, ST_ERROR };

struct dmc_dropped {		/* a line a sparse error made the analysis miss */
	char *file;
	int line;
	char *function;
	char *message;
};

struct dmc_file {
	const char *name;		/* as given on the command line */
	enum dmc_status status;
	char *error;			/* ST_ERROR: the reason */
	struct dmc_dropped *dropped;	/* ST_PARTIAL: what was lost */
	int nr_dropped, cap_dropped;
	bool incomplete;		/* best effort: stub headers or implicit declarations */
	char **missing;			/* headers treated as empty */
	int nr_missing, cap_missing;
	bool legacy_header;		/* legacy-dma.h was force-included */
};

struct dmc_finding {
	char *file, *check, *message;
	int line, column;
	int tu;				/* index in results.files: where it was found */
	bool incomplete;		/* made on an incomplete parse */
};

extern struct dmc_results {
	struct dmc_file *files;
	int nr_files;
	struct dmc_finding *findings;
	int nr_findings, cap_findings;
	char *facts_error;		/* --facts could not be written */
} dmc_results;

/* ---- the file loop (loop.c) and the child (child.c) ---- */

/* Check every file of @argv (sparse's flags and files); fills dmc_results. */
void dmc_run(int argc, char **argv);

/* In the child: check the files @unit[0..@nr) with sparse's @argv; never returns. */
void dmc_child(int argc, char **argv, char **unit, int nr, bool legacy,
	       FILE *records) __attribute__((noreturn));

/* The child's exit status when the file needs include/dmaconv/legacy-dma.h. */
#define DMC_EXIT_LEGACY 42

/* The path of include/dmaconv/legacy-dma.h (installed, or in the source tree). */
const char *dmc_legacy_header(void);

/* ---- records: child -> parent, one per line (record.c) ---- */

/*
 * A record is a type letter and fields separated by tabs; each field is
 * escaped (\t \n \\ as two characters) so file names and messages of any
 * bytes go through.
 */
void dmc_rec_write(FILE *out, char type, int nr, const char *const *fields);
/* Split @line (modified) into at most @max fields; returns their number. */
int dmc_rec_split(char *line, char **fields, int max);

/* ---- output (output/) ---- */

void dmc_print_text_finding(const struct dmc_finding *f);
void dmc_print_json(FILE *out);
void dmc_print_sarif(FILE *out);
/* The absolute path of a check's docs page (NULL: checker.md), installed or not. */
const char *dmc_check_doc_uri(const char *id);

/* ---- running the parse with room for deep nesting (bigstack.c) ---- */

/*
 * Run @fn(@arg) on a thread with a large stack; if the stack still runs
 * out (nesting sparse's recursive parser cannot take), write an error
 * record for @file to @records and _exit(1): an error, not a crash.
 */
void dmc_run_on_big_stack(void (*fn)(void *), void *arg, FILE *records,
			  const char *file);
/* The file the error names from now on (the unit's file being parsed). */
void dmc_big_stack_file(const char *file);

/* ---- a limit on #include nesting (includeguard.c) ---- */

/* From now on, #include deeper than gcc's 200 levels ends @file's check. */
void dmc_include_guard(FILE *records, const char *file);

/*
 * dmacheck links with -Wl,--wrap=open: libsparse's open() calls
 * __wrap_open(), which calls the C library's open() as __real_open().
 */
int __real_open(const char *path, int flags, ...);
int __wrap_open(const char *path, int flags, ...);

#endif /* DMACHECK_FRONT_H */
