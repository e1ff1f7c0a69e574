// SPDX-License-Identifier: GPL-2.0
/*
 * Inside a configured kernel tree the right flags for dmacheck are the
 * kernel's own: take them from compile_commands.json when the tree has
 * one, else let kbuild run the checker (make C=2 CHECK=dmacheck file.o),
 * exactly as it runs sparse.
 */
#include <stdlib.h>
#include <string.h>
#include "pipeline/dmacheck_run.h"
#include "pipeline/kbuild.h"
#include "util/fs.h"
#include "util/json_io.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

static int is_kernel_root(const char *dir)
{
	static const char *const marks[] = { "Kbuild", "Kconfig", "Makefile",
					     "arch/Kconfig" };
	int ok = 1;

	for (size_t i = 0; ok && i < 4; i++) {
		char *p = path_join(dir, marks[i]);

		ok = is_file(p);
		free(p);
	}
	return ok;
}

static char *existing(const char *dir, const char *name)
{
	char *p = path_join(dir, name);

	if (is_file(p))
		return p;
	free(p);
	return NULL;
}

/* 1 when file sits in a configured kernel tree (kt filled), else 0. */
int kernel_tree_find(const char *file, const char *kbuild,
		     struct kernel_tree *kt)
{
	char *abs = path_abs(file), *dir = is_dir(abs) ? xstrdup(abs) :
					   path_dir(abs);
	char *config;

	free(abs);
	while (strcmp(dir, "/") && strcmp(dir, ".") && !is_kernel_root(dir)) {
		char *up = path_dir(dir);

		free(dir);
		dir = up;
	}
	if (!is_kernel_root(dir)) {
		free(dir);
		return 0;
	}
	kt->src = dir;
	kt->obj = kbuild ? path_abs(kbuild) : xstrdup(dir);
	kt->compdb = existing(kt->obj, "compile_commands.json");
	if (!kt->compdb)
		kt->compdb = existing(kt->src, "compile_commands.json");
	config = existing(kt->obj, ".config");
	if (!config && !kt->compdb) {
		progress("%s is a kernel tree without .config; checking the "
			 "files with the project's headers instead", kt->src);
		return 0;
	}
	free(config);
	return 1;
}

/* Split a compile command the way a POSIX shell would split words. */
static void split_command(const char *s, struct strlist *out)
{
	struct strbuf w = { 0 };
	int in_word = 0;
	char q = 0;

	for (; *s; s++) {
		if (q == '\'' && *s != '\'') {
			sb_add(&w, s, 1);
		} else if (*s == '\\' && s[1] && q != '\'') {
			sb_add(&w, ++s, 1);
		} else if (*s == '\'' || *s == '"') {
			q = q == *s ? 0 : (q ? q : *s);
			if (q == *s || !q)
				in_word = 1;
			else
				sb_add(&w, s, 1);
		} else if (!q && (*s == ' ' || *s == '\t')) {
			if (in_word || w.len)
				sl_push(out, w.s ? w.s : "");
			sb_free(&w);
			in_word = 0;
			continue;
		} else {
			sb_add(&w, s, 1);
		}
		in_word = 1;
	}
	if (in_word || w.len)
		sl_push(out, w.s ? w.s : "");
	sb_free(&w);
}

static const struct json *compdb_entry(const struct json *db, const char *abs)
{
	for (size_t i = 0; db && i < db->n; i++) {
		const char *f = json_get_str(db->items[i], "file");
		const char *d = json_get_str(db->items[i], "directory");
		char *full, *real;
		int same;

		if (!f)
			continue;
		full = f[0] == '/' || !d ? xstrdup(f) : path_join(d, f);
		real = path_abs(full);
		same = !strcmp(real, abs);
		free(full);
		free(real);
		if (same)
			return db->items[i];
	}
	return NULL;
}

/* The compiler's flags minus what only a compiler needs. */
static void checker_flags(const struct json *e, const char *abs,
			  struct strlist *av)
{
	const struct json *args = json_get(e, "arguments");
	struct strlist words = { 0 };

	if (args)
		for (size_t i = 0; i < args->n; i++)
			sl_push(&words, args->items[i]->str ?
				args->items[i]->str : "");
	else
		split_command(json_get_str(e, "command") ?: "", &words);
	for (size_t i = 1; i < words.n; i++) {
		const char *w = words.v[i];
		char *real;

		if (!strcmp(w, "-c"))
			continue;
		if (!strcmp(w, "-o")) {
			i++;
			continue;
		}
		real = path_abs(w);
		if (strcmp(real, abs) && strcmp(path_base(w), path_base(abs)))
			sl_push(av, w);
		free(real);
	}
	sl_free(&words);
}

static int check_compdb(const struct kernel_tree *kt, const char *dmacheck,
			const struct strlist *files,
			const struct strlist *flags, struct finding_list *out)
{
	struct strbuf text = { 0 };
	struct json *db;
	int ret = 0;

	db = read_file(kt->compdb, &text) ? NULL : json_parse(text.s);
	if (!db) {
		err("%s: cannot read it as JSON", kt->compdb);
		sb_free(&text);
		return -1;
	}
	for (size_t i = 0; i < files->n && !ret; i++) {
		char *abs = path_abs(files->v[i]);
		const struct json *e = compdb_entry(db, abs);
		struct strlist av = { 0 };
		struct run_result r;
		struct finding f;
		char *line, *save = NULL;

		if (!e) {
			sl_push_own(&out->errors, xasprintf("%s: not in %s "
				    "(not built in this configuration)",
				    files->v[i], kt->compdb));
			free(abs);
			continue;
		}
		progress("files %zu/%zu: %s", i + 1, files->n, files->v[i]);
		sl_push(&av, dmacheck);
		checker_flags(e, abs, &av);
		for (size_t k = 0; flags && k < flags->n; k++)
			sl_push(&av, flags->v[k]);
		sl_push(&av, abs);
		sl_push_own(&av, NULL);
		av.n--;
		if (run_cmd(av.v, json_get_str(e, "directory"), &r) ||
		    r.status == 127) {
			err("cannot run %s", dmacheck);
			ret = -1;
		}
		for (line = strtok_r(r.err.s, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			if (!parse_finding_line(line, &f))
				finding_push(out, &f);
		if (!ret && r.status == 1)
			sl_push_own(&out->errors, xasprintf("%s: dmacheck "
				    "could not check it", files->v[i]));
		run_free(&r);
		sl_free(&av);
		free(abs);
	}
	out->ran = 1;
	json_free(db);
	sb_free(&text);
	return ret;
}

static char *object_of(const struct kernel_tree *kt, const char *file)
{
	char *abs = path_abs(file), *obj;
	size_t n = strlen(kt->src);

	if (strncmp(abs, kt->src, n) || abs[n] != '/' || !ends_with(abs, ".c")) {
		free(abs);
		return NULL;
	}
	obj = xstrdup(abs + n + 1);
	obj[strlen(obj) - 1] = 'o';
	free(abs);
	return obj;
}

static int check_make(const struct kernel_tree *kt, const char *dmacheck,
		      const struct strlist *files, struct finding_list *out)
{
	struct strlist av = { 0 };
	struct run_result r;
	struct finding f;
	char *line, *save = NULL, *abs_check = path_abs(dmacheck);
	int ret = 0;

	sl_push(&av, "make");
	sl_push(&av, "-C");
	sl_push(&av, kt->src);
	if (strcmp(kt->obj, kt->src))
		sl_push_own(&av, xasprintf("O=%s", kt->obj));
	sl_push(&av, "C=2");
	sl_push_own(&av, xasprintf("CHECK=%s", abs_check));
	for (size_t i = 0; i < files->n; i++) {
		char *o = object_of(kt, files->v[i]);

		if (o)
			sl_push_own(&av, o);
		else
			sl_push_own(&out->errors, xasprintf("%s: not a .c file "
				    "of %s", files->v[i], kt->src));
	}
	sl_push_own(&av, NULL);
	av.n--;
	progress("running kbuild: make -C %s%s%s C=2 CHECK=%s (%zu object(s))",
		 kt->src, strcmp(kt->obj, kt->src) ? " O=" : "",
		 strcmp(kt->obj, kt->src) ? kt->obj : "", abs_check, files->n);
	if (run_cmd(av.v, NULL, &r)) {
		ret = -1;
	} else {
		for (line = strtok_r(r.err.s, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			if (!parse_finding_line(line, &f))
				finding_push(out, &f);
		if (r.status)
			sl_push_own(&out->errors, xasprintf("%s: kernel build "
				    "failed (make exit %d)", kt->src,
				    r.status));
	}
	out->ran = 1;
	run_free(&r);
	sl_free(&av);
	free(abs_check);
	return ret;
}

int kernel_check(const struct kernel_tree *kt, const char *dmacheck,
		 const struct strlist *files, const struct strlist *flags,
		 struct finding_list *out)
{
	if (!program_exists(dmacheck)) {
		err("dmacheck not found (%s); build it with 'make' or set "
		    "DMACONV_DMACHECK", dmacheck);
		return -1;
	}
	if (kt->compdb)
		return check_compdb(kt, dmacheck, files, flags, out);
	return check_make(kt, dmacheck, files, out);
}

/*
 * The kernel's own command line for @file (from compile_commands.json),
 * for a driver unit's model run: the flags into @flags, the folder the
 * compiler ran in into *dir.  0, or -1 with *why saying why there is none
 * (the plain form is used then).  The database is read once.
 */
int kernel_model_flags(const struct kernel_tree *kt, const char *file,
		       struct strlist *flags, char **dir, char **why)
{
	static char *db_path;
	static struct json *db;
	const struct json *e;
	char *abs;

	*why = NULL;
	if (!kt->compdb) {
		*why = xasprintf("%s has no compile_commands.json (make "
				 "compile_commands.json there)", kt->obj);
		return -1;
	}
	if (!db_path || strcmp(db_path, kt->compdb)) {
		struct strbuf text = { 0 };

		json_free(db);
		free(db_path);
		db_path = xstrdup(kt->compdb);
		db = read_file(kt->compdb, &text) ? NULL : json_parse(text.s);
		sb_free(&text);
	}
	if (!db) {
		*why = xasprintf("%s: cannot read it as JSON", kt->compdb);
		return -1;
	}
	abs = path_abs(file);
	e = compdb_entry(db, abs);
	if (!e) {
		*why = xasprintf("%s is not in %s (not built in this "
				 "configuration)", file, kt->compdb);
		free(abs);
		return -1;
	}
	checker_flags(e, abs, flags);
	*dir = xstrdup(json_get_str(e, "directory") ?: kt->obj);
	free(abs);
	return 0;
}
