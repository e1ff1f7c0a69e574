/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One driver through the series, in a child process, its findings written
 * to a record file the runner reads back.
 */
#ifndef DMACONV_PIPELINE_WORKER_H
#define DMACONV_PIPELINE_WORKER_H

#include "change/driver.h"
#include "pipeline/cocci.h"
#include "pipeline/runner.h"

int worker_run(struct driver *d, const char *work, const char *rec,
	       const struct cocci_series *s, const struct runner_opts *o,
	       const struct unit_run *u);

#endif
