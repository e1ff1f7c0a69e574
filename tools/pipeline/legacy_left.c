// SPDX-License-Identifier: GPL-2.0
/*
 * The removed API on both sides of a driver's change.  Before: does any
 * file of the driver use it (else the change is no DMA conversion).
 * After: each line that still uses it, found with the keyword filter on
 * a window of lines (a call may span lines): a line holds a use when the
 * window from it does and the window from the next line, with the same
 * end, does not.  Comments and string literals are blanked first (a
 * comment that names DMA_ATTR_NON_CONSISTENT builds anywhere).
 */
#include <stdlib.h>
#include <string.h>
#include "pipeline/legacy.h"
#include "pipeline/legacy_left.h"
#include "util/fs.h"
#include "util/str.h"

/* Lines a call of the removed API may span. */
#define WINDOW 12

static const char *line_after(const char *p, const char *end, int n)
{
	while (n-- > 0 && p < end) {
		const char *nl = memchr(p, '\n', end - p);

		p = nl ? nl + 1 : end;
	}
	return p;
}

/* Comments and literals become blanks; the line breaks stay. */
static void blank_comments(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			for (; i < n && !(s[i] == '*' && i + 1 < n &&
					  s[i + 1] == '/'); i++)
				s[i] = s[i] == '\n' ? '\n' : ' ';
			if (i + 1 < n)
				s[i] = s[i + 1] = ' ';
			i++;
		} else if (s[i] == '/' && i + 1 < n && s[i + 1] == '/') {
			for (; i < n && s[i] != '\n'; i++)
				s[i] = ' ';
		} else if (s[i] == '"' || s[i] == '\'') {
			char q = s[i];

			for (i++; i < n && s[i] != q && s[i] != '\n'; i++) {
				if (s[i] == '\\' && i + 1 < n)
					s[i++] = ' ';
				s[i] = ' ';
			}
		}
	}
}

static void scan_file(struct driver *d, const struct conv_file *f)
{
	struct strbuf sb = { 0 };
	const char *end, *p;
	char *text;
	int line = 1;

	if (read_file(f->after, &sb) || !text_uses_legacy_api(sb.s, sb.len)) {
		sb_free(&sb);
		return;
	}
	text = xstrndup(sb.s, sb.len);
	blank_comments(sb.s, sb.len);
	end = sb.s + sb.len;
	for (p = sb.s; p < end; line++) {
		const char *next = line_after(p, end, 1);
		const char *stop = line_after(p, end, WINDOW);

		if (text_uses_legacy_api(p, stop - p) &&
		    !text_uses_legacy_api(next, stop - next)) {
			struct site s = { 0 };
			const char *t = text + (p - sb.s);
			const char *tn = text + (next - sb.s);

			while (t < tn && (*t == ' ' || *t == '\t'))
				t++;
			s.file = xstrdup(f->disp);
			s.line = line;
			s.old_text = trim_dup(t, tn - t);
			s.reason = xstrdup("still uses the API removed in "
					   "Linux 5.10");
			site_push(&d->legacy_after, &s);
		}
		p = next;
	}
	free(text);
	sb_free(&sb);
}

/* The keyword filter on the code only: not on comments or literals. */
static int code_uses_legacy_api(const char *path)
{
	struct strbuf sb = { 0 };
	int hit;

	if (read_file(path, &sb))
		return 0;
	blank_comments(sb.s, sb.len);
	hit = text_uses_legacy_api(sb.s, sb.len);
	sb_free(&sb);
	return hit;
}

void legacy_mark(struct driver *d)
{
	for (size_t k = 0; k < d->nfiles; k++) {
		const struct conv_file *f = &d->files[k];

		if (is_file(f->src) && code_uses_legacy_api(f->src))
			d->legacy_before = 1;
		if (f->after && is_file(f->after))
			scan_file(d, f);
	}
}
