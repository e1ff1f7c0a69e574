// SPDX-License-Identifier: GPL-2.0
/*
 * Does a source file use the API removed in Linux 5.10?  The facts come
 * from the checker's tables, read here at build time: the calls of
 * checker/api/dma_api.def marked ERA_OLD, and the names of
 * checker/api/removed.def (DMA_ATTR_NON_CONSISTENT: an attribute, not a
 * call).  A removed call whose name the 5.10 API still has
 * (dma_alloc_noncoherent(), dma_free_noncoherent()) is told apart by its
 * argument count; any other removed name says so at once.  This is the
 * keyword filter that picks the files to convert and the API view to
 * check them with.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "pipeline/legacy.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/str.h"

/* Every call of the checker's table, and whether 5.10 removed it. */
#define REMOVED_ERA_OLD	1
#define REMOVED_ERA_ANY	0
#define API(name, nargs, effect, family, buf, kind, handle, size, dir, gfp, \
	    attrs, era) \
	{ #name, nargs, REMOVED_##era },

static const struct api_call {
	const char *name;
	int nargs;
	int removed;
} api_calls[] = {
#include "dma_api.def"
};
#undef API

/* The removed names that are not calls. */
#define REMOVED(name) { #name },

static const struct removed_name {
	const char *name;
} removed_names[] = {
#include "removed.def"
};
#undef REMOVED

/* Arguments of the call whose '(' is at p, or -1 if it does not close. */
static int count_args(const char *p, const char *end)
{
	int depth = 0, args = 1;

	for (; p < end; p++) {
		if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if (*p == ')' || *p == ']' || *p == '}')
			depth--;
		else if (*p == ',' && depth == 1)
			args++;
		if (depth == 0)
			return args;
	}
	return -1;
}

static int is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* A call (or macro use) of name with nargs arguments somewhere in text. */
static int call_with_args(const char *text, size_t len, const char *name,
			  int nargs)
{
	const char *end = text + len, *p = text;
	size_t n = strlen(name);

	while ((p = memmem(p, end - p, name, n))) {
		const char *q = p + n;

		if ((p == text || !is_ident(p[-1])) && q < end && !is_ident(*q)) {
			while (q < end && (*q == ' ' || *q == '\t' || *q == '\n'))
				q++;
			if (q < end && *q == '(' && count_args(q, end) == nargs)
				return 1;
		}
		p += n;
	}
	return 0;
}

/* The 5.10 API has a call of this name too (with another argument count). */
static int name_still_exists(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(api_calls); i++)
		if (!api_calls[i].removed && !strcmp(api_calls[i].name, name))
			return 1;
	return 0;
}

static int names_removed_call(const char *text, size_t len,
			      const struct api_call *c)
{
	if (name_still_exists(c->name))
		return call_with_args(text, len, c->name, c->nargs);
	return memmem(text, len, c->name, strlen(c->name)) != NULL;
}

int text_uses_legacy_api(const char *text, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(removed_names); i++)
		if (memmem(text, len, removed_names[i].name,
			   strlen(removed_names[i].name)))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(api_calls); i++)
		if (api_calls[i].removed &&
		    names_removed_call(text, len, &api_calls[i]))
			return 1;
	return 0;
}

int file_uses_legacy_api(const char *path)
{
	struct strbuf sb = { 0 };
	int hit;

	/*
	 * Cannot tell: taken, so that the conversion reads it again and
	 * names it if that fails too (never silently left out).
	 */
	if (read_file(path, &sb)) {
		sb_free(&sb);
		return 1;
	}
	hit = text_uses_legacy_api(sb.s, sb.len);
	sb_free(&sb);
	return hit;
}

/* A file that includes a local header still in the old API needs it too. */
int needs_legacy_view(const char *path)
{
	struct strbuf sb = { 0 };
	char *dir;
	int hit;

	if (read_file(path, &sb))
		return 0;
	hit = text_uses_legacy_api(sb.s, sb.len);
	dir = path_dir(path);
	for (const char *p = sb.s; !hit && (p = strstr(p, "#include \"")); p++) {
		const char *name = p + 10, *q = strchr(name, '"');
		char *rel, *full;

		if (!q || memchr(name, '\n', q - name))
			continue;
		rel = xstrndup(name, q - name);
		full = path_join(dir, rel);
		hit = is_file(full) && file_uses_legacy_api(full);
		free(rel);
		free(full);
	}
	free(dir);
	sb_free(&sb);
	return hit;
}
