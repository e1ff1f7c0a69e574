// SPDX-License-Identifier: GPL-2.0
/*
 * The file loop for the model, and best-effort parsing.  sparse() drops
 * a file's tokens when it returns, and with them the bodies of its
 * macros, which the model needs (a call inside a #define is keyed by its
 * place in the definition): model_parse_file() keeps them.
 *
 * Best effort works in rounds, each in a child process (sparse die()s on
 * a missing header): preprocess, read "unable to open 'x.h'" and give x.h
 * an empty stub, again until nothing is missing; then parse once and
 * declare every undefined identifier implicitly.  The parent then
 * initialises sparse with the stub folder last on the include path and
 * the implicit declarations force-included.
 *
 * The stub folder is a fresh $TMPDIR/dmaconv-stubs-XXXXXX unless the
 * caller gave one (--stub-dir, kept).  A fresh one is removed, with what
 * best effort wrote in it, once the last file of the command line is
 * parsed (nothing opens a header after that), else at exit() or on
 * SIGINT, SIGTERM, SIGHUP (and SIGALRM, dmacheck's --timeout) when the
 * signal's action was the default; model_parse_end() removes it before
 * an _exit().  Every path in it is recorded as it is made, so removal
 * is unlink() and rmdir() of known names, which a signal handler may do.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "model_parse.h"
#include "evaluate.h"

#define MAX_ROUNDS_STUBS 64

static struct {
	char **names;
	int nr, cap;
} missing;

static struct {
	char **names;
	int nr, cap;
} incomplete;

static const char *prog = "dmamodel";

/*
 * What best effort made in a folder of its own, in the order it was made
 * (the folder first): removed in reverse order, files and folders before
 * the folder holding them.  Only the process that made the folder removes
 * it: the children of child_run() inherit the handlers and may exit().
 */
struct made_path {
	char *path;
	bool dir;
};
static struct made_path *volatile made;
static volatile sig_atomic_t made_nr;
static int made_cap;
static pid_t made_by;
static int files_left;		/* files of the command line still to parse */

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGALRM };
static struct sigaction old_action[ARRAY_SIZE(cleanup_signals)];

static void made_add(char *path, bool dir)
{
	if (!made_by)
		return;		/* the caller's --stub-dir: kept */
	if (made_nr == made_cap) {
		int cap = made_cap ? 2 * made_cap : 16;
		struct made_path *a = malloc(cap * sizeof(*a)), *old = made;

		if (!a)
			die("%s: out of memory", prog);
		if (made_nr)
			memcpy(a, old, made_nr * sizeof(*a));
		made = a;	/* complete before it is seen */
		made_cap = cap;
		free(old);
	}
	made[made_nr].path = path;
	made[made_nr].dir = dir;
	atomic_signal_fence(memory_order_seq_cst);
	made_nr = made_nr + 1;
}

/* Async-signal-safe. */
static void remove_made(void)
{
	int i;

	if (!made_nr || getpid() != made_by)
		return;
	for (i = made_nr - 1; i >= 0; i--) {
		if (made[i].dir)
			rmdir(made[i].path);
		else
			unlink(made[i].path);
	}
	made_nr = 0;
}

void model_parse_end(void)
{
	remove_made();
}

static void on_signal(int sig)
{
	size_t i;

	remove_made();
	for (i = 0; i < ARRAY_SIZE(cleanup_signals); i++)
		if (cleanup_signals[i] == sig)
			sigaction(sig, &old_action[i], NULL);
	raise(sig);	/* the action there was, once this handler returns */
}

static void cleanup_on_exit(void)
{
	static bool done;
	struct sigaction sa;
	size_t i;

	if (done)
		return;
	done = true;
	atexit(remove_made);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(cleanup_signals); i++) {
		struct sigaction cur;

		/* an ignored signal stays ignored, a caller's handler stays */
		if (sigaction(cleanup_signals[i], NULL, &cur) || cur.sa_handler != SIG_DFL ||
		    (cur.sa_flags & SA_SIGINFO))
			continue;
		old_action[i] = cur;
		sigaction(cleanup_signals[i], &sa, NULL);
	}
}

int model_missing_headers(const char *const **names)
{
	*names = (const char *const *)missing.names;
	return missing.nr;
}

bool model_parse_complete(const char *file)
{
	int i;

	for (i = 0; i < incomplete.nr; i++)
		if (!strcmp(incomplete.names[i], file))
			return false;
	return true;
}

static bool listed(char **names, int nr, const char *name)
{
	int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static void mkdirs(const char *path)
{
	char *p = m_strdup(path), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (!mkdir(p, 0777))
			made_add(m_strdup(p), true);
		*s = '/';
	}
	free(p);
}

/* An empty header at @dir/@name. */
static bool stub(const char *dir, const char *name)
{
	char *path;
	FILE *f;

	if (strstr(name, "..") || name[0] == '/')
		return false;
	path = m_printf("%s/%s", dir, name);
	mkdirs(path);
	f = fopen(path, "w");
	if (!f) {
		free(path);
		return false;
	}
	made_add(path, false);
	fputs("/* dmaconv: a header that was not at hand, treated as empty */\n", f);
	fclose(f);
	if (!made_by)
		free(path);
	return true;
}

/*
 * Run sparse on @file in a child with @argv (preprocessing only when
 * @cpp); its stderr goes to @err.
 */
static void child_run(int argc, char **argv, const char *file, bool cpp, FILE *err)
{
	struct string_list *files = NULL;
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		die("%s: fork: %s", prog, strerror(errno));
	if (pid == 0) {
		char **av = calloc(argc + 4, sizeof(*av));
		int n = 0, i;

		if (!av)
			_exit(2);
		dup2(fileno(err), STDERR_FILENO);
		if (!freopen("/dev/null", "w", stdout))
			_exit(2);
		av[n++] = argv[0];
		if (cpp)
			av[n++] = "-E";
		for (i = 1; i < argc; i++)
			av[n++] = argv[i];
		av[n] = NULL;
		sparse_initialize(n, av, &files);
		sparse((char *)file);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

/* Every quoted name after @key in @err ("unable to open 'x.h'"). */
static int scan(FILE *err, const char *key, char ***names, int *nr, int *cap)
{
	char line[4096];
	int added = 0;

	rewind(err);
	while (fgets(line, sizeof(line), err)) {
		char *s = strstr(line, key), *e;

		if (!s)
			continue;
		s += strlen(key);
		e = strchr(s, '\'');
		if (!e)
			continue;
		*e = '\0';
		if (listed(*names, *nr, s))
			continue;
		*PUSH(*names, *nr, *cap) = m_strdup(s);
		added++;
	}
	return added;
}

/* Is @name called in @file's text ("name (")? */
static bool called_in(const char *file, const char *name)
{
	FILE *f = fopen(file, "r");
	char line[4096];
	size_t n = strlen(name);
	bool yes = false;

	if (!f)
		return true;
	while (!yes && fgets(line, sizeof(line), f)) {
		char *s = line;

		while ((s = strstr(s, name))) {
			char *e = s + n;

			if ((s == line || !(isalnum((unsigned char)s[-1]) || s[-1] == '_')) &&
			    !(isalnum((unsigned char)*e) || *e == '_')) {
				while (*e == ' ' || *e == '\t')
					e++;
				if (*e == '(') {
					yes = true;
					break;
				}
			}
			s += n;
		}
	}
	fclose(f);
	return yes;
}

static char **with_args(int argc, char **argv, const char *dir, const char *implicit,
			int *out_argc)
{
	char **av = calloc(argc + 6, sizeof(*av));
	int n = 0, i;

	if (!av)
		die("%s: out of memory", prog);
	for (i = 0; i < argc; i++)
		av[n++] = argv[i];
	av[n++] = "-idirafter";
	av[n++] = (char *)dir;
	if (implicit) {
		av[n++] = "-include";
		av[n++] = (char *)implicit;
	}
	av[n] = NULL;
	*out_argc = n;
	return av;
}

/* The caller's folder, or a fresh $TMPDIR/dmaconv-stubs-XXXXXX removed when done. */
static const char *make_stub_dir(const struct parse_opts *opts)
{
	const char *base = getenv("TMPDIR");
	char *tmpl;

	if (opts->stub_dir) {
		mkdir(opts->stub_dir, 0777);
		return opts->stub_dir;
	}
	if (!base || !*base)
		base = "/tmp";
	tmpl = m_printf("%s/dmaconv-stubs-XXXXXX", base);
	cleanup_on_exit();
	made_by = getpid();
	if (!mkdtemp(tmpl))
		die("%s: cannot make a folder for stub headers in %s: %s", prog, base,
		    strerror(errno));
	made_add(tmpl, true);
	return tmpl;
}

/* The files on the command line, without taking sparse's state. */
static void file_args(int argc, char **argv, char ***files, int *nr, int *cap)
{
	static const char *const with_value[] = {
		"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-idirafter", "-o",
		"-MF", "-MT", "-MQ", "-x", "-iprefix", "-iwithprefix", NULL,
	};
	int i, k;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			*PUSH(*files, *nr, *cap) = (char *)a;
			continue;
		}
		for (k = 0; with_value[k]; k++)
			if (!strcmp(a, with_value[k]))
				i++;
	}
}

static void best_effort(int argc, char **argv, const char *dir, const char *implicit,
			char **files, int nr_files)
{
	struct { char **names; int nr, cap; } undef = { 0 };
	int i, round, av_n;
	char **av = with_args(argc, argv, dir, NULL, &av_n);
	FILE *out;

	for (i = 0; i < nr_files; i++) {
		bool stubbed = false;

		for (round = 0; round < MAX_ROUNDS_STUBS; round++) {
			FILE *err = tmpfile();
			int before = missing.nr, k;

			if (!err)
				die("%s: cannot make a temporary file", prog);
			child_run(av_n, av, files[i], true, err);
			scan(err, "unable to open '", &missing.names, &missing.nr, &missing.cap);
			fclose(err);
			if (missing.nr == before)
				break;
			for (k = before; k < missing.nr; k++) {
				fprintf(stderr, "%s: %s: missing header '%s' treated as empty\n",
					prog, files[i], missing.names[k]);
				stub(dir, missing.names[k]);
			}
			stubbed = true;
		}
		if (stubbed && !listed(incomplete.names, incomplete.nr, files[i]))
			*PUSH(incomplete.names, incomplete.nr, incomplete.cap) = m_strdup(files[i]);
	}
	/* one full parse per file: what is still undeclared gets declared */
	for (i = 0; i < nr_files; i++) {
		FILE *err = tmpfile();
		int before = undef.nr;

		if (!err)
			die("%s: cannot make a temporary file", prog);
		child_run(av_n, av, files[i], false, err);
		scan(err, "undefined identifier '", &undef.names, &undef.nr, &undef.cap);
		fclose(err);
		if (undef.nr > before && !listed(incomplete.names, incomplete.nr, files[i]))
			*PUSH(incomplete.names, incomplete.nr, incomplete.cap) = m_strdup(files[i]);
	}
	out = fopen(implicit, "w");
	if (!out)
		die("%s: cannot write %s: %s", prog, implicit, strerror(errno));
	made_add(m_strdup(implicit), false);
	fputs("/* dmaconv: implicit declarations for a best-effort parse */\n", out);
	for (i = 0; i < undef.nr; i++) {
		bool call = false;
		int k;

		for (k = 0; k < nr_files && !call; k++)
			call = called_in(files[k], undef.names[i]);
		fprintf(out, call ? "int %s();\n" : "extern int %s;\n", undef.names[i]);
	}
	fclose(out);
	free(av);
}

struct symbol_list *model_parse_init(int argc, char **argv, struct string_list **files,
				     const struct parse_opts *opts)
{
	char **names = NULL;
	int nr = 0, cap = 0, av_n;

	if (opts && opts->prog)
		prog = opts->prog;
	if (!opts || !opts->best_effort)
		return sparse_initialize(argc, argv, files);
	{
		const char *dir = make_stub_dir(opts);
		char *implicit = m_printf("%s/dmaconv-implicit.h", dir);
		char **av;

		file_args(argc, argv, &names, &nr, &cap);
		best_effort(argc, argv, dir, implicit, names, nr);
		free(names);
		struct symbol_list *syms;

		av = with_args(argc, argv, dir, implicit, &av_n);
		syms = sparse_initialize(av_n, av, files);
		files_left = ptr_list_size((struct ptr_list *)*files);
		if (!files_left)
			remove_made();
		return syms;
	}
}

static struct symbol_list *parse_file(const char *file)
{
	struct symbol_list *list;
	struct stat st;

	if (strcmp(file, "-") && stat(file, &st) < 0) {
		fprintf(stderr, "%s: %s: cannot read: %s\n", prog, file, strerror(errno));
		return NULL;
	}
	if (strcmp(file, "-") && !S_ISREG(st.st_mode)) {
		fprintf(stderr, "%s: %s: not a regular file\n", prog, file);
		return NULL;
	}
	list = sparse_keep_tokens((char *)file);
	if (has_error & ERROR_CURR_PHASE)
		has_error = ERROR_PREV_PHASE;
	evaluate_symbol_list(list);
	return list;
}

struct symbol_list *model_parse_file(const char *file)
{
	struct symbol_list *list = parse_file(file);

	/* the last file is read: no header is opened after it */
	if (files_left > 0 && !--files_left)
		remove_made();
	return list;
}
