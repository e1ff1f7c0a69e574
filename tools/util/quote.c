// SPDX-License-Identifier: GPL-2.0
/*
 * File names in the "---"/"+++" lines of a unified diff, as git writes
 * them (quote.c's quote_c_style): a name holding a control character, a
 * double quote, a backslash or a byte that is not ASCII is written in
 * double quotes with C escapes ("a/a\tb.c", octal for the rest); a name
 * with a blank but nothing else odd is followed by a tab so that
 * patch(1) and git apply see where it ends.  Both read either form.
 */
#include <stdlib.h>
#include <string.h>
#include "util/quote.h"
#include "util/str.h"

/* The escape letter of a byte, 1 for octal, 0 when it needs none. */
static int escape_of(unsigned char c)
{
	static const char letters[] = "\aa\bb\tt\nn\vv\ff\rr\"\"\\\\";

	for (const char *p = letters; *p; p += 2)
		if ((unsigned char)*p == c)
			return p[1];
	return c < 0x20 || c >= 0x7f ? 1 : 0;
}

/* NAME ready for a diff header line (without the "--- " in front). */
char *quote_diff_name(const char *name)
{
	struct strbuf sb = { 0 };
	int quote = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		quote |= escape_of(*p);
	if (!quote)
		return strchr(name, ' ') ? xasprintf("%s\t", name) :
					   xstrdup(name);
	sb_puts(&sb, "\"");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		int e = escape_of(*p);

		if (e == 1)
			sb_printf(&sb, "\\%03o", *p);
		else if (e)
			sb_printf(&sb, "\\%c", e);
		else
			sb_add(&sb, (const char *)p, 1);
	}
	sb_puts(&sb, "\"");
	return sb.s;
}

static int unescape(const char **pp, const char *end, struct strbuf *sb)
{
	static const char map[] = "a\ab\bt\tn\nv\vf\fr\r\"\"\\\\";
	const char *p = *pp;
	const char *m;
	char c;

	if (p >= end)
		return -1;
	if (*p >= '0' && *p <= '3' && end - p >= 3 &&
	    p[1] >= '0' && p[1] <= '7' && p[2] >= '0' && p[2] <= '7') {
		c = (char)((p[0] - '0') * 64 + (p[1] - '0') * 8 + (p[2] - '0'));
		sb_add(sb, &c, 1);
		*pp = p + 3;
		return 0;
	}
	for (m = map; *m; m += 2)
		if (*m == *p)
			break;
	if (!*m)
		return -1;
	sb_add(sb, m + 1, 1);
	*pp = p + 1;
	return 0;
}

/*
 * The name a C-quoted string of at most N bytes at S stands for, or NULL
 * when S does not start with a well-formed one; *end (if given) is set
 * past the closing quote.
 */
char *unquote_c_style(const char *s, size_t n, const char **end)
{
	const char *p = s + 1, *stop = s + n;
	struct strbuf sb = { 0 };

	if (!n || *s != '"')
		return NULL;
	sb_add(&sb, "", 0);
	while (p < stop && *p != '"') {
		if (*p != '\\') {
			sb_add(&sb, p++, 1);
			continue;
		}
		p++;
		if (unescape(&p, stop, &sb))
			break;
	}
	if (p >= stop || *p != '"') {
		sb_free(&sb);
		return NULL;
	}
	if (end)
		*end = p + 1;
	return sb.s;
}
