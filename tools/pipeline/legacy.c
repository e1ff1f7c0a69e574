// SPDX-License-Identifier: GPL-2.0
/*
 * Does a source file use the API removed in Linux 5.10?  The names that
 * exist only in the old API say so at once; dma_alloc_noncoherent() and
 * dma_free_noncoherent() exist in both and are told apart by their
 * argument count (4 before 5.10, 5 after).  This is the keyword filter
 * that picks the files to convert and the API view to check them with.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "pipeline/legacy.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/str.h"

static const char *const legacy_only[] = {
	"dma_cache_sync",
	"DMA_ATTR_NON_CONSISTENT",
};

static const char *const by_arg_count[] = {
	"dma_alloc_noncoherent",
	"dma_free_noncoherent",
};

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

/* A call (or macro use) of name with 4 arguments somewhere in text. */
static int four_argument_call(const char *text, size_t len, const char *name)
{
	const char *end = text + len, *p = text;
	size_t n = strlen(name);

	while ((p = memmem(p, end - p, name, n))) {
		const char *q = p + n;

		if ((p == text || !is_ident(p[-1])) && q < end && !is_ident(*q)) {
			while (q < end && (*q == ' ' || *q == '\t' || *q == '\n'))
				q++;
			if (q < end && *q == '(' && count_args(q, end) == 4)
				return 1;
		}
		p += n;
	}
	return 0;
}

int text_uses_legacy_api(const char *text, size_t len)
{
	for (size_t i = 0; i < sizeof(legacy_only) / sizeof(*legacy_only); i++)
		if (memmem(text, len, legacy_only[i], strlen(legacy_only[i])))
			return 1;
	for (size_t i = 0; i < sizeof(by_arg_count) / sizeof(*by_arg_count); i++)
		if (four_argument_call(text, len, by_arg_count[i]))
			return 1;
	return 0;
}

int file_uses_legacy_api(const char *path)
{
	struct strbuf sb = { 0 };
	int hit;

	if (read_file(path, &sb))
		return 0;
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
