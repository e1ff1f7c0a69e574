/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The drivers a change is made of: each with its files, the sites
 * converted (with the rule that changed them) and left for a human, and
 * dmacheck's findings before and after.  A driver is a folder of sources,
 * or for convert a driver unit (model/unit.h) of one; its subsystem comes
 * from where it sits in the tree.
 */
#ifndef DMACONV_CHANGE_DRIVER_H
#define DMACONV_CHANGE_DRIVER_H

#include <stddef.h>
#include "change/finding.h"
#include "change/site.h"
#include "util/str.h"

struct conv_file {
	char *src;		/* where to read the original */
	char *disp;		/* the path shown to the user */
	char *rel;		/* path below the input it came from */
	char *after;		/* review: the converted file */
	char *work;		/* converted copy (runner) */
	int changed;
	int legacy;		/* names the legacy API */
	int group;		/* spatch file group within the driver (0 first) */
	int model;		/* a compiled .c file: given to the model run */
};

struct driver {
	char *name, *subsystem;
	char *dir;		/* display folder */
	char *src_dir;		/* folder holding the originals */
	struct conv_file *files;
	size_t nfiles;
	struct site_list sites, left;
	struct strlist errors;	/* "file: reason" for unprocessed inputs */
	struct strbuf diff;
	struct strlist rules;	/* rules that changed something */
	struct finding_list before, after;
	int regressions;
	char *unit;		/* the driver unit(s): "sgiwd93 (sgiwd93.c)", or NULL */
	char *unit_name;	/* the model's name for them (dmacheck --unit-name) */
	struct strlist notes;	/* what the log says about the unit's facts */
	int legacy_before;	/* a file used the removed API before */
	struct site_list legacy_after;	/* lines that still use it after */
};

struct driver_set {
	struct driver *v;
	size_t n;
};

struct driver *driver_add(struct driver_set *ds, const char *dir,
			  const char *src_dir);
struct driver *driver_new(struct driver_set *ds, const char *dir,
			  const char *src_dir);
struct conv_file *driver_add_file(struct driver *d, const char *src,
				  const char *disp);
void driver_name_from_path(struct driver *d);
size_t driver_set_files(const struct driver_set *ds);

#endif
