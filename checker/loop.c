// SPDX-License-Identifier: GPL-2.0
/*
 * The file loop, in the parent.  The files of the command line make
 * units: one per file by default (a translation unit, what make C=1
 * gives), or one of them all with --unit.  Each unit is checked in a
 * child process (child.c): sparse die()s on some errors, a crash or a
 * hang must end one unit and not the run, and the parent never parses C
 * itself, so even an -include file that is missing or crashes the
 * parser is one unit's error.  The child's stderr goes through a file
 * (its first error line becomes the reason a file failed), its results
 * through records (record.c).  A child that finds the removed API
 * undeclared (a 5.10+ tree) asks for include/dmaconv/legacy-dma.h: the
 * unit is checked again with it.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dmacheck.h"
#include "front.h"
#include "version.h"

struct dmc_results dmc_results;

static char *dup_str(const char *s)
{
	char *p = strdup(s);

	if (!p) {
		fputs("dmacheck: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

const char *dmc_legacy_header(void)
{
	static char path[PATH_MAX + 64];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (path[0])
		return path;
	/* installed: <prefix>/bin/dmacheck and <prefix>/include/dmaconv/ */
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/../include/dmaconv/legacy-dma.h", exe);
			if (!access(path, R_OK))
				return path;
		}
	}
	snprintf(path, sizeof(path), "%s", DMACHECK_LEGACY_HEADER);
	return path;
}

/* Reasons a file cannot be handed to sparse at all. */
static const char *unreadable(const char *file)
{
	static char reason[256];
	struct stat st;
	char buf[4096];
	FILE *f;
	size_t n;

	if (!strcmp(file, "-"))
		return NULL;
	if (stat(file, &st) < 0) {
		snprintf(reason, sizeof(reason), "cannot read: %s", strerror(errno));
		return reason;
	}
	if (S_ISDIR(st.st_mode))
		return "is a directory, not a C source file";
	f = fopen(file, "rb");
	if (!f) {
		snprintf(reason, sizeof(reason), "cannot read: %s", strerror(errno));
		return reason;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (memchr(buf, '\0', n))
		return "binary data, not a C source file";
	return NULL;
}

static struct dmc_file *file_named(struct dmc_file **unit, int nr, const char *name)
{
	int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(unit[i]->name, name))
			return unit[i];
	return nr ? unit[0] : NULL;
}

static void add_finding(struct dmc_file **unit, int nr, char **f, int n)
{
	struct dmc_results *r = &dmc_results;
	struct dmc_finding *x;

	if (n < 8)
		return;
	if (r->nr_findings == r->cap_findings)
		r->findings = dmc_grow(r->findings, &r->cap_findings, sizeof(*r->findings));
	x = &r->findings[r->nr_findings++];
	x->tu = file_named(unit, nr, f[1]) - r->files;
	x->file = dup_str(f[2]);
	x->line = atoi(f[3]);
	x->column = atoi(f[4]);
	x->check = dup_str(f[5]);
	x->incomplete = !strcmp(f[6], "0");
	x->message = dup_str(f[7]);
}

static void add_dropped(struct dmc_file *file, char **f, int n)
{
	struct dmc_dropped *d;

	if (n < 6)
		return;
	if (file->nr_dropped == file->cap_dropped)
		file->dropped = dmc_grow(file->dropped, &file->cap_dropped, sizeof(*d));
	d = &file->dropped[file->nr_dropped++];
	d->file = dup_str(f[2]);
	d->line = atoi(f[3]);
	d->function = dup_str(f[4]);
	d->message = dup_str(f[5]);
}

static void add_missing(struct dmc_file *file, const char *header)
{
	int i;

	for (i = 0; i < file->nr_missing; i++)
		if (!strcmp(file->missing[i], header))
			return;
	if (file->nr_missing == file->cap_missing)
		file->missing = dmc_grow(file->missing, &file->cap_missing, sizeof(char *));
	file->missing[file->nr_missing++] = dup_str(header);
}

/* One record of the child, into the results. */
static void take_record(struct dmc_file **unit, int nr, char *line, bool *verdict)
{
	char *f[8];
	int n = dmc_rec_split(line, f, 8);
	struct dmc_file *file;

	if (n < 2 || strlen(f[0]) != 1)
		return;
	file = file_named(unit, nr, f[1]);
	switch (f[0][0]) {
	case 'F':
		add_finding(unit, nr, f, n);
		break;
	case 'E':
		if (n > 2 && !file->error)
			file->error = dup_str(f[2]);
		file->status = ST_ERROR;
		break;
	case 'D':
		add_dropped(file, f, n);
		break;
	case 'M':
		if (n > 2)
			add_missing(file, f[2]);
		break;
	case 'C':
		file->incomplete = true;
		break;
	case 'X':
		verdict[file - unit[0]] = true;
		if (n > 2 && !strcmp(f[2], "error"))
			file->status = ST_ERROR;
		break;
	case 'P':
		if (n > 2 && !dmc_results.facts_error)
			dmc_results.facts_error = dup_str(f[2]);
		break;
	case 'S':
		if (n > 2 && dmc_opt.stats)
			fprintf(stderr, "dmacheck: %s\n", f[2]);
		break;
	}
}

/* First "error:" line sparse printed, as the reason for the failure. */
static char *first_error(FILE *err)
{
	char *line = NULL, *found = NULL;
	size_t cap = 0;

	rewind(err);
	while (!found && getline(&line, &cap, err) > 0) {
		if (strstr(line, "error: ")) {
			line[strcspn(line, "\n")] = '\0';
			found = dup_str(line);
		}
	}
	free(line);
	return found;
}

static void relay(FILE *from, FILE *to)
{
	char buf[4096];
	size_t n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		fwrite(buf, 1, n, to);
	fflush(to);
}

static char *exit_reason(int status)
{
	char buf[128];

	if (WIFSIGNALED(status)) {
		if (WTERMSIG(status) == SIGALRM)
			snprintf(buf, sizeof(buf), "timed out after %u seconds", dmc_opt.timeout);
		else
			snprintf(buf, sizeof(buf), "dmacheck crashed (%s)", strsignal(WTERMSIG(status)));
	} else {
		snprintf(buf, sizeof(buf), "sparse stopped with status %d", WEXITSTATUS(status));
	}
	return dup_str(buf);
}

static int by_position(const void *a, const void *b)
{
	const struct dmc_finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line - y->line;
	return x->column - y->column;
}

/* Run the unit's child; returns its wait status, records and stderr in the files. */
static int fork_child(int argc, char **argv, char **names, int nr, bool legacy,
		      FILE *rec, FILE *err)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "dmacheck: fork: %s\n", strerror(errno));
		exit(1);
	}
	if (pid == 0) {
		dup2(fileno(err), STDERR_FILENO);
		/* sparse's own stdout (nothing, once -E & co are refused) stays apart */
		if (dmc_opt.format != FMT_TEXT)
			dup2(fileno(err), STDOUT_FILENO);
		dmc_child(argc, argv, names, nr, legacy, rec);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

static FILE *temp_file(void)
{
	FILE *f = tmpfile();

	if (!f) {
		fprintf(stderr, "dmacheck: cannot create a temporary file: %s\n", strerror(errno));
		exit(1);
	}
	return f;
}

/* One line per file that is not "ok", as sparse's callers expect: file, reason. */
static void say_status(const struct dmc_file *f)
{
	int i, shown;

	if (f->status == ST_ERROR) {
		fprintf(stderr, "dmacheck: %s: %s\n", f->name, f->error);
	} else if (f->status == ST_PARTIAL) {
		fprintf(stderr, "dmacheck: %s: partial: sparse errors dropped code the analysis did not see:",
			f->name);
		for (i = 0, shown = 0; i < f->nr_dropped && shown < 10; i++) {
			const struct dmc_dropped *d = &f->dropped[i];

			if (i && d->line == d[-1].line && !strcmp(d->file, d[-1].file))
				continue;
			fprintf(stderr, "%s %s:%d in %s()", shown++ ? "," : "", d->file,
				d->line, d->function);
		}
		fprintf(stderr, "%s\n", i < f->nr_dropped ? ", ..." : "");
	}
	if (f->incomplete)
		fprintf(stderr, "dmacheck: %s: incomplete parse (--best-effort): %d header%s treated as empty; findings there say so\n",
			f->name, f->nr_missing, f->nr_missing == 1 ? "" : "s");
}

static void check_unit(int argc, char **argv, struct dmc_file **unit, int nr)
{
	char **names = calloc(nr, sizeof(*names));
	bool *verdict = calloc(nr, sizeof(*verdict));
	bool legacy = false;
	FILE *rec, *err;
	char *line = NULL, *reason;
	size_t cap = 0;
	int i, status, from = dmc_results.nr_findings;

	if (!names || !verdict) {
		fputs("dmacheck: out of memory\n", stderr);
		exit(1);
	}
	for (i = 0; i < nr; i++)
		names[i] = (char *)unit[i]->name;
	for (;;) {
		rec = temp_file();
		err = temp_file();
		status = fork_child(argc, argv, names, nr, legacy, rec, err);
		if (legacy || !WIFEXITED(status) || WEXITSTATUS(status) != DMC_EXIT_LEGACY)
			break;
		/* what it said without the header is superseded */
		fclose(rec);
		fclose(err);
		legacy = true;
	}
	relay(err, stderr);
	rewind(rec);
	while (getline(&line, &cap, rec) > 0)
		take_record(unit, nr, line, verdict);
	free(line);
	reason = first_error(err);
	for (i = 0; i < nr; i++) {
		struct dmc_file *f = unit[i];

		f->legacy_header = legacy;
		if (!verdict[i] && f->status != ST_ERROR)
			f->status = ST_ERROR;
		if (f->status == ST_OK && f->nr_dropped)
			f->status = ST_PARTIAL;
		if (f->status == ST_ERROR && !f->error)
			f->error = reason ? dup_str(reason) : exit_reason(status);
	}
	free(reason);
	fclose(rec);
	fclose(err);
	free(names);
	free(verdict);
	/* no finding yet: findings is NULL, and NULL + 0 is undefined */
	if (dmc_results.nr_findings > from)
		qsort(dmc_results.findings + from, dmc_results.nr_findings - from,
		      sizeof(*dmc_results.findings), by_position);
	if (dmc_opt.format == FMT_TEXT)
		for (i = from; i < dmc_results.nr_findings; i++)
			dmc_print_text_finding(&dmc_results.findings[i]);
	for (i = 0; i < nr; i++)
		say_status(unit[i]);
}

void dmc_run(int argc, char **argv)
{
	bool *is_file = calloc(argc + 1, sizeof(*is_file));
	struct dmc_file **unit;
	int i, n = 0, nr;

	if (!is_file) {
		fputs("dmacheck: out of memory\n", stderr);
		exit(1);
	}
	nr = dmc_find_files(argc, argv, is_file);
	dmc_results.files = calloc(nr + 1, sizeof(*dmc_results.files));
	unit = calloc(nr + 1, sizeof(*unit));
	if (!dmc_results.files || !unit) {
		fputs("dmacheck: out of memory\n", stderr);
		exit(1);
	}
	for (i = 1; i < argc; i++)
		if (is_file[i])
			dmc_results.files[dmc_results.nr_files++].name = argv[i];
	for (i = 0; i < dmc_results.nr_files; i++) {
		struct dmc_file *f = &dmc_results.files[i];
		const char *why = unreadable(f->name);

		if (why) {
			f->status = ST_ERROR;
			f->error = dup_str(why);
			say_status(f);
			continue;
		}
		unit[n++] = f;
		if (!dmc_opt.unit) {
			check_unit(argc, argv, unit, n);
			n = 0;
		}
	}
	if (n)
		check_unit(argc, argv, unit, n);
	if (dmc_results.facts_error)
		fprintf(stderr, "dmacheck: %s: %s\n", dmc_opt.facts, dmc_results.facts_error);
	free(unit);
	free(is_file);
}
