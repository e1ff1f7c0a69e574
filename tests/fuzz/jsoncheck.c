// SPDX-License-Identifier: GPL-2.0
/*
 * A strict JSON checker, for the fuzz target: one value, RFC 8259's
 * grammar, strings in valid UTF-8 with legal escapes, nothing after it
 * but white space.  Recursion is bounded (dmacheck's documents nest a
 * few levels).
 */
#include <string.h>

#include "jsoncheck.h"

struct in {
	const unsigned char *s, *end;
	const char *why;
};

static void ws(struct in *in)
{
	while (in->s < in->end && strchr(" \t\r\n", *in->s))
		in->s++;
}

static int fail(struct in *in, const char *why)
{
	if (!in->why)
		in->why = why;
	return 0;
}

static int utf8(struct in *in)
{
	const unsigned char *s = in->s;
	unsigned int cp;
	int n, i;

	if (*s >= 0xc2 && *s <= 0xdf)
		n = 2, cp = *s & 0x1f;
	else if (*s >= 0xe0 && *s <= 0xef)
		n = 3, cp = *s & 0x0f;
	else if (*s >= 0xf0 && *s <= 0xf4)
		n = 4, cp = *s & 0x07;
	else
		return fail(in, "a byte that is not UTF-8");
	if (in->end - s < n)
		return fail(in, "truncated UTF-8");
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return fail(in, "bad UTF-8 continuation");
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return fail(in, "overlong or surrogate UTF-8");
	in->s += n;
	return 1;
}

static int string(struct in *in)
{
	in->s++;
	while (in->s < in->end && *in->s != '"') {
		if (*in->s < 0x20)
			return fail(in, "a raw control character in a string");
		if (*in->s == '\\') {
			in->s++;
			if (in->s >= in->end)
				return fail(in, "truncated escape");
			if (*in->s == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (in->s + i >= in->end || !strchr("0123456789abcdefABCDEF", in->s[i]) ||
					    !in->s[i])
						return fail(in, "bad \\u escape");
				in->s += 5;
			} else if (*in->s && strchr("\"\\/bfnrt", *in->s)) {
				in->s++;
			} else {
				return fail(in, "bad escape");
			}
		} else if (*in->s >= 0x80) {
			if (!utf8(in))
				return 0;
		} else {
			in->s++;
		}
	}
	if (in->s >= in->end)
		return fail(in, "unterminated string");
	in->s++;
	return 1;
}

static int number(struct in *in)
{
	const unsigned char *s = in->s;

	if (s < in->end && *s == '-')
		s++;
	if (s >= in->end || *s < '0' || *s > '9')
		return fail(in, "bad number");
	if (*s == '0')
		s++;
	else
		while (s < in->end && *s >= '0' && *s <= '9')
			s++;
	if (s < in->end && *s == '.') {
		s++;
		if (s >= in->end || *s < '0' || *s > '9')
			return fail(in, "bad fraction");
		while (s < in->end && *s >= '0' && *s <= '9')
			s++;
	}
	in->s = s;
	return 1;
}

static int value(struct in *in, int depth);

static int members(struct in *in, int depth, int object)
{
	char close = object ? '}' : ']';

	in->s++;
	ws(in);
	if (in->s < in->end && *in->s == close) {
		in->s++;
		return 1;
	}
	for (;;) {
		ws(in);
		if (object) {
			if (in->s >= in->end || *in->s != '"' || !string(in))
				return fail(in, "an object key that is no string");
			ws(in);
			if (in->s >= in->end || *in->s != ':')
				return fail(in, "no ':' after a key");
			in->s++;
		}
		if (!value(in, depth + 1))
			return 0;
		ws(in);
		if (in->s < in->end && *in->s == ',') {
			in->s++;
			continue;
		}
		if (in->s < in->end && *in->s == close) {
			in->s++;
			return 1;
		}
		return fail(in, "no ',' or end of a container");
	}
}

static int literal(struct in *in, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(in->end - in->s) < n || memcmp(in->s, word, n))
		return fail(in, "unknown literal");
	in->s += n;
	return 1;
}

static int value(struct in *in, int depth)
{
	if (depth > 64)
		return fail(in, "nested too deep");
	ws(in);
	if (in->s >= in->end)
		return fail(in, "a value is missing");
	switch (*in->s) {
	case '{':
		return members(in, depth, 1);
	case '[':
		return members(in, depth, 0);
	case '"':
		return string(in);
	case 't':
		return literal(in, "true");
	case 'f':
		return literal(in, "false");
	case 'n':
		return literal(in, "null");
	default:
		return number(in);
	}
}

const char *json_check(const char *text, size_t len)
{
	struct in in = { (const unsigned char *)text, (const unsigned char *)text + len, NULL };

	if (!value(&in, 0))
		return in.why ? in.why : "invalid";
	ws(&in);
	if (in.s != in.end)
		return "text after the document";
	return NULL;
}
