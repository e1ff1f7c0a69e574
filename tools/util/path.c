// SPDX-License-Identifier: GPL-2.0
/*
 * Path names as text: joining, the folder and the last name of a path,
 * the absolute form, the form shown to the user, C source names.
 */
#include <stdlib.h>
#include <string.h>
#include "util/path.h"
#include "util/str.h"

char *path_join(const char *a, const char *b)
{
	if (!*a)
		return xstrdup(b);
	if (ends_with(a, "/"))
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, slash - path);
}

const char *path_base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *path_abs(const char *path)
{
	char *r = realpath(path, NULL);

	return r ? r : xstrdup(path);
}

/* "./a//b/" -> "a/b": the form shown in logs and diffs. */
char *path_clean(const char *p)
{
	struct strbuf sb = { 0 };

	while (starts_with(p, "./") && p[2])
		p += 2;
	for (; *p; p++) {
		if (*p == '/' && sb.len && sb.s[sb.len - 1] == '/')
			continue;
		if (*p == '/' && starts_with(p, "/./")) {
			p++;
			continue;
		}
		sb_add(&sb, p, 1);
	}
	while (sb.len > 1 && sb.s[sb.len - 1] == '/')
		sb.s[--sb.len] = '\0';
	return sb.s ? sb.s : xstrdup(".");
}

/* A C source or header: the files a driver is made of. */
int path_is_source(const char *p)
{
	return ends_with(p, ".c") || ends_with(p, ".h");
}
