/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmaconv: the front end that drives the semantic patches (spatch),
 * the ownership checker (dmacheck) and writes the reviewer's report.
 */
#ifndef DMACONV_H
#define DMACONV_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes (documented in dmaconv(1)). */
enum {
	EXIT_OK		= 0,	/* done, nothing to report */
	EXIT_FINDINGS	= 1,	/* check: findings; review: regressions */
	EXIT_USAGE	= 2,	/* bad option, missing argument or path */
	EXIT_INPUT	= 3,	/* an input could not be processed (named) */
	EXIT_TOOL	= 4,	/* spatch/dmacheck/git missing or too old */
};

/* ---- util.c ---- */
struct strbuf {
	char *s;
	size_t len, cap;
};

struct strlist {
	char **v;
	size_t n, cap;
};

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_free(struct strbuf *sb);
void sl_push(struct strlist *sl, const char *s);
void sl_push_own(struct strlist *sl, char *s);
void sl_free(struct strlist *sl);
void sl_sort(struct strlist *sl);
int sl_contains(const struct strlist *sl, const char *s);
char *trim_dup(const char *s, size_t n);
int starts_with(const char *s, const char *prefix);
int ends_with(const char *s, const char *suffix);

extern const char *progname;
extern int quiet;
void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- fsutil.c ---- */
int read_file(const char *path, struct strbuf *out);
int write_file(const char *path, const char *data, size_t len);
int copy_file(const char *from, const char *to);
int mkdir_p(const char *path);
int rm_rf(const char *path);
int is_dir(const char *path);
int is_file(const char *path);
char *make_tmpdir(const char *tag);
char *path_join(const char *a, const char *b);
char *dir_name(const char *path);
const char *base_name(const char *path);
char *abs_path(const char *path);
int walk_sources(const char *dir, struct strlist *out);
int same_content(const char *a, const char *b);

/* ---- spawn.c ---- */
struct run_result {
	int status;		/* exit status, or 128 + signal, or -1 */
	struct strbuf out, err;
};

int run_cmd(char *const argv[], const char *cwd, struct run_result *r);
void run_free(struct run_result *r);
int program_exists(const char *name);

/* ---- legacy.c ---- */
int text_uses_legacy_api(const char *text, size_t len);
int file_uses_legacy_api(const char *path);
int needs_legacy_view(const char *path);

/* ---- locate.c ---- */
struct resources {
	char *cocci_dir;	/* holds series and *.cocci */
	char *dmacheck;		/* the checker executable */
	char *include_dir;	/* the project's include/ */
};

int locate_resources(struct resources *res);

#endif
