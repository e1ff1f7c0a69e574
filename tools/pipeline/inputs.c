// SPDX-License-Identifier: GPL-2.0
/*
 * Turn the PATH arguments into drivers, one per driver unit
 * (model/unit.c): a folder is walked, and in every folder holding a file
 * that names the legacy API the units are read from the Kbuild lines
 * (or, without a Makefile, one per .c file); each unit with a file that
 * names the legacy API is converted, with the .c files and headers it
 * includes.  A file argument brings its own unit, whatever it names.
 * Units that share a file (a .c file two drivers #include, a header)
 * are converted together, each in its own spatch file group, the shared
 * files in a group of their own: two drivers never get each other's
 * helpers.  The keyword filter is ours, not spatch's --use-gitgrep, so a
 * tree that is not a git repository is processed the same way as one
 * that is.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include "change/driver.h"
#include "pipeline/inputs.h"
#include "pipeline/legacy.h"
#include "unit.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/str.h"
#include "util/tree.h"

/* A source the walk or the arguments gave, or a unit brought in. */
struct source {
	char *path;		/* cleaned: as the units name it */
	char *root;		/* the folder argument it came from, or "" */
	int legacy;		/* -1: not looked at yet */
	int arg;		/* given as a file argument */
};

struct sources {
	struct source *v;
	size_t n;
};

static struct source *source_find(struct sources *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].path, path))
			return &s->v[i];
	return NULL;
}

static struct source *source_add(struct sources *s, const char *path,
				 const char *root, int arg)
{
	char *clean = path_clean(path);
	struct source *x = source_find(s, clean);

	if (x) {
		x->arg |= arg;
		free(clean);
		return x;
	}
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	x = &s->v[s->n++];
	x->path = clean;
	x->root = xstrdup(root);
	x->legacy = -1;
	x->arg = arg;
	return x;
}

static int source_legacy(struct source *x)
{
	if (x->legacy < 0)
		x->legacy = file_uses_legacy_api(x->path);
	return x->legacy;
}

/* Whether unit @u is converted: a file names the legacy API, or was given. */
static int unit_wanted(const struct driver_unit *u, struct sources *s)
{
	int want = 0;

	for (size_t i = 0; i < u->nfiles; i++) {
		struct source *x = source_find(s, u->files[i].path);

		if (!x)
			x = source_add(s, u->files[i].path, "", 0);
		if (source_legacy(x) || x->arg)
			want = 1;
	}
	return want;
}

/* ---- units into jobs: units sharing a file go together ---- */

static size_t find_root(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static int units_share(const struct driver_unit *a, const struct driver_unit *b)
{
	for (size_t i = 0; i < a->nfiles; i++)
		if (unit_has_file(b, a->files[i].path))
			return 1;
	return 0;
}

/* "sgiwd93 (sgiwd93.c)": the unit as the log names it. */
static void describe(struct strbuf *sb, const struct driver_unit *u)
{
	int first = 1;

	if (sb->len)
		sb_puts(sb, "; ");
	sb_printf(sb, "%s (", u->name);
	for (size_t i = 0; i < u->nfiles; i++) {
		if (u->files[i].kind != UNIT_COMPILED)
			continue;
		sb_printf(sb, "%s%s", first ? "" : ", ",
			  path_base(u->files[i].path));
		first = 0;
	}
	for (size_t i = 0; i < u->nfiles; i++)
		if (u->files[i].kind == UNIT_INCLUDED_C)
			sb_printf(sb, " + %s", path_base(u->files[i].path));
	sb_puts(sb, ")");
}

/* A path below the folder argument, for -o; NULL outside it. */
static char *below(const char *path, const char *root)
{
	size_t rl = strlen(root);

	if (!root[0])
		return xstrdup(path_base(path));
	if (!strcmp(root, "."))
		return strncmp(path, "../", 3) && path[0] != '/' ?
		       xstrdup(path) : NULL;
	if (!strncmp(path, root, rl) && path[rl] == '/')
		return xstrdup(path + rl + 1);
	return NULL;
}

static void add_job_file(struct driver *d, struct sources *s,
			 const char *path, const char *root, int group,
			 int compiled)
{
	struct source *x = source_find(s, path);
	struct conv_file *f;
	struct stat st;
	char *rel = below(path, root);

	for (size_t i = 0; i < d->nfiles; i++)
		if (!strcmp(d->files[i].disp, path)) {
			free(rel);
			return;
		}
	/* A file outside the folder given is read, never written. */
	if (!rel)
		return;
	/*
	 * A link the unit's Makefile or #include names: the folder walk has
	 * named it as skipped; nothing is converted through it.
	 */
	if (!lstat(path, &st) && S_ISLNK(st.st_mode)) {
		free(rel);
		return;
	}
	f = driver_add_file(d, path, path);
	free(f->rel);
	f->rel = rel;
	f->legacy = source_legacy(x);
	f->group = group;
	f->model = compiled;
}

/* The name the model gives a job: the unit's, or the shared .c file's. */
static char *job_name(const struct unit_set *us, const size_t *members,
		      size_t nm)
{
	if (nm == 1)
		return xstrdup(us->v[members[0]].name);
	for (size_t i = 0; i < us->v[members[0]].nfiles; i++) {
		const struct unit_file *f = &us->v[members[0]].files[i];

		if (f->kind == UNIT_INCLUDED_C) {
			char *n = xstrdup(path_base(f->path));

			n[strlen(n) - 2] = '\0';
			return n;
		}
	}
	return xstrdup(us->v[members[0]].name);
}

static void add_job(struct driver_set *ds, const struct unit_set *us,
		    const size_t *members, size_t nm, struct sources *s)
{
	const struct driver_unit *u0 = &us->v[members[0]];
	struct source *first = source_find(s, u0->files[0].path);
	const char *root = first ? first->root : "";
	char *dir = path_clean(u0->dir);
	struct driver *d = driver_new(ds, dir, dir);
	struct strbuf desc = { 0 };
	int shared_group = nm > 1 ? (int)nm : 0;

	for (size_t m = 0; m < nm; m++) {
		const struct driver_unit *u = &us->v[members[m]];

		describe(&desc, u);
		for (size_t i = 0; i < u->nfiles; i++) {
			const char *p = u->files[i].path;
			int shared = 0;

			for (size_t k = 0; k < nm; k++)
				if (k != m && unit_has_file(&us->v[members[k]], p))
					shared = 1;
			add_job_file(d, s, p, root, shared ? shared_group : (int)m,
				     u->files[i].kind == UNIT_COMPILED);
		}
	}
	free(d->name);
	d->name = job_name(us, members, nm);
	d->unit_name = xstrdup(d->name);
	d->unit = desc.s ? desc.s : xstrdup(d->name);
	free(dir);
}

static void make_jobs(struct driver_set *ds, const struct unit_set *us,
		      const char *want, struct sources *s)
{
	size_t *parent = xmalloc((us->n + 1) * sizeof(*parent));
	size_t *members = xmalloc((us->n + 1) * sizeof(*members));

	for (size_t i = 0; i < us->n; i++)
		parent[i] = i;
	for (size_t i = 0; i < us->n; i++)
		for (size_t k = i + 1; k < us->n; k++)
			if (want[i] && want[k] && units_share(&us->v[i], &us->v[k]))
				parent[find_root(parent, k)] = find_root(parent, i);
	for (size_t i = 0; i < us->n; i++) {
		size_t nm = 0;

		if (!want[i] || find_root(parent, i) != i)
			continue;
		for (size_t k = 0; k < us->n; k++)
			if (want[k] && find_root(parent, k) == i)
				members[nm++] = k;
		add_job(ds, us, members, nm, s);
	}
	free(members);
	free(parent);
}

/* Returns 0, or -1 after naming every path that does not exist. */
int collect_inputs(char **paths, int n, struct driver_set *ds)
{
	struct sources s = { 0 };
	struct strlist dirs = { 0 }, scan = { 0 };
	struct unit_set us = { 0 };
	char *want;
	int bad = 0;

	for (int i = 0; i < n; i++) {
		/* A symbolic link: its target in the same tree, or refused. */
		char *p = resolve_input(paths[i]);

		if (!p) {
			bad = 1;
		} else if (is_dir(p)) {
			struct strlist files = { 0 };
			char *root = path_clean(p);

			walk_sources(p, &files);
			for (size_t k = 0; k < files.n; k++)
				source_add(&s, files.v[k], root, 0);
			sl_free(&files);
			free(root);
		} else if (is_file(p)) {
			source_add(&s, p, "", 1);
		} else {
			err("%s: no such file or folder", paths[i]);
			bad = 1;
		}
		free(p);
	}
	/* Units are read only in the folders that name the legacy API. */
	for (size_t i = 0; i < s.n; i++) {
		char *dir = path_dir(s.v[i].path);

		if ((s.v[i].arg || source_legacy(&s.v[i])) && !sl_contains(&dirs, dir))
			sl_push(&dirs, dir);
		free(dir);
	}
	for (size_t i = 0; i < s.n; i++) {
		char *dir = path_dir(s.v[i].path);

		if (sl_contains(&dirs, dir) && (s.v[i].arg || s.v[i].root[0]))
			sl_push(&scan, s.v[i].path);
		free(dir);
	}
	sl_push_own(&scan, NULL);
	scan.n--;
	unit_scan(&us, (const char *const *)scan.v);
	for (size_t i = 0; i < us.nerrors; i++)
		err("%s", us.errors[i]);
	want = xmalloc(us.n + 1);
	for (size_t i = 0; i < us.n; i++)
		want[i] = unit_wanted(&us.v[i], &s);
	make_jobs(ds, &us, want, &s);
	free(want);
	unit_set_free(&us);
	for (size_t i = 0; i < s.n; i++) {
		free(s.v[i].path);
		free(s.v[i].root);
	}
	free(s.v);
	sl_free(&dirs);
	sl_free(&scan);
	return bad ? -1 : 0;
}

/*
 * A driver made as a folder (review's and series' changesets): its files
 * get the spatch groups and model flags of the driver units they belong
 * to, so that two drivers of the folder never share a group (and so a
 * generated helper).  One model still covers the folder's .c files.
 */
void driver_split_units(struct driver *d)
{
	struct unit_set us = { 0 };
	char **paths = xmalloc((d->nfiles + 1) * sizeof(*paths));
	size_t nunits = 0, *seen;

	for (size_t i = 0; i < d->nfiles; i++)
		paths[i] = path_clean(d->files[i].src);
	paths[d->nfiles] = NULL;
	unit_scan(&us, (const char *const *)paths);
	seen = xmalloc((us.n + 1) * sizeof(*seen));
	for (size_t i = 0; i < d->nfiles; i++) {
		int holders = 0, group = -1;

		for (size_t u = 0; u < us.n; u++) {
			size_t g;

			if (!unit_has_file(&us.v[u], paths[i]))
				continue;
			for (g = 0; g < nunits && seen[g] != u; g++)
				;
			if (g == nunits)
				seen[nunits++] = u;
			if (!holders++)
				group = (int)g;
			for (size_t f = 0; f < us.v[u].nfiles; f++)
				if (!strcmp(us.v[u].files[f].path, paths[i]) &&
				    us.v[u].files[f].kind == UNIT_COMPILED)
					d->files[i].model = 1;
		}
		/* Files of two units, or of none: a group after the units'. */
		d->files[i].group = holders == 1 ? group : -1;
	}
	for (size_t i = 0; i < d->nfiles; i++)
		if (d->files[i].group < 0)
			d->files[i].group = (int)nunits;
	for (size_t i = 0; i < d->nfiles; i++)
		free(paths[i]);
	free(paths);
	free(seen);
	unit_set_free(&us);
}
