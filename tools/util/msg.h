/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How dmaconv talks to its user: errors and progress on stderr, prefixed
 * with the command's name, and the exit status of every command.
 */
#ifndef DMACONV_UTIL_MSG_H
#define DMACONV_UTIL_MSG_H

/* Exit codes (documented in dmaconv(1)). */
enum {
	EXIT_OK		= 0,	/* done, nothing to report */
	EXIT_FINDINGS	= 1,	/* check: findings; review: regressions */
	EXIT_USAGE	= 2,	/* bad option, missing argument or path */
	EXIT_INPUT	= 3,	/* an input could not be processed (named) */
	EXIT_TOOL	= 4,	/* spatch/dmacheck/git missing or too old */
};

extern const char *progname;	/* "dmaconv convert": what messages start with */
extern int quiet;		/* -q: no progress */

void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
