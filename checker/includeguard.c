// SPDX-License-Identifier: GPL-2.0
/*
 * A limit on #include nesting.  sparse has none: a file that includes
 * itself is read again and again until the timeout (300 s) stops it.
 * gcc stops at 200 levels; so does dmacheck.  The check sits where
 * sparse opens a file to include it (dmacheck links with
 * -Wl,--wrap=open, so libsparse's open() comes here first): the depth of
 * the newest stream, following stream_prev() up to the file given, is
 * the depth of the chain that is growing.  It never fires on code that
 * does not recurse (kernel headers nest about 30 deep).
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "lib.h"
#include "token.h"

#include "front.h"

#define MAX_INCLUDE_DEPTH 200

static struct {
	FILE *records;
	const char *file;
} guard;

void dmc_include_guard(FILE *records, const char *file)
{
	guard.records = records;
	guard.file = file;
}

static int include_depth(void)
{
	int depth = 0, s = input_stream_nr - 1;

	while (s >= 0 && depth <= MAX_INCLUDE_DEPTH) {
		depth++;
		s = stream_prev(s);
	}
	return depth;
}

int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	if (guard.records && include_depth() >= MAX_INCLUDE_DEPTH) {
		char msg[512];
		const char *const f[] = { guard.file, msg };

		snprintf(msg, sizeof(msg),
			 "#include nested %d deep at '%s' (a header that includes itself?): stopped",
			 MAX_INCLUDE_DEPTH, path);
		dmc_rec_write(guard.records, 'E', 2, f);
		fprintf(stderr, "%s: %serror: %s\n", guard.file, dmc_opt.diag_prefix, msg);
		fflush(NULL);
		_exit(1);
	}
	return __real_open(path, flags, mode);
}
