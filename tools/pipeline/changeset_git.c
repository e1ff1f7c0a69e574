// SPDX-License-Identifier: GPL-2.0
/*
 * A conversion held in git: a range A..B, or the work tree against HEAD.
 * The changed files come from git diff --name-only; every .c/.h of their
 * folders is exported at each revision with git show.
 */
#include <stdlib.h>
#include <string.h>
#include "pipeline/changeset_git.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

static int git_out(const char *repo, struct strlist *args, struct strbuf *out)
{
	struct strlist av = { 0 };
	struct run_result r;
	int ret;

	sl_push(&av, "git");
	sl_push(&av, "-C");
	sl_push(&av, repo);
	for (size_t i = 0; i < args->n; i++)
		sl_push(&av, args->v[i]);
	sl_push_own(&av, NULL);
	av.n--;
	ret = run_cmd(av.v, NULL, &r) || r.status ? -1 : 0;
	if (ret) {
		int k = strcspn(r.err.s ? r.err.s : "", "\n");

		err("git %s failed in %s: %.*s", args->v[0], repo, k,
		    r.err.s ? r.err.s : "");
	} else if (out) {
		sb_add(out, r.out.s, r.out.len);
	}
	run_free(&r);
	sl_free(args);
	return ret;
}

static int git_lines(const char *repo, struct strlist *args,
		     struct strlist *lines)
{
	struct strbuf out = { 0 };
	char *l, *save = NULL;

	if (git_out(repo, args, &out))
		return -1;
	for (l = strtok_r(out.s, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		sl_push(lines, l);
	sb_free(&out);
	return 0;
}

/* Write every .c/.h of the changed files' folders at rev into root. */
static int git_export(const char *top, const char *rev,
		      const struct strlist *changed, const char *root)
{
	struct strlist dirs = { 0 }, names = { 0 };
	int ret = 0;

	for (size_t i = 0; i < changed->n; i++) {
		char *d = path_dir(changed->v[i]);

		if (!sl_contains(&dirs, d))
			sl_push(&dirs, d);
		free(d);
	}
	for (size_t i = 0; i < dirs.n; i++) {
		struct strlist a = { 0 };

		sl_push(&a, "ls-tree");
		sl_push(&a, "--name-only");
		sl_push(&a, rev);
		sl_push(&a, "--");
		sl_push_own(&a, strcmp(dirs.v[i], ".") ?
			    xasprintf("%s/", dirs.v[i]) : xstrdup("."));
		git_lines(top, &a, &names);
	}
	for (size_t i = 0; i < names.n && !ret; i++) {
		struct strlist a = { 0 };
		struct strbuf blob = { 0 };
		char *dst, *dir;

		if (!path_is_source(names.v[i]))
			continue;
		sl_push(&a, "show");
		sl_push_own(&a, xasprintf("%s:%s", rev, names.v[i]));
		if (git_out(top, &a, &blob))
			ret = -1;
		dst = path_join(root, names.v[i]);
		dir = path_dir(dst);
		if (!ret && (mkdir_p(dir) || write_file(dst, blob.s, blob.len)))
			ret = -1;
		free(dst);
		free(dir);
		sb_free(&blob);
	}
	sl_free(&dirs);
	sl_free(&names);
	return ret;
}

static int git_top(const char *repo, char **top)
{
	struct strlist a = { 0 }, lines = { 0 };

	sl_push(&a, "rev-parse");
	sl_push(&a, "--show-toplevel");
	if (git_lines(repo, &a, &lines) || !lines.n) {
		sl_free(&lines);
		return -1;
	}
	*top = xstrdup(lines.v[0]);
	sl_free(&lines);
	return 0;
}

/* A..B, or the work tree against HEAD when range is NULL. */
int changeset_open_git(const char *repo, const char *range, char **paths,
		       int n, struct changeset *cs)
{
	struct strlist a = { 0 };
	char *top, *from, *to = NULL;

	for (int i = 0; i < n; i++)
		if (!is_file(paths[i]) && !is_dir(paths[i])) {
			err("%s: no such file or folder", paths[i]);
			return EXIT_USAGE;
		}
	if (git_top(repo, &top))
		return EXIT_USAGE;
	if (range) {
		const char *dots = strstr(range, "..");

		from = xstrndup(range, dots - range);
		to = xstrdup(dots[2] ? dots + 2 : "HEAD");
	} else {
		from = xstrdup("HEAD");
	}
	sl_push(&a, "diff");
	sl_push(&a, "--name-only");
	sl_push(&a, from);
	if (to)
		sl_push(&a, to);
	sl_push(&a, "--");
	for (int i = 0; i < n; i++)
		sl_push_own(&a, path_abs(paths[i]));
	if (git_lines(top, &a, &cs->changed))
		return EXIT_USAGE;
	cs->before = path_join(cs->tmp, "before");
	if (git_export(top, from, &cs->changed, cs->before))
		return EXIT_TOOL;
	if (to) {
		cs->after = path_join(cs->tmp, "after");
		if (git_export(top, to, &cs->changed, cs->after))
			return EXIT_TOOL;
	} else {
		cs->after = xstrdup(top);
	}
	mkdir_p(cs->before);
	free(top);
	free(from);
	free(to);
	return EXIT_OK;
}

int changeset_in_git(const char *dir)
{
	char *const argv[] = { "git", "-C", (char *)dir, "rev-parse",
			       "--is-inside-work-tree", NULL };
	struct run_result r;
	int yes = !run_cmd(argv, NULL, &r) && !r.status;

	run_free(&r);
	return yes;
}

