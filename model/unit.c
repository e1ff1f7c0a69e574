// SPDX-License-Identifier: GPL-2.0
/*
 * Driver units (docs/design/driver-model.md, section 1): which files the
 * kernel builds into one module or object.  A folder's Kbuild (or
 * Makefile) lines name the objects, `obj-$(CONFIG_X) += x.o`, and the
 * parts of composite ones, `x-objs := a.o b.o` or `x-y += c.o`; every
 * compiled .c file brings the .c files and headers it #includes with
 * quotes (lib82596.c in lasi_82596 and sni_82596).  A folder without a
 * Makefile, or whose Makefile cannot be read as Kbuild, has one unit per
 * .c file no other file includes.  No libsparse here: dmaconv links this
 * file alone.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "unit.h"

#define MAX_EXPAND_DEPTH 8
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void *xrealloc_or_die(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("out of memory\n", stderr);
		abort();
	}
	return p;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = xrealloc_or_die(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static char *dup_s(const char *s)
{
	return dup_n(s, strlen(s));
}

static int has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && !strcmp(s + a - b, suf);
}

/* ---- a list of strings ---- */

struct words {
	char **v;
	size_t n;
};

static void words_push(struct words *w, const char *s)
{
	w->v = xrealloc_or_die(w->v, (w->n + 1) * sizeof(*w->v));
	w->v[w->n++] = dup_s(s);
}

static int words_find(const struct words *w, const char *s)
{
	for (size_t i = 0; i < w->n; i++)
		if (!strcmp(w->v[i], s))
			return (int)i;
	return -1;
}

static void words_free(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

/* ---- the Kbuild reader ---- */

struct kvar {
	char *name;
	struct words value;
};

struct kbuild {
	struct kvar *vars;
	size_t nvars;
	struct words objects;	/* "x" for x.o, in order */
};

static struct kvar *kvar_get(struct kbuild *kb, const char *name, int make)
{
	for (size_t i = 0; i < kb->nvars; i++)
		if (!strcmp(kb->vars[i].name, name))
			return &kb->vars[i];
	if (!make)
		return NULL;
	kb->vars = xrealloc_or_die(kb->vars, (kb->nvars + 1) * sizeof(*kb->vars));
	memset(&kb->vars[kb->nvars], 0, sizeof(*kb->vars));
	kb->vars[kb->nvars].name = dup_s(name);
	return &kb->vars[kb->nvars++];
}

static void kbuild_free(struct kbuild *kb)
{
	for (size_t i = 0; i < kb->nvars; i++) {
		free(kb->vars[i].name);
		words_free(&kb->vars[i].value);
	}
	free(kb->vars);
	words_free(&kb->objects);
}

/* "$(name)" or "${name}" as a whole word: the name, else NULL. */
static char *reference(const char *w)
{
	size_t n = strlen(w);

	if (n < 4 || w[0] != '$' || !((w[1] == '(' && w[n - 1] == ')') ||
				      (w[1] == '{' && w[n - 1] == '}')))
		return NULL;
	for (size_t i = 2; i < n - 1; i++)
		if (!(isalnum((unsigned char)w[i]) || strchr("_-.", w[i])))
			return NULL;
	return dup_n(w + 2, n - 3);
}

/* The words of @value, $(var) references expanded where they are whole words. */
static void expand_words(struct kbuild *kb, const char *value, int depth,
			 struct words *out)
{
	const char *p = value;

	while (*p) {
		const char *e;
		char *w, *ref;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		for (e = p; *e && !isspace((unsigned char)*e); e++)
			;
		w = dup_n(p, e - p);
		p = e;
		ref = reference(w);
		if (ref && depth < MAX_EXPAND_DEPTH) {
			struct kvar *v = kvar_get(kb, ref, 0);

			for (size_t i = 0; v && i < v->value.n; i++)
				expand_words(kb, v->value.v[i], depth + 1, out);
		} else if (!strstr(w, "$(") && !strstr(w, "${")) {
			/* A word that depends on the configuration is skipped. */
			words_push(out, w);
		}
		free(ref);
		free(w);
	}
}

static const char *const directives[] = {
	"ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include",
	"-include", "sinclude", "export", "unexport", "override", "vpath",
	"undefine", "private",
};

static int is_directive(const char *line)
{
	for (size_t i = 0; i < ARRAY_SIZE(directives); i++) {
		size_t k = strlen(directives[i]);

		if (!strncmp(line, directives[i], k) &&
		    (!line[k] || isspace((unsigned char)line[k]) || line[k] == '('))
			return 1;
	}
	return 0;
}

/* $( and ( balanced, the way make reads a reference. */
static int balanced(const char *s)
{
	int depth = 0;

	for (; *s; s++) {
		if (*s == '(' || *s == '{')
			depth++;
		else if ((*s == ')' || *s == '}') && --depth < 0)
			return 0;
	}
	return depth == 0;
}

/*
 * The assignment operator of a line: its position and length, or -1 when
 * the line assigns nothing (a ':' before any '=' makes it a rule).
 */
static int assignment_op(const char *line, size_t *oplen)
{
	int depth = 0;

	for (const char *p = line; *p; p++) {
		if (*p == '(' || *p == '{')
			depth++;
		else if (*p == ')' || *p == '}')
			depth--;
		if (depth)
			continue;
		if (*p == '=') {
			int at = (int)(p - line);

			*oplen = 1;
			if (at && strchr(":+?!", p[-1])) {
				*oplen = 2;
				at--;
				if (at && p[-1] == ':' && p[-2] == ':') {
					*oplen = 3;
					at--;
				}
			}
			return at;
		}
		if (*p == ':' && p[1] != '=' && !(p[1] == ':' && p[2] == '='))
			return -1;
	}
	return -1;
}

/* Name of the composite object a variable's name gives its parts of. */
static char *composite_of(const char *name)
{
	static const char *const suffixes[] = { "-objs", "-y", "-m" };
	size_t n = strlen(name);
	const char *dash;

	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++)
		if (has_suffix(name, suffixes[i]) &&
		    n > strlen(suffixes[i]))
			return dup_n(name, n - strlen(suffixes[i]));
	/* x-$(CONFIG_Y) */
	dash = strstr(name, "-$(");
	if (dash && dash > name && name[n - 1] == ')')
		return dup_n(name, dash - name);
	return NULL;
}

static void assign(struct kbuild *kb, const char *name, const char *op,
		   const char *value)
{
	char *obj_key = NULL;
	struct kvar *v;
	struct words vals = { 0 };

	expand_words(kb, value, 0, &vals);
	if (!strncmp(name, "obj-", 4)) {
		for (size_t i = 0; i < vals.n; i++)
			if (has_suffix(vals.v[i], ".o")) {
				char *o = dup_n(vals.v[i], strlen(vals.v[i]) - 2);

				if (words_find(&kb->objects, o) < 0)
					words_push(&kb->objects, o);
				free(o);
			}
		/* Never expanded as a variable: obj-y collects from many lines. */
		words_free(&vals);
		return;
	}
	obj_key = composite_of(name);
	if (obj_key) {
		/* All branches of the configuration: x-$(CONFIG_Y) adds too. */
		char *key = NULL;

		if (asprintf(&key, "%s-parts", obj_key) < 0)
			abort();
		v = kvar_get(kb, key, 1);
		for (size_t i = 0; i < vals.n; i++)
			if (words_find(&v->value, vals.v[i]) < 0)
				words_push(&v->value, vals.v[i]);
		free(key);
		free(obj_key);
	}
	v = kvar_get(kb, name, 1);
	if (strcmp(op, "+="))
		words_free(&v->value);
	for (size_t i = 0; i < vals.n; i++)
		words_push(&v->value, vals.v[i]);
	words_free(&vals);
}

/* A blank outside $(...): the text before an '=' is no variable name. */
static int blank_outside_refs(const char *s)
{
	int depth = 0;

	for (; *s; s++) {
		if (*s == '(' || *s == '{')
			depth++;
		else if (*s == ')' || *s == '}')
			depth--;
		else if (!depth && isspace((unsigned char)*s))
			return 1;
	}
	return 0;
}

/* One logical line; 0, or -1 with @why filled. */
static int kbuild_line(struct kbuild *kb, char *line, int *in_define,
		       char *why, size_t whylen)
{
	char *p = line, *name, *value, op[4] = "";
	size_t oplen = 0;
	int at;

	if (*line == '\t')
		return 0;		/* a recipe */
	while (isspace((unsigned char)*p))
		p++;
	if (*in_define) {
		if (!strncmp(p, "endef", 5))
			*in_define = 0;
		return 0;
	}
	if (!*p)
		return 0;
	if (!strncmp(p, "define", 6) && (!p[6] || isspace((unsigned char)p[6]))) {
		*in_define = 1;
		return 0;
	}
	if (!balanced(p)) {
		snprintf(why, whylen, "unbalanced parentheses: %.40s", p);
		return -1;
	}
	if (is_directive(p))
		return 0;
	at = assignment_op(p, &oplen);
	if (at < 0) {
		if (strchr(p, ':') || (p[0] == '$' && (p[1] == '(' || p[1] == '{')))
			return 0;	/* a rule, or $(eval ...) and the like */
		snprintf(why, whylen, "not a Kbuild line: %.40s", p);
		return -1;
	}
	memcpy(op, p + at, oplen);
	name = dup_n(p, at);
	for (size_t k = strlen(name); k && isspace((unsigned char)name[k - 1]); k--)
		name[k - 1] = '\0';
	value = p + at + oplen;
	if (!*name || blank_outside_refs(name)) {
		free(name);
		if (!*p || strchr(p, ':'))
			return 0;
		snprintf(why, whylen, "not a Kbuild assignment: %.40s", p);
		return -1;
	}
	assign(kb, name, op, value);
	free(name);
	return 0;
}

static int kbuild_parse(struct kbuild *kb, const char *text, char *why,
			size_t whylen)
{
	char *copy = dup_s(text), *p = copy;
	int lineno = 0, in_define = 0, ret = 0;

	while (*p && !ret) {
		char *start = p, *w = p, *e;
		int first = lineno + 1;
		char reason[200];

		/* Join backslash continuations; drop the comment. */
		for (; *p && *p != '\n'; p++) {
			if (*p == '\\' && p[1] == '\n') {
				*w++ = ' ';
				p++;
				lineno++;
				continue;
			}
			*w++ = *p;
		}
		lineno++;
		if (*p)
			p++;
		*w = '\0';
		for (e = start; *e; e++)
			if (*e == '#' && (e == start || e[-1] != '\\')) {
				*e = '\0';
				break;
			}
		if (kbuild_line(kb, start, &in_define, reason, sizeof(reason))) {
			snprintf(why, whylen, "%d: %s", first, reason);
			ret = -1;
		}
	}
	free(copy);
	return ret;
}

/* The parts of object @o: x-objs/x-y lines, else x.o itself. */
static void object_parts(struct kbuild *kb, const char *o, struct words *parts)
{
	char *key = NULL;
	struct kvar *v;

	if (asprintf(&key, "%s-parts", o) < 0)
		abort();
	v = kvar_get(kb, key, 0);
	free(key);
	for (size_t i = 0; v && i < v->value.n; i++)
		if (has_suffix(v->value.v[i], ".o"))
			words_push(parts, v->value.v[i]);
	if (!parts->n) {
		char *self = NULL;

		if (asprintf(&self, "%s.o", o) < 0)
			abort();
		words_push(parts, self);
		free(self);
	}
}

int unit_read_kbuild(const char *text, char **out, char *why, size_t whylen)
{
	struct kbuild kb = { 0 };
	size_t len = 0, cap = 0;
	char *s = NULL;

	*out = NULL;
	if (kbuild_parse(&kb, text, why, whylen)) {
		kbuild_free(&kb);
		return -1;
	}
	for (size_t i = 0; i < kb.objects.n; i++) {
		struct words parts = { 0 };

		object_parts(&kb, kb.objects.v[i], &parts);
		for (size_t k = 0; k <= parts.n; k++) {
			const char *w = k ? parts.v[k - 1] : kb.objects.v[i];
			size_t need = len + strlen(w) + 4;

			if (need > cap) {
				cap = need * 2;
				s = xrealloc_or_die(s, cap);
			}
			len += sprintf(s + len, k ? " %s" : "%s:", w);
		}
		s[len++] = '\n';
		s[len] = '\0';
		words_free(&parts);
	}
	*out = s ? s : dup_s("");
	kbuild_free(&kb);
	return 0;
}

/* ---- files and folders ---- */

/* Whole file, or NULL; *binary set when it holds a NUL byte. */
static char *read_text(const char *path, int *binary)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	*binary = 0;
	if (!f)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			cap = (len + 4096 + 1) * 2;
			buf = xrealloc_or_die(buf, cap);
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got);
	fclose(f);
	buf[len] = '\0';
	if (memchr(buf, '\0', len))
		*binary = 1;
	return buf;
}

static int is_regular(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

/* "a/b/../c" -> "a/c", "a/./c" -> "a/c": paths as text, never resolved. */
static char *join_clean(const char *dir, const char *name)
{
	struct words parts = { 0 };
	char *all = NULL, *tok, *save = NULL, *out;
	size_t len = 0;
	int absolute = dir[0] == '/';

	if (asprintf(&all, "%s/%s", dir, name) < 0)
		abort();
	for (tok = strtok_r(all, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..") && parts.n &&
		    strcmp(parts.v[parts.n - 1], "..")) {
			free(parts.v[--parts.n]);
			continue;
		}
		words_push(&parts, tok);
	}
	free(all);
	for (size_t i = 0; i < parts.n; i++)
		len += strlen(parts.v[i]) + 1;
	out = xrealloc_or_die(NULL, len + 2);
	out[0] = '\0';
	if (absolute)
		strcat(out, "/");
	for (size_t i = 0; i < parts.n; i++) {
		if (i)
			strcat(out, "/");
		strcat(out, parts.v[i]);
	}
	if (!*out)
		strcpy(out, ".");
	words_free(&parts);
	return out;
}

static char *dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	if (!s)
		return dup_s(".");
	return s == path ? dup_s("/") : dup_n(path, s - path);
}

static const char *base_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The "" includes of @path that exist: relative to its folder, then @root. */
static void quoted_includes(const char *path, const char *root,
			    struct words *out)
{
	int binary;
	char *text = read_text(path, &binary), *line, *save = NULL;
	char *here = dir_of(path);

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line && !binary;
	     line = strtok_r(NULL, "\n", &save)) {
		char *p = line, *q, *name, *cand;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p++ != '#')
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "include", 7))
			continue;
		p += 7;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '"')
			continue;
		q = strchr(p + 1, '"');
		if (!q)
			continue;
		name = dup_n(p + 1, q - p - 1);
		cand = join_clean(here, name);
		if (!is_regular(cand)) {
			free(cand);
			cand = join_clean(root, name);
		}
		if (is_regular(cand) && words_find(out, cand) < 0)
			words_push(out, cand);
		free(cand);
		free(name);
	}
	free(here);
	free(text);
}

/* ---- units ---- */

static struct driver_unit *unit_new(struct unit_set *set, const char *name,
				    const char *dir, int from_kbuild)
{
	struct driver_unit *u;

	set->v = xrealloc_or_die(set->v, (set->n + 1) * sizeof(*set->v));
	u = &set->v[set->n++];
	memset(u, 0, sizeof(*u));
	u->name = dup_s(name);
	u->dir = dup_s(dir);
	u->from_kbuild = from_kbuild;
	return u;
}

int unit_has_file(const struct driver_unit *u, const char *path)
{
	for (size_t i = 0; i < u->nfiles; i++)
		if (!strcmp(u->files[i].path, path))
			return 1;
	return 0;
}

static void unit_add(struct driver_unit *u, const char *path,
		     enum unit_file_kind kind)
{
	if (unit_has_file(u, path))
		return;
	u->files = xrealloc_or_die(u->files, (u->nfiles + 1) * sizeof(*u->files));
	u->files[u->nfiles].path = dup_s(path);
	u->files[u->nfiles].kind = kind;
	u->nfiles++;
}

/* Everything the unit's files include with quotes, transitively. */
static void unit_close(struct driver_unit *u)
{
	for (size_t i = 0; i < u->nfiles; i++) {
		struct words inc = { 0 };

		quoted_includes(u->files[i].path, u->dir, &inc);
		for (size_t k = 0; k < inc.n; k++)
			unit_add(u, inc.v[k], has_suffix(inc.v[k], ".c") ?
				 UNIT_INCLUDED_C : UNIT_HEADER);
		words_free(&inc);
	}
}

static void set_error(struct unit_set *set, const char *msg)
{
	set->errors = xrealloc_or_die(set->errors,
				      (set->nerrors + 1) * sizeof(*set->errors));
	set->errors[set->nerrors++] = dup_s(msg);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .c and .h files of @dir, sorted; -1 when it cannot be read. */
static int list_sources(const char *dir, struct words *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char *p;

		if (!has_suffix(e->d_name, ".c") && !has_suffix(e->d_name, ".h"))
			continue;
		p = join_clean(dir, e->d_name);
		if (is_regular(p))
			words_push(out, p);
		free(p);
	}
	closedir(d);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_str);
	return 0;
}

/* The Kbuild file kbuild reads in @dir: Kbuild first, then Makefile. */
static char *kbuild_file(const char *dir)
{
	static const char *const names[] = { "Kbuild", "Makefile" };

	for (size_t i = 0; i < 2; i++) {
		char *p = join_clean(dir, names[i]);

		if (is_regular(p))
			return p;
		free(p);
	}
	return NULL;
}

/* Units from the Kbuild lines; -1 (error recorded) when they cannot be read. */
static int units_from_kbuild(struct unit_set *set, const char *dir,
			     const char *mk)
{
	int binary;
	char *text = read_text(mk, &binary), *objs = NULL, *line, *save = NULL;
	char why[256], msg[600];

	if (!text || binary) {
		snprintf(msg, sizeof(msg), "%s: %s; each .c file is its own "
			 "driver unit", mk, text ? "not a text file" :
			 strerror(errno));
		set_error(set, msg);
		free(text);
		return -1;
	}
	if (unit_read_kbuild(text, &objs, why, sizeof(why))) {
		snprintf(msg, sizeof(msg), "%s:%s; each .c file is its own "
			 "driver unit", mk, why);
		set_error(set, msg);
		free(text);
		return -1;
	}
	for (line = strtok_r(objs, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':'), *part, *psave = NULL;
		struct driver_unit *u = NULL;

		if (!colon)
			continue;
		*colon = '\0';
		for (part = strtok_r(colon + 1, " ", &psave); part;
		     part = strtok_r(NULL, " ", &psave)) {
			char *c = dup_s(part), *p;

			strcpy(c + strlen(c) - 1, "c");
			p = join_clean(dir, c);
			if (is_regular(p)) {
				if (!u)
					u = unit_new(set, base_of(line), dir, 1);
				unit_add(u, p, UNIT_COMPILED);
			}
			free(p);
			free(c);
		}
	}
	free(objs);
	free(text);
	return 0;
}

static int held_by_any(const struct unit_set *set, size_t from,
		       const char *path)
{
	for (size_t i = from; i < set->n; i++)
		if (unit_has_file(&set->v[i], path))
			return 1;
	return 0;
}

int unit_scan_dir(struct unit_set *set, const char *dir)
{
	struct words src = { 0 }, included = { 0 };
	size_t first = set->n;
	char *mk;

	if (list_sources(dir, &src))
		return -1;
	mk = kbuild_file(dir);
	if (mk)
		units_from_kbuild(set, dir, mk);
	free(mk);
	for (size_t i = first; i < set->n; i++)
		unit_close(&set->v[i]);
	/* A .c file another file of the folder includes is no unit of its own. */
	for (size_t i = 0; i < src.n; i++)
		quoted_includes(src.v[i], dir, &included);
	for (size_t i = 0; i < src.n; i++) {
		struct driver_unit *u;
		char *name;

		if (!has_suffix(src.v[i], ".c") || held_by_any(set, first, src.v[i]) ||
		    words_find(&included, src.v[i]) >= 0)
			continue;
		name = dup_s(base_of(src.v[i]));
		name[strlen(name) - 2] = '\0';
		u = unit_new(set, name, dir, 0);
		unit_add(u, src.v[i], UNIT_COMPILED);
		unit_close(u);
		free(name);
	}
	words_free(&src);
	words_free(&included);
	return 0;
}

int unit_scan(struct unit_set *set, const char *const *paths)
{
	struct words dirs = { 0 };
	int ret = 0;

	for (size_t i = 0; paths[i]; i++) {
		char *dir = dir_of(paths[i]);

		if (words_find(&dirs, dir) < 0) {
			words_push(&dirs, dir);
			if (unit_scan_dir(set, dir))
				ret = -1;
		}
		free(dir);
	}
	for (size_t i = 0; paths[i]; i++) {
		char *dir, *name;
		struct driver_unit *u;

		if (unit_of_file(set, paths[i]))
			continue;
		/*
		 * A file no unit holds: a header nothing includes, or a .c
		 * file only an unrelated file includes.
		 */
		dir = dir_of(paths[i]);
		name = dup_s(base_of(paths[i]));
		if (strrchr(name, '.'))
			*strrchr(name, '.') = '\0';
		u = unit_new(set, name, dir, 0);
		unit_add(u, paths[i], has_suffix(paths[i], ".h") ? UNIT_HEADER :
			 UNIT_COMPILED);
		unit_close(u);
		free(name);
		free(dir);
	}
	words_free(&dirs);
	return ret;
}

const struct driver_unit *unit_of_file(const struct unit_set *set,
				       const char *path)
{
	for (size_t i = 0; i < set->n; i++)
		if (unit_has_file(&set->v[i], path))
			return &set->v[i];
	return NULL;
}

void unit_set_free(struct unit_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		for (size_t k = 0; k < set->v[i].nfiles; k++)
			free(set->v[i].files[k].path);
		free(set->v[i].files);
		free(set->v[i].name);
		free(set->v[i].dir);
	}
	for (size_t i = 0; i < set->nerrors; i++)
		free(set->errors[i]);
	free(set->errors);
	free(set->v);
	memset(set, 0, sizeof(*set));
}
