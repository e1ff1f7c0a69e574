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
};

/* One driver at a time, 120 s of spatch per file: every command's default. */
#define RUNNER_OPTS_INIT { .jobs = 1, .timeout = 120 }

int runner_convert(struct driver_set *ds, const struct cocci_series *s,
		   const struct runner_opts *o, char **tmp_root);

#endif
