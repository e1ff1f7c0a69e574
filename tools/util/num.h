/* SPDX-License-Identifier: GPL-2.0 */
/* Numbers given on the command line, read strictly. */
#ifndef DMACONV_UTIL_NUM_H
#define DMACONV_UTIL_NUM_H

/* The ranges of the options every command shares. */
#define JOBS_MAX	1024
#define TIMEOUT_MAX	86400	/* a day of spatch per file */

int parse_int_opt(const char *opt, const char *val, long min, long max,
		  int *out);

#endif
