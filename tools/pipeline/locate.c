// SPDX-License-Identifier: GPL-2.0
/*
 * Find the semantic patches, dmacheck and the project headers relative
 * to this executable: in the build tree they sit beside the sources, once
 * installed they sit under the install prefix.  Environment variables
 * override each one (tests use them to swap in fakes).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pipeline/locate.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/str.h"

#ifndef DMACONV_SRCDIR
#define DMACONV_SRCDIR ""
#endif
#ifndef DMACONV_BUILDDIR
#define DMACONV_BUILDDIR ""
#endif
#ifndef DMACONV_DATADIR
#define DMACONV_DATADIR "/usr/local/share/dmaconv"
#endif
#ifndef DMACONV_INCDIR
#define DMACONV_INCDIR "/usr/local/include/dmaconv"
#endif

static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return path_dir(buf);
}

static char *from_env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? xstrdup(v) : NULL;
}

/* Layout of a build tree: <top>/<build>/dmaconv, <top>/cocci. */
static int in_build_tree(const char *dir, struct resources *res)
{
	char *top = NULL, *series, *mk;
	int ok;

	if (*DMACONV_BUILDDIR && !strcmp(dir, DMACONV_BUILDDIR))
		top = xstrdup(DMACONV_SRCDIR);
	else
		top = path_join(dir, "..");
	series = xasprintf("%s/cocci/series", top);
	mk = xasprintf("%s/tools/tools.mk", top);
	ok = is_file(series) || is_file(mk);
	free(series);
	free(mk);
	if (!ok) {
		free(top);
		return 0;
	}
	res->cocci_dir = res->cocci_dir ? res->cocci_dir :
			 path_join(top, "cocci");
	res->include_dir = res->include_dir ? res->include_dir :
			   path_join(top, "include");
	free(top);
	return 1;
}

/* Installed: <prefix>/bin/dmaconv, <prefix>/share/dmaconv/cocci. */
static void installed(const char *dir, struct resources *res)
{
	char *share = xasprintf("%s/../share/dmaconv", dir);

	if (!is_dir(share)) {
		free(share);
		share = xstrdup(DMACONV_DATADIR);
	}
	if (!res->cocci_dir)
		res->cocci_dir = path_join(share, "cocci");
	if (!res->include_dir) {
		char *inc = xasprintf("%s/../include/dmaconv", dir);

		res->include_dir = is_dir(inc) ? inc : xstrdup(DMACONV_INCDIR);
		if (res->include_dir != inc)
			free(inc);
	}
	free(share);
}

static void absolute(char **path)
{
	char *abs = path_abs(*path);

	free(*path);
	*path = abs;
}

int locate_resources(struct resources *res)
{
	char *dir = exe_dir();

	res->cocci_dir = from_env("DMACONV_COCCI_DIR");
	res->dmacheck = from_env("DMACONV_DMACHECK");
	res->include_dir = from_env("DMACONV_INCLUDE");
	if (!dir)
		dir = xstrdup(".");
	if (!in_build_tree(dir, res))
		installed(dir, res);
	if (!res->dmacheck) {
		char *near = path_join(dir, "dmacheck");

		res->dmacheck = is_file(near) ? near : xstrdup("dmacheck");
		if (res->dmacheck != near)
			free(near);
	}
	free(dir);
	/* Children run in other folders: no relative path may remain. */
	absolute(&res->cocci_dir);
	absolute(&res->include_dir);
	if (strchr(res->dmacheck, '/'))
		absolute(&res->dmacheck);
	return 0;
}
