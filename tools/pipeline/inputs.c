// SPDX-License-Identifier: GPL-2.0
/*
 * Turn the PATH arguments into drivers.  A file argument is taken as is;
 * a folder is walked and every folder holding a legacy DMA call becomes a
 * driver: the files that name the legacy API, with every header of the
 * folder (macros and header inlines live beside the code that uses them).  The keyword filter is ours, not
 * spatch's --use-gitgrep, so a tree that is not a git repository is
 * processed the same way as one that is.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "change/driver.h"
#include "pipeline/inputs.h"
#include "pipeline/legacy.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/str.h"
#include "util/tree.h"

static void add_one(struct driver_set *ds, const char *path, const char *root,
		    int legacy)
{
	char *disp = path_clean(path), *dir = path_dir(disp);
	struct driver *d = driver_add(ds, dir, dir);
	struct conv_file *f;
	size_t rl = strlen(root);

	for (size_t i = 0; i < d->nfiles; i++)
		if (!strcmp(d->files[i].disp, disp))
			goto out;
	f = driver_add_file(d, path, disp);
	f->legacy = legacy;
	if (root[0] && !strncmp(disp, root, rl) && disp[rl] == '/') {
		free(f->rel);
		f->rel = xstrdup(disp + rl + 1);
	}
out:
	free(disp);
	free(dir);
}

static void add_folder(struct driver_set *ds, const char *arg)
{
	struct strlist files = { 0 }, dirs = { 0 };
	char *root = path_clean(arg);

	walk_sources(arg, &files);
	char *legacy = xmalloc(files.n + 1);

	for (size_t i = 0; i < files.n; i++) {
		char *dir = path_dir(files.v[i]);

		legacy[i] = file_uses_legacy_api(files.v[i]);
		if (legacy[i] && !sl_contains(&dirs, dir))
			sl_push(&dirs, dir);
		free(dir);
	}
	for (size_t i = 0; i < files.n; i++) {
		char *dir = path_dir(files.v[i]);

		if (sl_contains(&dirs, dir) &&
		    (legacy[i] || ends_with(files.v[i], ".h")))
			add_one(ds, files.v[i], root, legacy[i]);
		free(dir);
	}
	free(legacy);
	sl_free(&files);
	sl_free(&dirs);
	free(root);
}

/* Returns 0, or -1 after naming every path that does not exist. */
int collect_inputs(char **paths, int n, struct driver_set *ds)
{
	int bad = 0;

	for (int i = 0; i < n; i++) {
		/* A symbolic link: its target in the same tree, or refused. */
		char *p = resolve_input(paths[i]);

		if (!p)
			bad = 1;
		else if (is_dir(p))
			add_folder(ds, p);
		else if (is_file(p))
			add_one(ds, p, "", file_uses_legacy_api(p));
		else
			err("%s: no such file or folder", paths[i]);
		bad |= p && !is_dir(p) && !is_file(p);
		free(p);
	}
	return bad ? -1 : 0;
}
