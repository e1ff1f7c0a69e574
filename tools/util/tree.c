// SPDX-License-Identifier: GPL-2.0
/*
 * The tree a path belongs to and what stays inside it.  The tree of a
 * path is the git work tree holding it (the folder with .git), or else
 * the folder it names (a folder argument) or holds it (a file argument).
 * dmaconv locks that tree while it writes (util/lock.c) and never writes
 * outside it: a symbolic link given as an argument is followed only when
 * its target is in the same tree; in a folder walk links are not
 * followed, and each one skipped is named with the reason.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/str.h"
#include "util/tree.h"

/* The folder PATH is or is in, absolute, links of the folder resolved. */
static char *folder_of(const char *path)
{
	struct stat st;
	char *dir, *abs;

	if (!lstat(path, &st) && S_ISDIR(st.st_mode))
		return realpath(path, NULL);
	dir = path_dir(path);
	abs = realpath(dir, NULL);
	free(dir);
	return abs;
}

/* Absolute: the git work tree holding PATH, or its folder; NULL if none. */
char *tree_root(const char *path)
{
	char *start = folder_of(path), *p;
	struct stat st;

	if (!start)
		return NULL;
	p = xstrdup(start);
	for (;;) {
		char *git = path_join(p, ".git");
		int found = !lstat(git, &st);
		char *slash;

		free(git);
		if (found) {
			free(start);
			return p;
		}
		slash = strrchr(p, '/');
		if (!slash || slash == p)
			break;
		*slash = '\0';
	}
	free(p);
	return start;
}

/* PATH (absolute, resolved) is ROOT or below it. */
int path_inside(const char *path, const char *root)
{
	size_t n = strlen(root);

	if (!strcmp(root, "/"))
		return *path == '/';
	return !strncmp(path, root, n) && (!path[n] || path[n] == '/');
}

/*
 * The path to read and write for a file or folder argument: ARG itself,
 * or, for a symbolic link (or a path through one), its target when that
 * is inside ARG's tree.  NULL after one line on stderr when it is not,
 * or when the link leads nowhere.  A missing ARG is returned as is.
 */
char *resolve_input(const char *arg)
{
	char *root, *real, *abs_dir, *lexical;
	struct stat st;
	int link;

	if (lstat(arg, &st))
		return xstrdup(arg);	/* the caller says it is missing */
	link = S_ISLNK(st.st_mode);
	root = tree_root(arg);
	real = realpath(arg, NULL);
	abs_dir = folder_of(arg);

	if (!root || !real) {
		err("%s: %s", arg, link ? "a symbolic link that leads nowhere "
		    "(dangling or a loop), not converted" : strerror(errno));
		free(root);
		free(real);
		free(abs_dir);
		return NULL;
	}
	lexical = link || S_ISDIR(st.st_mode) ? NULL :
		  path_join(abs_dir, path_base(arg));
	if (!path_inside(real, root)) {
		err("%s: leads to %s, outside the tree %s: not converted "
		    "(dmaconv writes nothing outside the tree it is given)",
		    arg, real, root);
		free(real);
		real = NULL;
	} else if (!link && lexical && !strcmp(lexical, real)) {
		free(real);
		real = xstrdup(arg);	/* no link anywhere: as given */
	} else if (!link && S_ISDIR(st.st_mode)) {
		free(real);
		real = xstrdup(arg);
	} else {
		progress("%s: a symbolic link to %s, converted there", arg,
			 real);
	}
	free(lexical);
	free(abs_dir);
	free(root);
	return real;
}

/* A link the folder walk did not follow, named with the reason. */
void note_skipped_link(const char *path, const char *root)
{
	char *real = realpath(path, NULL);
	int e = errno;
	char *aroot = root ? realpath(root, NULL) : NULL;
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);

	target[n > 0 ? n : 0] = '\0';
	if (!real && e == ELOOP)
		err("%s: symbolic link skipped: a loop", path);
	else if (!real)
		err("%s: symbolic link skipped: dangling (-> %s)", path, target);
	else if (aroot && !path_inside(real, aroot))
		err("%s: symbolic link skipped: leads outside the tree (-> %s)",
		    path, real);
	else if (is_dir(real))
		err("%s: symbolic link skipped: a folder link is not followed "
		    "(-> %s)", path, target);
	else
		err("%s: symbolic link skipped: its target %s is converted "
		    "where it is, if it is part of a driver", path, target);
	free(real);
	free(aroot);
}
