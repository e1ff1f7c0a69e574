// SPDX-License-Identifier: GPL-2.0
/*
 * Lay any form of conversion out as a before folder and an after folder.
 * A patch file is applied with patch(1) to a copy of the drivers it
 * touches (or reversed, if the tree already carries it); two folders are
 * compared file by file; git ranges and work trees are in changeset_git.c.
 * Only the folders of changed files are copied, whole, so local headers
 * are there for dmacheck.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "pipeline/changeset.h"
#include "pipeline/changeset_git.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

static void sources_in(const char *root, const char *rel_dir,
		       struct strlist *out)
{
	char *dir = path_join(root, rel_dir);
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char *rel = strcmp(rel_dir, ".") ? path_join(rel_dir, e->d_name) :
			    xstrdup(e->d_name);
		char *full = path_join(root, rel);

		if (path_is_source(e->d_name) && is_file(full) &&
		    !sl_contains(out, rel))
			sl_push(out, rel);
		free(rel);
		free(full);
	}
	if (d)
		closedir(d);
	free(dir);
}

static int copy_dirs(const char *from, const char *to,
		     const struct strlist *rels)
{
	struct strlist files = { 0 };
	int ret = 0;

	for (size_t i = 0; i < rels->n; i++) {
		char *d = path_dir(rels->v[i]);

		sources_in(from, d, &files);
		free(d);
	}
	for (size_t i = 0; i < files.n && !ret; i++) {
		char *src = path_join(from, files.v[i]);
		char *dst = path_join(to, files.v[i]), *dd = path_dir(dst);

		ret = mkdir_p(dd) || copy_file(src, dst);
		free(src);
		free(dst);
		free(dd);
	}
	mkdir_p(to);
	sl_free(&files);
	return ret;
}

/* Names a -p1 patch touches ("+++ b/x" and "--- a/x" lines). */
static void patch_names(const char *text, struct strlist *out)
{
	for (const char *p = text; p && *p; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if ((starts_with(p, "+++ ") || starts_with(p, "--- ")) && n > 4) {
			char *name = xstrndup(p + 4, n - 4);
			char *tab = strchr(name, '\t'), *slash;

			if (tab)
				*tab = '\0';
			slash = strchr(name, '/');
			if (slash && strcmp(name, "/dev/null") &&
			    !sl_contains(out, slash + 1))
				sl_push(out, slash + 1);
			free(name);
		}
		p = nl ? nl + 1 : NULL;
	}
}

static int apply_patch(const char *dir, const char *patch, int reverse,
		       int dry)
{
	/* Room for -R, --dry-run and the NULL after the 8 words. */
	char *argv[8 + 3] = { "patch", "-p1", "-s", "-f", "-d", (char *)dir,
			      "-i", (char *)patch };
	struct run_result r;
	int n = 8, ok;

	if (reverse)
		argv[n++] = "-R";
	if (dry)
		argv[n++] = "--dry-run";
	ok = !run_cmd(argv, NULL, &r) && !r.status;
	run_free(&r);
	return ok ? 0 : -1;
}

static int open_patch(const char *file, const char *tree, struct changeset *cs)
{
	struct strbuf text = { 0 };
	char *patch = path_abs(file);
	int ret = EXIT_OK;

	read_file(file, &text);
	patch_names(text.s, &cs->changed);
	sb_free(&text);
	if (!cs->changed.n) {
		err("%s: not a unified diff (no '+++ b/...' line)", file);
		free(patch);
		return EXIT_USAGE;
	}
	cs->before = path_join(cs->tmp, "before");
	cs->after = path_join(cs->tmp, "after");
	if (copy_dirs(tree, cs->before, &cs->changed) ||
	    copy_dirs(tree, cs->after, &cs->changed)) {
		err("%s: cannot copy the files %s touches", tree, file);
		ret = EXIT_INPUT;
	} else if (!apply_patch(cs->after, patch, 0, 1)) {
		apply_patch(cs->after, patch, 0, 0);
	} else if (!apply_patch(cs->before, patch, 1, 1)) {
		progress("%s is already applied to %s; reviewing it in reverse",
			 file, tree);
		apply_patch(cs->before, patch, 1, 0);
	} else {
		err("%s: does not apply to %s (use --tree=DIR)", file, tree);
		ret = EXIT_INPUT;
	}
	free(patch);
	return ret;
}

static void folder_files(const char *root, struct strlist *out)
{
	struct strlist found = { 0 };
	size_t n = strlen(root);

	walk_sources(root, &found);
	for (size_t i = 0; i < found.n; i++) {
		const char *rel = found.v[i] + n;

		while (*rel == '/')
			rel++;
		if (!sl_contains(out, rel))
			sl_push(out, rel);
	}
	sl_free(&found);
}

static int open_folders(const char *before, const char *after,
			struct changeset *cs)
{
	struct strlist all = { 0 };

	cs->before = xstrdup(before);
	cs->after = xstrdup(after);
	folder_files(before, &all);
	folder_files(after, &all);
	sl_sort(&all);
	for (size_t i = 0; i < all.n; i++) {
		char *a = path_join(before, all.v[i]);
		char *b = path_join(after, all.v[i]);

		/*
		 * A conversion's output folder holds only the files it
		 * processed: a file on one side only is not a change.
		 */
		if (is_file(a) && is_file(b) && !same_content(a, b))
			sl_push(&cs->changed, all.v[i]);
		free(a);
		free(b);
	}
	sl_free(&all);
	return EXIT_OK;
}

int changeset_open(char **args, int n, const struct change_opts *o,
		   struct changeset *cs)
{
	const char *repo = o->repo ? o->repo : ".";
	int ret;

	memset(cs, 0, sizeof(*cs));
	/* "A..B -- PATH": the separator is git's habit, not a path. */
	for (int i = 0; i < n; i++)
		if (!strcmp(args[i], "--")) {
			memmove(args + i, args + i + 1, (n - i - 1) * sizeof(*args));
			n--;
			i--;
		}
	cs->tmp = make_tmpdir("review");
	if (!cs->tmp)
		return EXIT_TOOL;
	cs->label = xstrdup(n ? args[0] : "work tree");
	if (n == 2 && is_dir(args[0]) && is_dir(args[1])) {
		free(cs->label);
		cs->label = xasprintf("%s -> %s", args[0], args[1]);
		ret = open_folders(args[0], args[1], cs);
	} else if (n == 1 && is_file(args[0])) {
		ret = open_patch(args[0], o->tree ? o->tree : ".", cs);
	} else if (n >= 1 && strstr(args[0], "..") && !is_dir(args[0])) {
		ret = changeset_open_git(repo, args[0], args + 1, n - 1, cs);
	} else if ((n == 0 || is_dir(args[0])) && changeset_in_git(n ? args[0] : repo)) {
		ret = changeset_open_git(n ? args[0] : repo, NULL, args, n, cs);
	} else {
		for (int i = 0; i < n; i++)
			if (!is_file(args[i]) && !is_dir(args[i]) &&
			    !strstr(args[i], ".."))
				err("%s: no such file or folder", args[i]);
		err("expected BEFORE AFTER folders, a git range A..B, a patch "
		    "file, or a git work tree");
		ret = EXIT_USAGE;
	}
	return ret;
}

void changeset_close(struct changeset *cs)
{
	if (cs->tmp)
		rm_rf(cs->tmp);
}

/* One driver per folder of changed sources, with all its sources. */
int changeset_drivers(const struct changeset *cs, struct driver_set *ds)
{
	struct strlist dirs = { 0 };

	for (size_t i = 0; i < cs->changed.n; i++) {
		char *d = path_dir(cs->changed.v[i]);

		if (path_is_source(cs->changed.v[i]) && !sl_contains(&dirs, d))
			sl_push(&dirs, d);
		free(d);
	}
	for (size_t i = 0; i < dirs.n; i++) {
		struct strlist files = { 0 };
		struct driver *d = driver_add(ds, dirs.v[i], dirs.v[i]);

		sources_in(cs->before, dirs.v[i], &files);
		sources_in(cs->after, dirs.v[i], &files);
		sl_sort(&files);
		for (size_t k = 0; k < files.n; k++) {
			char *b = path_join(cs->before, files.v[k]);
			struct conv_file *f = driver_add_file(d, b, files.v[k]);

			f->after = path_join(cs->after, files.v[k]);
			free(b);
		}
		sl_free(&files);
	}
	sl_free(&dirs);
	return 0;
}
