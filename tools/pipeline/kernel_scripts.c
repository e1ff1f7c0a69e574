// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel tree's own scripts and history for dmaconv series.
 *
 * The prefix: the most common "word: word:" head of the subjects that
 * touched the driver's files (git log --format=%s), else the subsystem
 * of the mailing list get_maintainer.pl names, else the path.  The build:
 * the driver's converted files as an external module (M=) of the
 * configured O= folder, its objects those of the folder's Makefile that
 * the changed files make, with C=1 CHECK=dmacheck; ARCH and the cross
 * compiler are read from the folder's .config.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pipeline/kernel_scripts.h"
#include "pipeline/dmacheck_run.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

int kernel_tree_has_scripts(const char *dir)
{
	char *a = path_join(dir, "scripts/checkpatch.pl");
	char *b = path_join(dir, "MAINTAINERS");
	int ok = is_file(a) && is_file(b);

	free(a);
	free(b);
	return ok;
}

/* "net: sgiseeq: fix ..." -> "net: sgiseeq"; NULL when there is none. */
static char *subject_prefix(const char *s)
{
	const char *p = s, *end = NULL;

	if (starts_with(s, "Merge") || starts_with(s, "Revert"))
		return NULL;
	for (;;) {
		size_t w = strcspn(p, ": \t");

		if (!w || p[w] != ':' || p[w + 1] != ' ')
			break;
		end = p + w;
		p += w + 2;
	}
	return end ? xstrndup(s, end - s) : NULL;
}

char *prefix_from_history(const char *repo, const struct driver *d)
{
	struct strlist av = { 0 }, seen = { 0 };
	struct run_result r;
	int *count = NULL;
	char *best = NULL, *line, *save = NULL;
	int top = 0;

	sl_push(&av, "git");
	sl_push(&av, "-C");
	sl_push(&av, repo);
	sl_push(&av, "log");
	sl_push(&av, "-n");
	sl_push(&av, "200");
	sl_push(&av, "--format=%s");
	sl_push(&av, "--");
	for (size_t k = 0; k < d->nfiles; k++)
		if (d->files[k].changed)
			sl_push(&av, d->files[k].disp);
	sl_push_own(&av, NULL);
	av.n--;
	if (run_cmd(av.v, NULL, &r) || r.status) {
		run_free(&r);
		sl_free(&av);
		return NULL;
	}
	count = calloc(r.out.len + 1, sizeof(*count));
	for (line = strtok_r(r.out.s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *p = subject_prefix(line);
		size_t i;

		if (!p)
			continue;
		for (i = 0; i < seen.n && strcmp(seen.v[i], p); i++)
			;
		if (i == seen.n)
			sl_push(&seen, p);
		/* Ties go to the most recent: it came first. */
		if (++count[i] > top) {
			top = count[i];
			free(best);
			best = xstrdup(p);
		}
		free(p);
	}
	free(count);
	sl_free(&seen);
	run_free(&r);
	sl_free(&av);
	return best;
}

static const struct {
	const char *list;
	const char *prefix;
} list_prefixes[] = {
	{ "netdev@", "net" },
	{ "linux-scsi@", "scsi" },
	{ "alsa-devel@", "ALSA" },
	{ "linux-usb@", "usb" },
	{ "linux-media@", "media" },
	{ "dri-devel@", "drm" },
	{ "linux-mips@", "MIPS" },
	{ "linux-parisc@", "parisc" },
	{ "linux-ide@", "ata" },
	{ "linux-serial@", "serial" },
	{ "linux-fbdev@", "fbdev" },
};

char *prefix_from_lists(const struct strlist *cc, const char *driver)
{
	for (size_t t = 0; t < ARRAY_SIZE(list_prefixes); t++)
		for (size_t i = 0; cc && i < cc->n; i++)
			if (starts_with(cc->v[i], list_prefixes[t].list))
				return xasprintf("%s: %s",
						 list_prefixes[t].prefix,
						 driver);
	return NULL;
}

int maintainers_of(const char *kernel, const char *patch,
		   struct strlist *to, struct strlist *cc)
{
	char *script = path_join(kernel, "scripts/get_maintainer.pl");
	char *const av[] = { "perl", script, "--no-git", "--no-git-fallback",
			     "--no-rolestats", (char *)patch, NULL };
	struct run_result r;
	char *line, *save = NULL;
	int ret = 0;

	if (run_cmd(av, kernel, &r) || r.status) {
		err("%s: get_maintainer.pl failed: %.200s", patch, r.err.s);
		ret = -1;
	}
	for (line = strtok_r(r.out.s, "\n", &save); !ret && line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *a = trim_dup(line, strlen(line));

		/* People are To:, the bare list addresses Cc:. */
		if (*a && strchr(a, '<'))
			sl_push(to, a);
		else if (*a && strchr(a, '@'))
			sl_push(cc, a);
		free(a);
	}
	run_free(&r);
	free(script);
	return ret;
}

int checkpatch_run(const char *kernel, const char *patch,
		   struct checkpatch_result *cr)
{
	char *script = path_join(kernel, "scripts/checkpatch.pl");
	char *const av[] = { "perl", script, "--strict", "--show-types",
			     "--no-color", (char *)patch, NULL };
	struct run_result r;
	const char *tot;
	int ret = 0;

	memset(cr, 0, sizeof(*cr));
	tot = run_cmd(av, kernel, &r) || r.status == 127 ? NULL :
	      strstr(r.out.s, "total: ");
	if (!tot || sscanf(tot, "total: %d errors, %d warnings, %d checks",
			   &cr->errors, &cr->warnings, &cr->checks) != 3) {
		err("%s: checkpatch.pl did not run: %.200s", patch, r.err.s);
		ret = -1;
	} else {
		cr->ran = 1;
		sb_add(&cr->report, r.out.s, tot - r.out.s);
	}
	run_free(&r);
	free(script);
	return ret;
}

/* "Linux/mips 6.1.192 Kernel Configuration" and the compiler's name. */
static int kbuild_target(const char *kbuild, char **arch, char **cross)
{
	char *cfg = path_join(kbuild, ".config");
	struct strbuf sb = { 0 };
	const char *p, *q;

	*arch = *cross = NULL;
	p = read_file(cfg, &sb) ? NULL : strstr(sb.s, "# Linux/");
	if (p) {
		p += 8;
		*arch = xstrndup(p, strcspn(p, "\n "));
	}
	q = sb.s ? strstr(sb.s, "CONFIG_CC_VERSION_TEXT=") : NULL;
	if (q) {
		size_t n;

		q += 24;	/* and the opening quote */
		n = strcspn(q, " \"");
		if (n >= 3 && !strncmp(q + n - 3, "gcc", 3))
			*cross = xstrndup(q, n - 3);
	}
	sb_free(&sb);
	free(cfg);
	return *arch ? 0 : -1;
}

/* Objects the folder's Makefile makes of the changed .c files. */
static void driver_objects(const struct driver *d, const char *mod,
			   struct strlist *objs)
{
	struct strbuf mk = { 0 };
	char *dir = NULL;

	for (size_t k = 0; k < d->nfiles && !dir; k++)
		dir = path_dir(d->files[k].after);
	if (dir) {
		char *m = path_join(dir, "Makefile");

		if (read_file(m, &mk)) {
			free(m);
			m = path_join(dir, "Kbuild");
			read_file(m, &mk);
		}
		free(m);
	}
	for (size_t k = 0; k < d->nfiles; k++) {
		const char *b = path_base(d->files[k].disp);
		char *o;

		if (!d->files[k].changed || !ends_with(b, ".c"))
			continue;
		o = xstrdup(b);
		o[strlen(o) - 1] = 'o';
		/* A .c file the Makefile does not name is #included. */
		if ((!mk.s || strstr(mk.s, o)) && !sl_contains(objs, o))
			sl_push(objs, o);
		free(o);
	}
	(void)mod;
	sb_free(&mk);
	free(dir);
}

static int stage_module(const struct driver *d, const char *mod,
			const struct strlist *objs)
{
	struct strbuf kb = { 0 };
	char *dir = NULL;
	struct strlist files = { 0 };
	int ret;

	for (size_t k = 0; k < d->nfiles && !dir; k++)
		dir = path_dir(d->files[k].after);
	walk_sources(dir, &files);
	ret = mkdir_p(mod);
	for (size_t i = 0; i < files.n && !ret; i++) {
		const char *rel = files.v[i] + strlen(dir);
		char *dst;

		while (*rel == '/')
			rel++;
		if (strchr(rel, '/'))
			continue;
		dst = path_join(mod, rel);
		ret = copy_file(files.v[i], dst);
		free(dst);
	}
	for (size_t i = 0; i < objs->n; i++)
		sb_printf(&kb, "obj-m += %s\n", objs->v[i]);
	if (!ret) {
		char *k = path_join(mod, "Kbuild");

		ret = write_file(k, kb.s ? kb.s : "", kb.len);
		free(k);
	}
	sb_free(&kb);
	sl_free(&files);
	free(dir);
	return ret;
}

int kbuild_driver(const char *kbuild, const char *dmacheck,
		  const struct driver *d, struct finding_list *out,
		  struct strbuf *log)
{
	char *arch, *cross, *tmp = make_tmpdir("kbuild");
	char *mod = tmp ? path_join(tmp, d->name) : NULL;
	char *abs_kb = path_abs(kbuild), *abs_ck = path_abs(dmacheck);
	struct strlist objs = { 0 }, av = { 0 };
	struct run_result r = { 0 };
	int ret = -1;

	if (kbuild_target(kbuild, &arch, &cross)) {
		sb_printf(log, "%s: no .config with the architecture\n",
			  kbuild);
		goto out;
	}
	driver_objects(d, mod, &objs);
	if (!objs.n || stage_module(d, mod, &objs)) {
		sb_printf(log, "%s: no object to build\n", d->dir);
		goto out;
	}
	sl_push(&av, "make");
	sl_push(&av, "-C");
	sl_push(&av, abs_kb);
	sl_push_own(&av, xasprintf("ARCH=%s", arch));
	if (cross)
		sl_push_own(&av, xasprintf("CROSS_COMPILE=%s", cross));
	sl_push_own(&av, xasprintf("M=%s", mod));
	sl_push(&av, "C=1");
	sl_push_own(&av, xasprintf("CHECK=%s", abs_ck));
	for (size_t i = 0; i < objs.n; i++)
		sl_push(&av, objs.v[i]);
	sl_push_own(&av, NULL);
	av.n--;
	progress("building %s with dmacheck (make -C %s ARCH=%s M=... C=1)",
		 d->dir, kbuild, arch);
	if (run_cmd(av.v, NULL, &r)) {
		sb_printf(log, "cannot run make\n");
		goto out;
	}
	out->ran = 1;
	for (char *save = NULL, *line = strtok_r(r.err.s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct finding f;

		if (!parse_finding_line(line, &f)) {
			char *full = f.file;

			f.file = xstrdup(path_base(full));
			free(full);
			finding_push(out, &f);
		} else if (strstr(line, "error") || strstr(line, "Error")) {
			sb_printf(log, "%s\n", line);
		}
	}
	ret = r.status ? -1 : 0;
	if (r.status)
		sb_printf(log, "make exited with status %d\n", r.status);
out:
	run_free(&r);
	sl_free(&av);
	sl_free(&objs);
	if (tmp)
		rm_rf(tmp);
	free(tmp);
	free(mod);
	free(abs_kb);
	free(abs_ck);
	return ret;
}
