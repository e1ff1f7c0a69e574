// SPDX-License-Identifier: GPL-2.0
/*
 * The record stream from a child to the parent: one record per line, a
 * type letter and tab-separated fields.  Fields are escaped so that any
 * bytes (a file name with a tab, a message with a newline) survive:
 * backslash, tab and newline become \\, \t and \n.
 *
 *	F tu file line column check complete message	a finding
 *	E tu message					the unit could not be checked
 *	D tu file line function message			a line a sparse error dropped
 *	M tu header					a header treated as empty
 *	C tu						parsed with stubs or implicit declarations
 *	X tu status					the file's verdict: ok, partial, error
 *	S tu text					--stats
 */
#include <string.h>

#include "front.h"

static void put_escaped(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			fputs("\\\\", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

void dmc_rec_write(FILE *out, char type, int nr, const char *const *fields)
{
	int i;

	if (!out)
		return;
	fputc(type, out);
	for (i = 0; i < nr; i++) {
		fputc('\t', out);
		put_escaped(out, fields[i] ? fields[i] : "");
	}
	fputc('\n', out);
	fflush(out);
}

static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			*d++ = *s;
			continue;
		}
		s++;
		*d++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
	}
	*d = '\0';
}

int dmc_rec_split(char *line, char **fields, int max)
{
	int n = 0;

	line[strcspn(line, "\n")] = '\0';
	while (line && n < max) {
		fields[n++] = strsep(&line, "\t");
		unescape(fields[n - 1]);
	}
	return n;
}
