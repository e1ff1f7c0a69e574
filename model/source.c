// SPDX-License-Identifier: GPL-2.0
/*
 * The source text behind sparse's positions.  sparse columns are 1-based
 * with tabs expanded to 8; spatch wants 0-based byte columns.  Every
 * token of a macro expansion carries the position of the macro's use, so
 * the text at a position tells a macro use from ordinary code, and the
 * use's own text ("VIRT_TO_DMA(sp, v)") is copied from here.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct src_file {
	char *name;
	char *buf;
	size_t len;
	size_t *line_start;	/* byte offset of line n at [n - 1] */
	int nr_lines;
};

static struct src_file *files;
static int nr_files, cap_files;

static struct src_file *load(const char *name)
{
	struct src_file *f;
	FILE *in;
	long n;
	int i;

	for (i = 0; i < nr_files; i++)
		if (!strcmp(files[i].name, name))
			return files[i].buf ? &files[i] : NULL;
	f = PUSH(files, nr_files, cap_files);
	f->name = m_strdup(name);
	in = fopen(name, "rb");
	if (!in)
		return NULL;
	fseek(in, 0, SEEK_END);
	n = ftell(in);
	rewind(in);
	f->buf = malloc(n + 1);
	if (!f->buf || fread(f->buf, 1, n, in) != (size_t)n) {
		free(f->buf);
		f->buf = NULL;
		fclose(in);
		return NULL;
	}
	fclose(in);
	f->buf[n] = '\0';
	f->len = n;
	f->line_start = malloc(sizeof(size_t) * (n + 2));
	if (!f->line_start)
		die("model: out of memory");
	f->line_start[f->nr_lines++] = 0;
	for (i = 0; i < n; i++)
		if (f->buf[i] == '\n')
			f->line_start[f->nr_lines++] = i + 1;
	return f;
}

static struct src_file *file_of_stream(int stream)
{
	const char *name = stream_name(stream);

	return name && *name ? load(name) : NULL;
}

const char *m_file_of(struct position pos)
{
	return stream_name(pos.stream);
}

const char *m_src_line(int stream, int line)
{
	struct src_file *f = file_of_stream(stream);

	if (!f || line < 1 || line > f->nr_lines)
		return NULL;
	return f->buf + f->line_start[line - 1];
}

int m_src_nr_lines(int stream)
{
	struct src_file *f = file_of_stream(stream);

	return f ? f->nr_lines : 0;
}

/* The byte offset in the line of sparse's column @col (tabs count to 8). */
int m_byte_column(int stream, int line, int col)
{
	const char *s = m_src_line(stream, line);
	int vis = 0, i;

	if (!s)
		return col > 0 ? col - 1 : 0;
	/* a column past 1023 wrapped in sparse's 10 bits */
	for (i = 0; s[i] && s[i] != '\n'; i++) {
		if ((vis + 1) % 1024 == col % 1024)
			return i;
		if (s[i] == '\t')
			vis += 8 - vis % 8;
		else
			vis++;
	}
	return i;
}

/* Pointer to the source byte at @pos, or NULL. */
static const char *at(struct position pos)
{
	const char *s = m_src_line(pos.stream, pos.line);

	if (!s)
		return NULL;
	return s + m_byte_column(pos.stream, pos.line, pos.pos);
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The identifier at @pos, copied to @buf; false if there is none. */
static bool ident_at(struct position pos, char *buf, size_t size)
{
	const char *s = at(pos);
	size_t n = 0;

	if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	while (ident_char(s[n]) && n + 1 < size)
		n++;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return true;
}

/*
 * Is @pos a macro's use rather than the token an expression would start
 * at?  @expect is the text the expression would have there ("(" for a
 * call, the name for a symbol, NULL for an operator).
 */
bool m_pos_is_macro(struct position pos, const char *expect)
{
	char name[128];

	if (!ident_at(pos, name, sizeof(name)))
		return false;
	return !expect || strcmp(name, expect);
}

struct symbol *m_macro_at(struct position pos)
{
	char name[128];

	if (!ident_at(pos, name, sizeof(name)))
		return NULL;
	return lookup_symbol(built_in_ident(name), NS_MACRO);
}

/* Skip a string or character literal at @s; returns the byte after it. */
static const char *skip_literal(const char *s, const char *end)
{
	char q = *s++;

	while (s < end && *s != q) {
		if (*s == '\\' && s + 1 < end)
			s++;
		s++;
	}
	return s < end ? s + 1 : s;
}

/*
 * Split a parenthesised list starting at @open ('(') into its top-level
 * parts; returns the byte after the matching ')' or NULL.
 */
static const char *split_args(const char *open, const char *end, const char **starts,
			      const char **ends, int max, int *nr)
{
	const char *s = open + 1, *start = s;
	int depth = 0;

	*nr = 0;
	while (s < end) {
		if (*s == '"' || *s == '\'') {
			s = skip_literal(s, end);
			continue;
		}
		if (s[0] == '/' && s[1] == '*') {
			const char *c = strstr(s + 2, "*/");

			s = c ? c + 2 : end;
			continue;
		}
		if (*s == '(' || *s == '[' || *s == '{')
			depth++;
		else if ((*s == ')' || *s == ']' || *s == '}') && depth)
			depth--;
		else if ((*s == ',' && !depth) || *s == ')') {
			if (*nr < max) {
				starts[*nr] = start;
				ends[*nr] = s;
			}
			(*nr)++;
			if (*s == ')')
				return s + 1;
			start = s + 1;
		}
		s++;
	}
	return NULL;
}

/* @s..@e with runs of whitespace (newlines, line continuations) made one space. */
static char *squeeze(const char *s, const char *e)
{
	char *out = malloc(e - s + 1), *o = out;
	bool space = false;

	if (!out)
		die("model: out of memory");
	while (s < e && (isspace((unsigned char)*s) || *s == '\\'))
		s++;
	while (e > s && (isspace((unsigned char)e[-1]) || e[-1] == '\\'))
		e--;
	for (; s < e; s++) {
		if (isspace((unsigned char)*s) || (*s == '\\' && s + 1 < e && s[1] == '\n')) {
			space = true;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static const char *file_end(struct position pos)
{
	struct src_file *f = file_of_stream(pos.stream);

	return f ? f->buf + f->len : NULL;
}

/* "NAME(args)" of the macro use at @pos, or "NAME" for an object-like use. */
const char *m_macro_use_text(struct position pos)
{
	const char *s = at(pos), *end = file_end(pos), *p, *close;
	const char *st[1], *en[1];
	int nr;

	if (!s || !end)
		return NULL;
	p = s;
	while (p < end && ident_char(*p))
		p++;
	close = p;
	while (close < end && (*close == ' ' || *close == '\t'))
		close++;
	if (close < end && *close == '(') {
		const char *after = split_args(close, end, st, en, 1, &nr);

		if (after)
			return squeeze(s, after);
	}
	return squeeze(s, p);
}

/* The arguments of the call or macro use whose '(' or name is at @pos. */
int m_macro_use_args(struct position pos, const char **args, int max)
{
	const char *s = at(pos), *end = file_end(pos);
	const char *st[16], *en[16];
	int nr, i;

	if (!s || !end)
		return -1;
	while (s < end && ident_char(*s))
		s++;
	while (s < end && isspace((unsigned char)*s))
		s++;
	if (s >= end || *s != '(')
		return -1;
	if (!split_args(s, end, st, en, 16, &nr))
		return -1;
	if (nr == 1 && st[0] == en[0])
		nr = 0;		/* "()" */
	for (i = 0; i < nr && i < max && i < 16; i++)
		args[i] = squeeze(st[i], en[i]);
	return nr;
}
