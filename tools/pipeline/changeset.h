/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A change to review or to turn into patches, whatever form it came in
 * (two folders, a git range, a git work tree, a patch file), laid out as
 * two folders and the list of changed files; and its drivers.
 */
#ifndef DMACONV_PIPELINE_CHANGESET_H
#define DMACONV_PIPELINE_CHANGESET_H

#include "change/driver.h"
#include "util/str.h"

struct changeset {
	char *before, *after;	/* folder roots */
	struct strlist changed;	/* paths relative to the roots */
	char *tmp;		/* our temporary folder, removed at the end */
	char *label;		/* what the user named */
};

struct change_opts {
	const char *repo;	/* -C: the git repository */
	const char *tree;	/* --tree: where a patch file applies */
};

int changeset_open(char **args, int n, const struct change_opts *o,
		   struct changeset *cs);
void changeset_close(struct changeset *cs);
int changeset_drivers(const struct changeset *cs, struct driver_set *ds);

#endif
