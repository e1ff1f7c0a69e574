// SPDX-License-Identifier: GPL-2.0
/*
 * Drivers and their files, and the naming of drivers: a driver is a
 * folder of sources; its subsystem comes from where it sits in the tree
 * (drivers/<subsystem>/..., sound/..., or the first folder of a loose tree).
 */
#include <stdlib.h>
#include <string.h>
#include "change/driver.h"
#include "util/path.h"

struct driver *driver_add(struct driver_set *ds, const char *dir,
			  const char *src_dir)
{
	for (size_t i = 0; i < ds->n; i++)
		if (!strcmp(ds->v[i].dir, dir))
			return &ds->v[i];
	return driver_new(ds, dir, src_dir);
}

/* A new driver even when one of the folder exists (two units of it). */
struct driver *driver_new(struct driver_set *ds, const char *dir,
			  const char *src_dir)
{
	struct driver *d;

	ds->v = xrealloc(ds->v, (ds->n + 1) * sizeof(*ds->v));
	d = &ds->v[ds->n++];
	memset(d, 0, sizeof(*d));
	d->dir = xstrdup(dir);
	d->src_dir = xstrdup(src_dir);
	driver_name_from_path(d);
	return d;
}

struct conv_file *driver_add_file(struct driver *d, const char *src,
				  const char *disp)
{
	struct conv_file *f;

	d->files = xrealloc(d->files, (d->nfiles + 1) * sizeof(*d->files));
	f = &d->files[d->nfiles++];
	memset(f, 0, sizeof(*f));
	f->src = xstrdup(src);
	f->disp = xstrdup(disp);
	f->rel = xstrdup(path_base(disp));
	return f;
}

/* Kernel subject prefixes for the top-level folders that are not drivers/. */
static const struct {
	const char *top;
	const char *subsystem;
} top_subsystems[] = {
	{ "sound", "ALSA" },
	{ "net", "net" },
	{ "arch", "arch" },
};

static char *subsystem_of(char **parts, size_t n)
{
	size_t i = 0;

	while (i < n && (!strcmp(parts[i], ".") || !strcmp(parts[i], "..")))
		i++;
	for (size_t k = i; k + 1 < n; k++)
		if (!strcmp(parts[k], "drivers"))
			return xstrdup(parts[k + 1]);
	if (i + 1 < n)
		for (size_t t = 0; t < sizeof(top_subsystems) /
				    sizeof(top_subsystems[0]); t++)
			if (!strcmp(parts[i], top_subsystems[t].top))
				return xstrdup(top_subsystems[t].subsystem);
	/* A loose tree: the folder above the driver's own. */
	if (n >= 2)
		return xstrdup(parts[n - 2]);
	return xstrdup("drivers");
}

void driver_name_from_path(struct driver *d)
{
	char *copy = xstrdup(d->dir), *save = NULL, *tok;
	char *parts[64];
	size_t n = 0;

	for (tok = strtok_r(copy, "/", &save); tok && n < 64;
	     tok = strtok_r(NULL, "/", &save))
		parts[n++] = tok;
	if (n && strcmp(parts[n - 1], ".") && strcmp(parts[n - 1], "..")) {
		d->name = xstrdup(parts[n - 1]);
	} else {
		char *abs = path_abs(d->dir);

		d->name = xstrdup(path_base(abs));
		free(abs);
	}
	d->subsystem = subsystem_of(parts, n);
	free(copy);
}

size_t driver_set_files(const struct driver_set *ds)
{
	size_t n = 0;

	for (size_t i = 0; i < ds->n; i++)
		n += ds->v[i].nfiles;
	return n;
}
