// SPDX-License-Identifier: GPL-2.0
/* Errors and progress on stderr, each line prefixed with the command. */
#include <stdarg.h>
#include <stdio.h>
#include "util/msg.h"

const char *progname = "dmaconv";
int quiet;

void err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void progress(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
