// SPDX-License-Identifier: GPL-2.0
/* A bad command line: the usage text's first line on stderr, exit 2. */
#include <stdio.h>
#include <string.h>
#include "cmd/usage.h"
#include "util/msg.h"

int usage_error(const char *text)
{
	const char *nl = strchr(text, '\n');

	fprintf(stderr, "%.*s\n", (int)(nl ? nl - text : (long)strlen(text)),
		text);
	return EXIT_USAGE;
}
