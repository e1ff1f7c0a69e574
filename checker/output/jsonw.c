// SPDX-License-Identifier: GPL-2.0
/*
 * JSON strings that are always valid: whatever bytes a file name or a
 * sparse message holds, the output parses.
 */
#include <string.h>

#include "output.h"

/*
 * Length of the valid UTF-8 sequence at @s, or 0 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF).
 */
static int utf8_len(const unsigned char *s)
{
	int n, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void dmc_json_string(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");

	fputc('"', out);
	while (*s) {
		int n = utf8_len(s);

		if (!n) {
			fputs("\\ufffd", out);
			s++;
		} else if (*s == '"' || *s == '\\') {
			fprintf(out, "\\%c", *s++);
		} else if (*s == '\n') {
			fputs("\\n", out);
			s++;
		} else if (*s == '\t') {
			fputs("\\t", out);
			s++;
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(out, "\\u%04x", *s++);
		} else {
			fwrite(s, 1, n, out);
			s += n;
		}
	}
	fputc('"', out);
}

void dmc_json_uri(FILE *out, const char *scheme, const char *path)
{
	static const char keep[] = "-._~/!$&'()*+,;=:@";
	const unsigned char *s = (const unsigned char *)path;

	fputc('"', out);
	if (scheme)
		fputs(scheme, out);
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr(keep, *s))
			fputc(*s, out);
		else
			fprintf(out, "%%%02X", *s);
	}
	fputc('"', out);
}
