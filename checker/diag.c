// SPDX-License-Identifier: GPL-2.0
/*
 * Findings: the check table, -W switches, in-source suppression and the
 * record stream the file loop collects.
 *
 * A checked file is analysed in a child process (see loop.c); findings
 * travel to the parent as records (record.c):
 *	F tu file line column check complete message
 * with the translation unit being analysed and whether it was parsed
 * completely (--best-effort: not when headers were missing).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dmacheck.h"
#include "front.h"
#include "hashmap.h"
#include "token.h"

static const struct {
	const char *name;
	const char *summary;
} checks[NR_CHECKS] = {	/* in enum check_id's order: the same list */
#define CK(name, e, id, summary) { id, summary },
#include "checks/check_list.h"
#undef CK
};

static bool disabled[NR_CHECKS];
static FILE *records;
static const char *cur_tu = "";
static bool cur_complete = true;

const char *dmc_check_name(enum check_id id)
{
	return checks[id].name;
}

const char *dmc_check_summary(enum check_id id)
{
	return checks[id].summary;
}

int dmc_check_by_name(const char *name)
{
	int i;

	for (i = 0; i < NR_CHECKS; i++)
		if (!strcmp(checks[i].name, name))
			return i;
	return -1;
}

void dmc_check_set_enabled(enum check_id id, bool on)
{
	disabled[id] = !on;
}

void dmc_diag_set_output(FILE *out)
{
	records = out;
}

void dmc_diag_set_file(const char *tu, bool complete)
{
	cur_tu = tu;
	cur_complete = complete;
}

static const char *pretty_name(int stream)
{
	const char *name = stream_name(stream);

	if (name && !strncmp(name, "./", 2))
		name += 2;
	return name ? name : "?";
}

const char *dmc_where(struct position pos)
{
	static char bufs[4][256];
	static int next;
	char *buf = bufs[next++ & 3];

	snprintf(buf, sizeof(bufs[0]), "%s:%d", pretty_name(pos.stream), pos.line);
	return buf;
}

/*
 * The source of one stream, split in lines, kept for the last stream
 * asked about: findings come in source order, so this is read once.
 */
static struct {
	int stream;
	char *text;
	char **lines;
	int nr_lines;
} src = { .stream = -1 };

static void load_source(int stream)
{
	const char *path = stream_name(stream);
	FILE *f;
	long len;
	int n;
	char *p;

	free(src.text);
	free(src.lines);
	memset(&src, 0, sizeof(src));
	src.stream = stream;
	f = path ? fopen(path, "r") : NULL;
	if (!f)
		return;
	len = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (len >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		src.text = malloc(len + 1);
		if (src.text && fread(src.text, 1, len, f) == (size_t)len)
			src.text[len] = '\0';
		else
			len = 0;
	}
	fclose(f);
	if (!src.text)
		return;
	for (n = 1, p = src.text; *p; p++)
		n += *p == '\n';
	src.lines = calloc(n + 1, sizeof(*src.lines));
	if (!src.lines)
		return;
	src.lines[0] = src.text;
	for (n = 1, p = src.text; *p; p++) {
		if (*p == '\n') {
			*p = '\0';
			src.lines[n++] = p + 1;
		}
	}
	src.nr_lines = n;
}

static const char *source_line(struct position pos)
{
	if (src.stream != pos.stream)
		load_source(pos.stream);
	if (!src.lines || pos.line < 1 || pos.line > src.nr_lines)
		return NULL;
	return src.lines[pos.line - 1];
}

static bool line_suppresses(const char *line, const char *id)
{
	static const char marker[] = "dmacheck: ignore";
	const char *p;

	if (!line)
		return false;
	p = strstr(line, marker);
	while (p) {
		p += sizeof(marker) - 1;
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		/* one or more ids, separated by blanks or commas */
		while (*p && *p != '*') {
			size_t len = strcspn(p, " \t,*");

			if (len == strlen(id) && !strncmp(p, id, len))
				return true;
			p += len;
			while (*p == ' ' || *p == '\t' || *p == ',')
				p++;
		}
		p = strstr(p, marker);
	}
	return false;
}

/* An ignore comment on the finding's line or on the line above it. */
static bool suppressed(struct position pos, const char *id)
{
	struct position above = pos;

	above.line--;
	return line_suppresses(source_line(pos), id) ||
	       line_suppresses(source_line(above), id);
}

/*
 * One finding per check and position: several slots may see one event.
 * The key packs the position and the check in one number (sparse keeps
 * 14 bits of stream, 31 of line and 10 of column).  Findings on line 0
 * (no line known) are not merged.
 */
_Static_assert(NR_CHECKS <= 256, "seen_before() keeps 8 bits of check id");

static bool seen_before(enum check_id id, struct position pos)
{
	static struct hashmap seen = HASHMAP_INIT(struct hashmap_key);
	unsigned long long key = pos.line | (unsigned long long)pos.stream << 31 |
				 (unsigned long long)pos.pos << 45 |
				 (unsigned long long)id << 55;

	if (!pos.line)
		return false;
	if (hashmap_find(&seen, NULL, key))
		return true;
	hashmap_add(&seen, NULL, key);
	return false;
}

void dmc_report(enum check_id id, struct position pos, const char *fmt, ...)
{
	char msg[1024], line[16], col[16];
	const char *const f[] = {
		cur_tu, pretty_name(pos.stream), line, col, checks[id].name,
		cur_complete ? "1" : "0", msg,
	};
	va_list ap;

	if (disabled[id] || pos.type == TOKEN_BAD)
		return;
	if (suppressed(pos, checks[id].name) || seen_before(id, pos))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(line, sizeof(line), "%d", pos.line);
	snprintf(col, sizeof(col), "%d", pos.pos);
	dmc_rec_write(records, 'F', 7, f);
}

void dmc_note(struct position pos, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d:%d: %snote: ", pretty_name(pos.stream),
		pos.line, pos.pos, dmc_opt.diag_prefix);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The byte of @line at display column @col (tabs to 8, as sparse counts). */
static const char *at_column(const char *line, int col)
{
	int c = 1;

	for (; *line; line++) {
		if (c >= col)
			return line;
		c = *line == '\t' ? ((c - 1) / 8 + 1) * 8 + 1 : c + 1;
	}
	return NULL;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

const char *dmc_source_ident(struct position pos)
{
	static char buf[128];
	const char *line = source_line(pos);
	const char *p = line ? at_column(line, pos.pos) : NULL;
	size_t n;

	if (!p)
		return NULL;
	while (*p == '*' || *p == '(' || *p == ' ')
		p++;
	for (n = 0; ident_char(p[n]) && n < sizeof(buf) - 1; n++)
		;
	if (!n || (p[0] >= '0' && p[0] <= '9'))
		return NULL;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

/* "x" in "type *x = call(...)", "priv->ring" in "priv->ring = call(...)". */
const char *dmc_source_lhs(struct position pos)
{
	static char buf[128];
	const char *line = source_line(pos), *eq, *start;
	const char *call = line ? at_column(line, pos.pos) : NULL;
	size_t n;

	if (!call)
		return NULL;
	for (eq = call; eq > line && *eq != '='; eq--)
		;
	if (*eq != '=' || eq == line || strchr("=!<>+-*/&|^", eq[-1]) || eq[1] == '=')
		return NULL;
	while (eq > line && (eq[-1] == ' ' || eq[-1] == '\t'))
		eq--;
	for (start = eq; start > line && (ident_char(start[-1]) || start[-1] == '.' ||
		start[-1] == '>' || (start[-1] == '-' && start[0] == '>') ||
		start[-1] == '[' || start[-1] == ']'); start--)
		;
	n = eq - start;
	if (!n || n >= sizeof(buf) || !ident_char(*start))
		return NULL;
	memcpy(buf, start, n);
	buf[n] = '\0';
	return buf;
}

/* "regs->ctrl" in "regs->ctrl = GO;": the store's target as written. */
const char *dmc_source_lvalue(struct position pos)
{
	static char buf[128];
	const char *line = source_line(pos);
	const char *p = line ? at_column(line, pos.pos) : NULL;
	size_t n = 0;

	if (!p)
		return NULL;
	while (p[n] && n < sizeof(buf) - 1 &&
	       (ident_char(p[n]) || p[n] == '.' || (p[n] == '-' && p[n + 1] == '>') ||
		(p[n] == '>' && n && p[n - 1] == '-')))
		n++;
	if (!n || !ident_char(p[0]) || (p[0] >= '0' && p[0] <= '9'))
		return NULL;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}
