// SPDX-License-Identifier: GPL-2.0
/*
 * dmacheck's side of the contract: run it with -f json on plain files
 * (the project's include/ on the path, include/dmaconv/legacy-dma.h
 * force-included for legacy code)
 * and read its object back; or read its text lines (from a kernel build);
 * or have it build a driver unit's model and write its facts.json.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pipeline/dmacheck_run.h"
#include "pipeline/legacy.h"
#include "unit.h"
#include "util/fs.h"
#include "util/json_io.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

static const char *disp_for(const struct check_input *in, size_t n,
			    const char *file)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(in[i].path, file))
			return in[i].disp;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(path_base(in[i].path), path_base(file)))
			return in[i].disp;
	/* A header beside the inputs: strip the root the inputs live in. */
	for (size_t i = 0; i < n; i++) {
		size_t pl = strlen(in[i].path), dl = strlen(in[i].disp);

		if (pl > dl && ends_with(in[i].path, in[i].disp) &&
		    in[i].path[pl - dl - 1] == '/' &&
		    !strncmp(file, in[i].path, pl - dl))
			return file + (pl - dl);
	}
	return file;
}

/*
 * Messages name other places ("written at x.c:46"): show those as
 * display paths too, so a message reads the same before and after.
 */
static char *strip_roots(const char *msg, const struct check_input *in,
			 size_t n)
{
	char *out = xstrdup(msg);

	for (size_t i = 0; i < n; i++) {
		size_t pl = strlen(in[i].path), dl = strlen(in[i].disp);
		char *root, *hit;

		if (pl <= dl || !ends_with(in[i].path, in[i].disp))
			continue;
		root = xstrndup(in[i].path, pl - dl);
		while (*root && (hit = strstr(out, root)))
			memmove(hit, hit + strlen(root),
				strlen(hit + strlen(root)) + 1);
		free(root);
	}
	return out;
}

static int already_found(const struct finding_list *l, const struct finding *f)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].line == f->line && l->v[i].col == f->col &&
		    !strcmp(l->v[i].file, f->file) &&
		    !strcmp(l->v[i].check, f->check) &&
		    !strcmp(l->v[i].message, f->message))
			return 1;
	return 0;
}

static void take_findings(const struct json *j, const struct check_input *in,
			  size_t n, struct finding_list *out)
{
	const struct json *files = json_get(j, "files");
	const struct json *list = json_get(j, "findings");

	for (size_t i = 0; files && i < files->n; i++) {
		const char *st = json_get_str(files->items[i], "status");
		const char *f = json_get_str(files->items[i], "file");
		const char *why = json_get_str(files->items[i], "error");

		if (st && strcmp(st, "ok"))
			sl_push_own(&out->errors, xasprintf("%s: dmacheck: %s",
				    disp_for(in, n, f ? f : "?"),
				    why ? why : "could not check"));
	}
	for (size_t i = 0; list && i < list->n; i++) {
		const struct json *x = list->items[i];
		const char *sev = json_get_str(x, "severity");
		struct finding f = { 0 };

		f.file = xstrdup(disp_for(in, n, json_get_str(x, "file") ?: "?"));
		f.line = json_get_int(x, "line");
		f.col = json_get_int(x, "column");
		f.check = xstrdup(json_get_str(x, "check") ?: "unknown");
		f.severity = xstrdup(sev ? sev : "warning");
		f.message = strip_roots(json_get_str(x, "message") ?: "", in, n);
		/* An inline in a header is reported once per expansion. */
		if (already_found(out, &f)) {
			free(f.file);
			free(f.check);
			free(f.severity);
			free(f.message);
			continue;
		}
		finding_push(out, &f);
	}
}

/* dmacheck's JSON object on stdout, its findings into out. */
static int read_output(const char *dmacheck, const struct run_result *r,
		       const struct check_input *in, size_t n,
		       struct finding_list *out)
{
	struct json *j = json_parse(r->out.s);
	char line[300];

	if (!j) {
		snprintf(line, sizeof(line), "%.*s",
			 (int)strcspn(r->err.s, "\n"), r->err.s);
		err("%s gave no JSON object (exit %d): %s", dmacheck, r->status,
		    line);
		return -1;
	}
	take_findings(j, in, n, out);
	json_free(j);
	return 0;
}

/*
 * Legacy code in the 5.10+ view with include/dmaconv/legacy-dma.h
 * force-included: it declares the removed API beside the new one, so a
 * half-converted file (a 5-argument dma_alloc_noncoherent() beside a
 * dma_cache_sync()) parses, which the 5.9 view (-DDMAREF_API_5_9, the
 * fallback when the header is not installed) cannot.
 */
static void legacy_view(struct strlist *av, const char *include_dir)
{
	/* The source tree's include/, or the installed <prefix>/include/dmaconv. */
	char *h = path_join(include_dir, "dmaconv/legacy-dma.h");

	if (!is_file(h)) {
		free(h);
		h = path_join(include_dir, "legacy-dma.h");
	}
	if (is_file(h)) {
		sl_push(av, "-include");
		sl_push_own(av, h);
	} else {
		sl_push(av, "-DDMAREF_API_5_9");
		free(h);
	}
}

static int run_batch(const char *dmacheck, const char *include_dir,
		     const struct check_input *in, size_t n,
		     const struct strlist *flags, struct finding_list *out)
{
	struct strlist av = { 0 };
	struct run_result r;
	int ret = 0, legacy = 0;

	if (!n)
		return 0;
	sl_push(&av, dmacheck);
	sl_push(&av, "-f");
	sl_push(&av, "json");
	for (size_t i = 0; flags && i < flags->n; i++)
		sl_push(&av, flags->v[i]);
	sl_push_own(&av, xasprintf("-I%s", include_dir));
	for (size_t i = 0; i < n; i++)
		legacy |= in[i].legacy;
	if (legacy)
		legacy_view(&av, include_dir);
	for (size_t i = 0; i < n; i++)
		sl_push(&av, in[i].path);
	sl_push_own(&av, NULL);
	av.n--;
	if (run_cmd(av.v, NULL, &r) || r.status == 127) {
		err("cannot run %s: %s", dmacheck, r.err.s ? r.err.s : "");
		ret = -1;
	} else {
		ret = read_output(dmacheck, &r, in, n, out);
	}
	out->ran = 1;
	run_free(&r);
	sl_free(&av);
	return ret;
}

int dmacheck_run(const char *dmacheck, const char *include_dir,
		 const struct check_input *in, size_t n,
		 const struct strlist *flags, struct finding_list *out)
{
	if (!program_exists(dmacheck)) {
		err("dmacheck not found (%s); build it with 'make' or set "
		    "DMACONV_DMACHECK", dmacheck);
		return -1;
	}
	return run_batch(dmacheck, include_dir, in, n, flags, out);
}

/*
 * The compiled .c files of driver unit @u into @in, when @u holds one of
 * @files (shown as given; the unit's other files as the unit names
 * them): a .c file the unit includes, or a header, is checked through
 * them.  0 when @u holds none of @files.
 */
static size_t unit_inputs(const struct driver_unit *u, char **disp,
			  struct check_input *in, const struct strlist *files)
{
	size_t k = 0;
	int mine = 0;

	for (size_t i = 0; i < files->n && !mine; i++)
		mine = unit_has_file(u, disp[i]);
	for (size_t f = 0; mine && f < u->nfiles; f++) {
		const char *path = u->files[f].path, *shown = path;

		if (u->files[f].kind != UNIT_COMPILED)
			continue;
		for (size_t i = 0; i < files->n; i++)
			if (!strcmp(disp[i], path)) {
				path = files->v[i];
				shown = disp[i];
			}
		in[k].path = path;
		in[k].disp = shown;
		in[k].legacy = needs_legacy_view(path);
		k++;
	}
	return k;
}

/*
 * The files of dmaconv check outside a kernel tree, one driver unit at a
 * time (dmacheck --unit: the unit's files are one model).  A file given
 * that only an includer compiles (lib82596.c) is checked through it.
 */
int dmacheck_run_files(const struct resources *res,
		       const struct strlist *files,
		       const struct strlist *flags, struct finding_list *out)
{
	char **disp = xmalloc((files->n + 1) * sizeof(*disp));
	char **clean = xmalloc((files->n + 1) * sizeof(*clean));
	struct check_input *in;
	struct strlist uflags = { 0 };
	struct unit_set us = { 0 };
	size_t most = 1;
	int ret = 0;

	if (!program_exists(res->dmacheck)) {
		err("dmacheck not found (%s); build it with 'make' or set "
		    "DMACONV_DMACHECK", res->dmacheck);
		free(disp);
		free(clean);
		return -1;
	}
	for (size_t i = 0; i < files->n; i++) {
		disp[i] = path_clean(files->v[i]);
		clean[i] = disp[i];
	}
	clean[files->n] = NULL;
	unit_scan(&us, (const char *const *)clean);
	for (size_t u = 0; u < us.n; u++)
		if (us.v[u].nfiles > most)
			most = us.v[u].nfiles;
	in = xmalloc(most * sizeof(*in));
	sl_push(&uflags, "--unit");
	for (size_t i = 0; flags && i < flags->n; i++)
		sl_push(&uflags, flags->v[i]);
	progress("checking %zu file(s) in %zu driver unit(s) with %s", files->n,
		 us.n, res->dmacheck);
	for (size_t u = 0; u < us.n && !ret; u++) {
		size_t k = unit_inputs(&us.v[u], disp, in, files);

		if (k)
			ret = run_batch(res->dmacheck, res->include_dir, in, k,
					&uflags, out);
	}
	for (size_t i = 0; i < files->n; i++)
		free(disp[i]);
	unit_set_free(&us);
	sl_free(&uflags);
	free(clean);
	free(disp);
	free(in);
	return ret;
}

/* "file:line:col: warning: message [check-id]" */
int parse_finding_line(const char *line, struct finding *f)
{
	const char *br = strrchr(line, '['), *end = strrchr(line, ']');

	if (!br || !end || end < br || end[1])
		return -1;
	for (const char *p = line; (p = strchr(p, ':')); p++) {
		int ln, col, used = 0;
		char sev[16];

		if (sscanf(p, ":%d:%d: %15[a-z]: %n", &ln, &col, sev,
			   &used) < 3 || !used || p + used > br)
			continue;
		f->file = xstrndup(line, p - line);
		f->line = ln;
		f->col = col;
		f->severity = xstrdup(sev);
		f->message = trim_dup(p + used, br - (p + used));
		f->check = xstrndup(br + 1, end - br - 1);
		return 0;
	}
	return -1;
}

/* The first file dmacheck could not check, as "file: why", or NULL. */
static char *unchecked_file(const struct json *j)
{
	const struct json *files = json_get(j, "files");

	for (size_t i = 0; files && i < files->n; i++) {
		const char *st = json_get_str(files->items[i], "status");
		const char *why = json_get_str(files->items[i], "error");

		if (st && strcmp(st, "ok"))
			return xasprintf("dmacheck could not parse %s: %s",
					 json_get_str(files->items[i], "file") ?: "?",
					 why ? why : st);
	}
	return NULL;
}

/* "N site(s) decided, M left": what the facts hold, for the log. */
static char *facts_summary(const char *path)
{
	struct strbuf text = { 0 };
	struct json *j = read_file(path, &text) ? NULL : json_parse(text.s);
	const struct json *sites = j ? json_get(j, "sites") : NULL;
	const struct json *complete;
	size_t left = 0;
	char *s;

	sb_free(&text);
	if (!j || !sites || json_get_int(j, "dmaconv_facts") != 1) {
		json_free(j);
		return NULL;
	}
	for (size_t i = 0; i < sites->n; i++) {
		const char *a = json_get_str(sites->items[i], "action");

		left += a && !strcmp(a, "leave");
	}
	complete = json_get(j, "complete");
	s = xasprintf("facts for %zu site(s), %zu of them left%s",
		      sites->n, left, complete && complete->type == JSON_BOOL && !complete->num ?
		      " (incomplete parse)" : "");
	json_free(j);
	return s;
}

/*
 * The driver model of one unit (dmacheck --unit --facts): its compiled .c
 * files in one run, with the kernel's command line when there is one,
 * else the plain form (the project's include/, legacy-dma.h for legacy
 * code).  0 with r->out written and *note saying what it holds; -1 with
 * *note saying why there are no facts.
 */
int dmacheck_facts(const struct facts_req *r, char **note)
{
	struct strlist av = { 0 };
	struct run_result res;
	struct json *j = NULL;
	int ret = -1;

	*note = NULL;
	sl_push(&av, r->dmacheck);
	sl_push(&av, "-f");
	sl_push(&av, "json");
	sl_push_own(&av, xasprintf("--facts=%s", r->out));
	sl_push_own(&av, xasprintf("--unit-name=%s", r->unit_name));
	if (r->narrow)
		sl_push(&av, "--narrow");
	if (r->kflags) {
		for (size_t i = 0; i < r->kflags->n; i++)
			sl_push(&av, r->kflags->v[i]);
	} else {
		sl_push_own(&av, xasprintf("-I%s", r->include_dir));
		if (r->legacy)
			legacy_view(&av, r->include_dir);
	}
	for (size_t i = 0; i < r->files->n; i++)
		sl_push(&av, r->files->v[i]);
	sl_push_own(&av, NULL);
	av.n--;
	unlink(r->out);
	if (run_cmd(av.v, r->cwd, &res) || res.status == 127) {
		*note = xasprintf("cannot run %s", r->dmacheck);
		goto out;
	}
	j = json_parse(res.out.s);
	if (!j) {
		*note = xasprintf("dmacheck gave no JSON object (exit %d): %.*s",
				  res.status, (int)strcspn(res.err.s, "\n"),
				  res.err.s);
		goto out;
	}
	*note = unchecked_file(j);
	if (*note)
		goto out;
	*note = facts_summary(r->out);
	if (!*note) {
		*note = xasprintf("dmacheck wrote no facts file (exit %d): %.*s",
				  res.status, (int)strcspn(res.err.s, "\n"),
				  res.err.s);
		goto out;
	}
	ret = 0;
out:
	json_free(j);
	run_free(&res);
	sl_free(&av);
	return ret;
}
