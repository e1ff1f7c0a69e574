// SPDX-License-Identifier: GPL-2.0
/*
 * The names of a driver's files in its private work folder (below a
 * mkdtemp folder in $TMPDIR, one folder per driver, as a driver is one
 * folder of the tree).  spatch mishandles some names (a leading dash,
 * blanks, quotes): such a file gets a generated name.  Issue 11: "a b.c"
 * became dmaconv-input-<n>.c, and a real file of that name in the same
 * driver overwrote it (both got the same converted text).  A generated
 * name is now checked against every name of the driver: no two files of
 * a driver can share a work name.  Names any header include could use are
 * kept as they are.
 */
#include <stdlib.h>
#include <string.h>
#include "pipeline/stage.h"
#include "util/path.h"
#include "util/str.h"

static int plain(const char *base)
{
	if (base[0] == '-' || !base[0])
		return 0;
	for (const char *p = base; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("_.-+", *p)))
			return 0;
	return 1;
}

static int taken(const struct driver *d, const char *name)
{
	for (size_t i = 0; i < d->nfiles; i++)
		if (!strcmp(path_base(d->files[i].disp), name))
			return 1;
	return 0;
}

/* The work name of file IDX of D: its own, or one no file of D has. */
char *stage_name(const struct driver *d, size_t idx)
{
	const char *base = path_base(d->files[idx].disp);
	const char *ext = ends_with(base, ".h") ? ".h" : ".c";
	char *name;

	if (plain(base))
		return xstrdup(base);
	name = xasprintf("dmaconv-input-%zu%s", idx, ext);
	for (unsigned int k = 1; taken(d, name); k++) {
		free(name);
		name = xasprintf("dmaconv-input-%zu-%u%s", idx, k, ext);
	}
	return name;
}
