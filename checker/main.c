// SPDX-License-Identifier: GPL-2.0
/*
 * dmacheck: the command line and the file loop.
 *
 *	dmacheck [dmacheck options] [sparse/gcc flags] file.c...
 *
 * Takes exactly the command line the kernel gives $(CHECK).  Options of
 * its own are taken out before the rest goes to sparse.  Each file is
 * analysed in a child process: sparse die()s on some fatal errors, and
 * one bad file must not end a run over many.  The child sends its
 * findings back as records (diag.c) and its stderr through a file, so
 * the parent can print text or JSON and give the reason a file failed.
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
#include "version.h"

enum format { FMT_TEXT, FMT_JSON };

static struct {
	enum format format;
	bool fail_on_findings;
	bool sparse_warnings;
	bool stats;
	unsigned int timeout;
} opt = { .timeout = 300 };

struct finding {
	char *file, *check, *message;
	int line, column;
};

struct file_result {
	const char *file;
	char *error;		/* NULL: checked */
};

static struct finding *findings;
static int nr_findings, cap_findings;
static struct file_result *results;
static int nr_results;

static void oom(void)
{
	fputs("dmacheck: out of memory\n", stderr);
	exit(1);
}

static char *dup_str(const char *s)
{
	char *p = strdup(s);

	if (!p)
		oom();
	return p;
}

static void usage(FILE *out)
{
	fputs("usage: dmacheck [options] [sparse/gcc flags] file.c...\n"
	      "  -f text|json          output format (findings: stderr; json: stdout)\n"
	      "  -W<check>, -Wno-<check>  turn one check on or off\n"
	      "  --fail-on-findings    exit 2 when there are findings\n"
	      "  --sparse-warnings     also print sparse's own warnings\n"
	      "  --inline-api          let sparse inline the API's static inline wrappers\n"
	      "  --stats               per file: time in sparse and in the analysis\n"
	      "  --work-limit=N        instructions analysed per function (default 50000000)\n"
	      "  --timeout=SECONDS     per file (default 300)\n"
	      "  --list-checks         print the check ids\n"
	      "  --version, --help\n", out);
}

static void list_checks(void)
{
	int i;

	for (i = 0; i < NR_CHECKS; i++)
		printf("%s\n", dmc_check_name(i));
}

/*
 * A number in 1..@max after "--<name>="; false after a message if it is
 * not.  strtoul() takes "-1" as ULONG_MAX, and a value that does not fit
 * the variable would wrap (a timeout of 2^32 would become none at all).
 */
static bool number_option(const char *arg, const char *name, unsigned long max,
			  unsigned long *val)
{
	const char *s = arg + strlen(name) + 3;
	char *end;

	errno = 0;
	*val = strtoul(s, &end, 10);
	if (errno || *s < '0' || *s > '9' || *end || !*val || *val > max) {
		fprintf(stderr, "dmacheck: bad --%s '%s'\n", name, s);
		return false;
	}
	return true;
}

/* gcc and sparse long options that pass through to sparse. */
static bool foreign_long_option(const char *arg)
{
	static const char *const known[] = {
		"--param", "--arch=", "--os=", "--sysroot", "--target=",
		"--include", "--define-macro", "--undefine-macro", NULL,
	};
	int i;

	for (i = 0; known[i]; i++)
		if (!strncmp(arg, known[i], strlen(known[i])))
			return true;
	return false;
}

/* -Wno-<check> (*@on false) or -W<check> (true): the check's id; -1 otherwise. */
static int check_switch(const char *arg, bool *on)
{
	int id;

	if (!strncmp(arg, "-Wno-", 5)) {
		id = dmc_check_by_name(arg + 5);
		if (id >= 0) {
			*on = false;
			return id;
		}
	}
	if (strncmp(arg, "-W", 2))
		return -1;
	*on = true;
	return dmc_check_by_name(arg + 2);
}

/*
 * Take dmacheck's own options out of argv; everything else, unknown gcc
 * flags included, is left for sparse.  Returns false after printing a
 * message if an option is wrong.
 */
static bool take_own_options(int *argc, char **argv)
{
	int i, out = 1;
	unsigned long val;

	for (i = 1; i < *argc; i++) {
		char *arg = argv[i];
		bool on = true;
		int id = check_switch(arg, &on);

		if (!strcmp(arg, "-f") || !strncmp(arg, "--format", 8)) {
			const char *fmt = NULL;

			if (!strncmp(arg, "--format=", 9))
				fmt = arg + 9;
			else if (i + 1 < *argc)
				fmt = argv[++i];
			if (fmt && !strcmp(fmt, "json")) {
				opt.format = FMT_JSON;
			} else if (fmt && !strcmp(fmt, "text")) {
				opt.format = FMT_TEXT;
			} else {
				fprintf(stderr, "dmacheck: unknown output format '%s' (use text or json)\n",
					fmt ? fmt : "");
				return false;
			}
		} else if (!strcmp(arg, "--fail-on-findings")) {
			opt.fail_on_findings = true;
		} else if (!strcmp(arg, "--stats")) {
			opt.stats = true;
		} else if (!strcmp(arg, "--inline-api")) {
			api_inline = true;
		} else if (!strcmp(arg, "--sparse-warnings")) {
			opt.sparse_warnings = true;
		} else if (!strncmp(arg, "--work-limit=", 13)) {
			if (!number_option(arg, "work-limit", ULONG_MAX, &val))
				return false;
			dmc_work_limit = val;
		} else if (!strncmp(arg, "--timeout=", 10)) {
			if (!number_option(arg, "timeout", UINT_MAX, &val))
				return false;
			opt.timeout = val;
		} else if (!strcmp(arg, "--version")) {
			printf("dmacheck %s (sparse %s)\n", DMACHECK_VERSION, SPARSE_VERSION);
			exit(0);
		} else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(arg, "--list-checks")) {
			list_checks();
			exit(0);
		} else if (id >= 0) {
			dmc_check_set_enabled(id, on);
		} else {
			if (!strncmp(arg, "--", 2) && !foreign_long_option(arg)) {
				fprintf(stderr, "dmacheck: unknown option '%s' (see dmacheck --help)\n",
					arg);
				return false;
			}
			argv[out++] = arg;
		}
	}
	argv[out] = NULL;
	*argc = out;
	return true;
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

static void child_check(char *file, FILE *out)
{
	struct symbol_list *list;
	double t0, t1;

	dmc_diag_set_output(out);
	alarm(opt.timeout);
	t0 = dmc_seconds();
	/* an error in the -include files of the command line fails every file */
	list = sparse(file);
	t1 = dmc_seconds();
	/* What sparse could parse is still analysed; the file still fails. */
	dmc_analyse(list);
	fprintf(out, "S\t%s: parse %.3fs, linearize %.3fs, analysis %.3fs\n", file,
		t1 - t0, dmc_stats.linearize, dmc_stats.analysis);
	fflush(out);
	fflush(stdout);
	_exit(has_error ? 1 : 0);
}

/* First "error:" line sparse printed, as the reason for the failure. */
static char *first_error(FILE *err)
{
	char line[1024];

	rewind(err);
	while (fgets(line, sizeof(line), err)) {
		char *p = strstr(line, "error: ");

		if (p) {
			line[strcspn(line, "\n")] = '\0';
			return dup_str(line);
		}
	}
	return NULL;
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

static void add_finding(char *rec)
{
	char *field[6];
	struct finding *f;
	int i;

	for (i = 0; i < 6 && rec; i++)
		field[i] = strsep(&rec, "\t");
	if (i < 6 || !field[5])
		return;
	if (nr_findings == cap_findings)
		findings = dmc_grow(findings, &cap_findings, sizeof(*findings));
	f = &findings[nr_findings++];
	f->file = dup_str(field[1]);
	f->line = atoi(field[2]);
	f->column = atoi(field[3]);
	f->check = dup_str(field[4]);
	f->message = dup_str(field[5]);
}

static int by_position(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line - y->line;
	return x->column - y->column;
}

/* A file's findings in source order, as a compiler prints them. */
static void print_findings(int from)
{
	int i;

	if (nr_findings == from)
		return;
	qsort(findings + from, nr_findings - from, sizeof(*findings), by_position);
	if (opt.format != FMT_TEXT)
		return;
	for (i = from; i < nr_findings; i++)
		fprintf(stderr, "%s:%d:%d: warning: %s [%s]\n", findings[i].file,
			findings[i].line, findings[i].column, findings[i].message,
			findings[i].check);
}

/* Read the child's records; returns its own error record if any. */
static char *collect(FILE *rec)
{
	char line[4096];
	char *error = NULL;
	int from = nr_findings;

	rewind(rec);
	while (fgets(line, sizeof(line), rec)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == 'F' && line[1] == '\t')
			add_finding(line);
		else if (line[0] == 'E' && line[1] == '\t' && !error)
			error = dup_str(line + 2);
		else if (line[0] == 'S' && line[1] == '\t' && opt.stats)
			fprintf(stderr, "dmacheck: %s\n", line + 2);
	}
	print_findings(from);
	return error;
}

static char *exit_reason(int status)
{
	char buf[128];

	if (WIFSIGNALED(status)) {
		if (WTERMSIG(status) == SIGALRM)
			snprintf(buf, sizeof(buf), "timed out after %u seconds", opt.timeout);
		else
			snprintf(buf, sizeof(buf), "dmacheck crashed (%s)", strsignal(WTERMSIG(status)));
	} else {
		snprintf(buf, sizeof(buf), "sparse stopped with status %d", WEXITSTATUS(status));
	}
	return dup_str(buf);
}

static char *check_file(char *file)
{
	FILE *rec = tmpfile(), *err = tmpfile();
	char *error, *sparse_error;
	int status;
	pid_t pid;

	if (!rec || !err) {
		fprintf(stderr, "dmacheck: cannot create a temporary file: %s\n", strerror(errno));
		exit(1);
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "dmacheck: fork: %s\n", strerror(errno));
		exit(1);
	}
	if (pid == 0) {
		dup2(fileno(err), STDERR_FILENO);
		child_check(file, rec);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	relay(err, stderr);
	error = collect(rec);
	sparse_error = first_error(err);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		free(error);
		error = NULL;
	} else if (sparse_error) {
		free(error);
		error = sparse_error;
		sparse_error = NULL;
	} else if (!error) {
		error = exit_reason(status);
	}
	free(sparse_error);
	fclose(rec);
	fclose(err);
	return error;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_json(void)
{
	int i;

	fputs("{\"tool\":\"dmacheck\",\"version\":", stdout);
	json_string(DMACHECK_VERSION);
	fputs(",\"sparse\":", stdout);
	json_string(SPARSE_VERSION);
	fputs(",\"files\":[", stdout);
	for (i = 0; i < nr_results; i++) {
		fputs(i ? ",{\"file\":" : "{\"file\":", stdout);
		json_string(results[i].file);
		if (results[i].error) {
			fputs(",\"status\":\"error\",\"error\":", stdout);
			json_string(results[i].error);
			putchar('}');
		} else {
			fputs(",\"status\":\"ok\"}", stdout);
		}
	}
	fputs("],\"findings\":[", stdout);
	for (i = 0; i < nr_findings; i++) {
		struct finding *f = &findings[i];

		fputs(i ? ",{\"file\":" : "{\"file\":", stdout);
		json_string(f->file);
		printf(",\"line\":%d,\"column\":%d,\"check\":", f->line, f->column);
		json_string(f->check);
		fputs(",\"severity\":\"warning\",\"message\":", stdout);
		json_string(f->message);
		putchar('}');
	}
	fputs("]}\n", stdout);
}

int main(int argc, char **argv)
{
	struct string_list *files = NULL;
	char *file;
	int nr_files, failed = 0;

	if (!take_own_options(&argc, argv))
		return 1;
	dmc_register_checks();

	/* sparse's own warnings stay off: CHECK=dmacheck must not repeat sparse */
	if (!opt.sparse_warnings)
		fmax_warnings = 0;
	sparse_initialize(argc, argv, &files);
	if (!opt.sparse_warnings)
		fmax_warnings = 0;
	nr_files = ptr_list_size((struct ptr_list *)files);
	if (!nr_files) {
		fputs("dmacheck: no input files (see dmacheck --help)\n", stderr);
		return 1;
	}
	results = calloc(nr_files, sizeof(*results));
	if (!results)
		oom();

	FOR_EACH_PTR(files, file) {
		struct file_result *r = &results[nr_results++];
		const char *why = unreadable(file);

		r->file = file;
		r->error = why ? dup_str(why) : check_file(file);
		if (r->error) {
			failed = 1;
			fprintf(stderr, "dmacheck: %s: %s\n", file, r->error);
		}
	} END_FOR_EACH_PTR(file);

	if (opt.format == FMT_JSON)
		print_json();
	if (failed)
		return 1;
	if (opt.fail_on_findings && nr_findings)
		return 2;
	return 0;
}
