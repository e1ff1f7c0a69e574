/* SPDX-License-Identifier: GPL-2.0 */
/* Running the semantic patch series over drivers, several at a time. */
#ifndef DMACONV_PIPELINE_RUNNER_H
#define DMACONV_PIPELINE_RUNNER_H

#include "change/driver.h"
#include "pipeline/cocci.h"

struct runner_opts {
	int jobs;
	int timeout;
	int parse_check;	/* report files spatch cannot parse */
	int narrow;		/* -D narrow: one-way buffers get one direction */
	int facts;		/* each unit's model first, its facts to spatch */
	int kernel;		/* the kernel's command line for the model, if any */
	const char *kbuild;	/* the kernel's O= folder (kernel_tree_find) */
};

/*
 * What the worker of one driver needs for its model run: the kernel's
 * command line when the tree gives one, else NULL (the plain form).
 */
struct unit_run {
	const char *dmacheck, *include_dir;
	struct strlist kflags;
	char *kdir;		/* where the kernel's compiler ran */
	int have_kflags;
	char *knote;		/* why there is no kernel command line, or NULL */
};

/*
 * One driver at a time, 120 s of spatch per file, each unit's facts
 * made first: every command's default.
 */
#define RUNNER_OPTS_INIT { .jobs = 1, .timeout = 120, .facts = 1, .kernel = 1 }

int runner_convert(struct driver_set *ds, const struct cocci_series *s,
		   const struct runner_opts *o, char **tmp_root);

#endif
