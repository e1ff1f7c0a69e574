// SPDX-License-Identifier: GPL-2.0
/*
 * Run the semantic patch series over each driver: copy the driver's files
 * into a private folder (no .cocciconfig, no git, so spatch's --use-gitgrep
 * from a kernel tree cannot make it match nothing), apply every patch in
 * series order in place to the driver's files as one group
 * (--file-groups), log each patch's diff as sites, then ask every patch in
 * report mode what is left.  Drivers run in parallel (-j), each
 * in a child process that writes its findings to a record file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "model.h"

struct child_ctx {
	FILE *rec;
	struct driver *d;
	const char *groups;	/* spatch --file-groups: the driver's files */
	const char *rule;
	const char *confidence;
};

/* Record text fields live on one line, tab separated. */
static void put_field(FILE *f, const char *s)
{
	fputc('\t', f);
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' ? ' ' : *s, f);
}

static const char *disp_of(struct driver *d, const char *base)
{
	for (size_t i = 0; i < d->nfiles; i++)
		if (d->files[i].work && !strcmp(base_name(d->files[i].work), base))
			return d->files[i].disp;
	return base;
}

/*
 * spatch mishandles some names (a leading dash, blanks, quotes): such a
 * file gets a plain name in the work folder.  Names any header include
 * could use are kept as they are.
 */
static char *work_name(const char *base, size_t idx)
{
	int plain = base[0] != '-';

	for (const char *p = base; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || strchr("_.-+", *p);
	if (plain)
		return xstrdup(base);
	return xasprintf("dmaconv-input-%zu%s", idx,
			 ends_with(base, ".h") ? ".h" : ".c");
}

static void log_block(const struct diff_block *b, void *data)
{
	struct child_ctx *c = data;

	fprintf(c->rec, "S");
	put_field(c->rec, disp_of(c->d, base_name(b->file)));
	fprintf(c->rec, "\t%d", b->nold ? b->old_line : b->new_line);
	put_field(c->rec, c->rule);
	put_field(c->rec, c->confidence);
	put_field(c->rec, b->nold ? b->old_text : "");
	put_field(c->rec, b->new_text);
	fputc('\n', c->rec);
}

static void spatch_argv(struct strlist *av, const struct cocci_patch *p,
			const char *mode, const struct engine_opts *o)
{
	sl_push(av, "spatch");
	sl_push(av, "--very-quiet");
	sl_push(av, "-D");
	sl_push(av, mode);
	sl_push(av, "--sp-file");
	sl_push(av, p->path);
	for (size_t i = 0; i < p->options.n; i++)
		sl_push(av, p->options.v[i]);
	if (o->timeout) {
		sl_push(av, "--timeout");
		sl_push_own(av, xasprintf("%d", o->timeout));
	}
}

static void first_line(const char *s, char *buf, size_t n)
{
	size_t k = strcspn(s, "\n");

	snprintf(buf, n, "%.*s", (int)(k < n ? k : n - 1), s);
}

static void spatch_failed(FILE *rec, struct driver *d, const char *rule,
			  struct run_result *r)
{
	char line[512];

	first_line(*r->err.s ? r->err.s : r->out.s, line, sizeof(line));
	fprintf(rec, "E");
	put_field(rec, d->dir);
	fprintf(rec, "\tspatch failed with %s (exit %d): %s\n", rule,
		r->status, line);
}

static void apply_patch(struct child_ctx *c, const struct cocci_patch *p,
			const char *work, const struct engine_opts *o)
{
	struct strlist av = { 0 };
	struct run_result r;

	spatch_argv(&av, p, "patch", o);
	sl_push(&av, "--in-place");
	sl_push(&av, "--file-groups");
	sl_push(&av, c->groups);
	sl_push_own(&av, NULL);
	av.n--;
	if (run_cmd(av.v, work, &r) || r.status) {
		spatch_failed(c->rec, c->d, p->rule, &r);
	} else {
		c->rule = p->rule;
		c->confidence = p->confidence;
		udiff_walk(r.out.s, log_block, c);
	}
	run_free(&r);
	sl_free(&av);
}

/* "file:line:col-col: reason", the file name may hold any character. */
static void parse_report_line(FILE *rec, struct driver *d, const char *l)
{
	for (const char *p = l; (p = strchr(p, ':')); p++) {
		int line, col, end, used = 0;

		if (sscanf(p, ":%d:%d-%d: %n", &line, &col, &end, &used) < 3 ||
		    !used)
			continue;
		char *file = xstrndup(l, p - l);

		fprintf(rec, "L");
		put_field(rec, disp_of(d, base_name(file)));
		fprintf(rec, "\t%d\t%d", line, col);
		put_field(rec, p + used);
		fputc('\n', rec);
		free(file);
		return;
	}
}

static void report_left(struct child_ctx *c, const struct cocci_patch *p,
			const char *work, const struct engine_opts *o)
{
	struct strlist av = { 0 };
	struct run_result r;
	char *line, *save = NULL;

	spatch_argv(&av, p, "report", o);
	sl_push(&av, "--file-groups");
	sl_push(&av, c->groups);
	sl_push_own(&av, NULL);
	av.n--;
	if (run_cmd(av.v, work, &r) || r.status) {
		spatch_failed(c->rec, c->d, p->rule, &r);
	} else {
		for (line = strtok_r(r.out.s, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			parse_report_line(c->rec, c->d, line);
	}
	run_free(&r);
	sl_free(&av);
}

/* spatch skips what it cannot parse: find it first and say so by name. */
static void parse_check(struct child_ctx *c, struct conv_file *f,
			const char *work)
{
	const char *mode = ends_with(f->work, ".h") ? "--parse-h" : "--parse-c";
	/* "./" so that a file named "-x.c" is not taken for an option. */
	char *name = xasprintf("./%s", base_name(f->work));
	char *argv[] = { "spatch", (char *)mode, name, NULL };
	struct run_result r;
	const char *bad, *where;
	char *in_file = NULL;
	int nbad = 0, line = 0;

	if (run_cmd(argv, work, &r)) {
		free(name);
		return;
	}
	free(name);
	bad = strstr(r.out.s, "nb bad = ");
	if (!bad)
		bad = strstr(r.err.s, "nb bad = ");
	if (bad)
		nbad = atoi(bad + 9);
	where = strstr(r.out.s, "parse error");
	if (!where)
		where = strstr(r.err.s, "parse error");
	if (where && (where = strstr(where, "File \""))) {
		const char *q = strchr(where + 6, '"');

		if (q && starts_with(q, "\", line ")) {
			in_file = xstrndup(where + 6, q - (where + 6));
			line = atoi(q + 8);
		}
	}
	if (r.status) {
		char msg[300];

		first_line(*r.err.s ? r.err.s : r.out.s, msg, sizeof(msg));
		fprintf(c->rec, "E");
		put_field(c->rec, f->disp);
		fprintf(c->rec, "\tspatch --parse-c failed (exit %d): %s\n",
			r.status, msg);
	} else if (nbad > 0) {
		fprintf(c->rec, "E");
		put_field(c->rec, f->disp);
		if (line && in_file && strcmp(base_name(in_file),
					      base_name(f->work)))
			fprintf(c->rec, "\tspatch cannot parse %d line(s) "
				"(first error at %s:%d); a legacy call there "
				"is left unconverted\n", nbad,
				base_name(in_file), line);
		else if (line)
			fprintf(c->rec, "\tspatch cannot parse %d line(s) "
				"(first error at line %d); a legacy call there "
				"is left unconverted\n", nbad, line);
		else
			fprintf(c->rec, "\tspatch cannot parse %d line(s); "
				"a legacy call there is left unconverted\n",
				nbad);
	}
	free(in_file);
	run_free(&r);
}

/*
 * One group of files for spatch: the driver's .c files see the structures
 * and inlines of its headers, so a helper can be added where the buffer's
 * structure is defined and a header inline can be traced to its buffer.
 */
static char *write_groups(struct driver *d, const char *rec)
{
	char *path = xasprintf("%s.groups", rec);
	FILE *f = fopen(path, "w");

	if (!f) {
		free(path);
		return NULL;
	}
	for (size_t i = 0; i < d->nfiles; i++)
		fprintf(f, "%s\n", base_name(d->files[i].work));
	if (fclose(f)) {
		free(path);
		return NULL;
	}
	return path;
}

static int run_driver(struct driver *d, const char *work, const char *rec,
		      const struct cocci_series *s, const struct engine_opts *o)
{
	struct child_ctx c = { 0 };

	c.d = d;
	c.groups = write_groups(d, rec);
	c.rec = fopen(rec, "w");
	if (!c.rec || !c.groups)
		return 1;
	/* Where a legacy call could hide: the files that name the API. */
	if (o->parse_check)
		for (size_t i = 0; i < d->nfiles; i++)
			if (d->files[i].legacy)
				parse_check(&c, &d->files[i], work);
	for (size_t i = 0; i < s->n; i++)
		apply_patch(&c, &s->v[i], work, o);
	for (size_t i = 0; i < s->n; i++)
		report_left(&c, &s->v[i], work, o);
	return fclose(c.rec) ? 1 : 0;
}

static int stage_driver(struct driver *d, const char *work)
{
	if (mkdir_p(work))
		return -1;
	for (size_t i = 0; i < d->nfiles; i++) {
		struct conv_file *f = &d->files[i];

		char *name = work_name(base_name(f->disp), i);

		f->work = path_join(work, name);
		free(name);
		if (copy_file(f->src, f->work)) {
			err("%s: cannot read: %s", f->disp, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static char *field(char **save)
{
	char *t = strsep(save, "\t");

	return xstrdup(t ? t : "");
}

static void load_records(struct driver *d, const char *rec)
{
	struct strbuf text = { 0 };
	char *line, *save = NULL;

	if (read_file(rec, &text)) {
		sl_push_own(&d->errors, xasprintf("%s: conversion did not "
						  "finish", d->dir));
		return;
	}
	for (line = strtok_r(text.s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *rest = line + 2, *t;
		struct site s = { 0 };

		if (line[0] == 'E') {
			char *f = field(&rest);

			sl_push_own(&d->errors, xasprintf("%s: %s", f, rest));
			free(f);
			continue;
		}
		s.file = field(&rest);
		t = field(&rest);
		s.line = atoi(t);
		free(t);
		if (line[0] == 'S') {
			s.rule = field(&rest);
			s.confidence = field(&rest);
			s.old_text = field(&rest);
			s.new_text = field(&rest);
			if (!sl_contains(&d->rules, s.rule))
				sl_push(&d->rules, s.rule);
			site_push(&d->sites, &s);
		} else {
			t = field(&rest);
			s.col = atoi(t);
			free(t);
			s.reason = field(&rest);
			site_push(&d->left, &s);
		}
	}
	sb_free(&text);
}

/*
 * Each patch logged its sites against the file as that patch saw it; the
 * log the user gets is cut from the whole diff, with original line
 * numbers, each site traced back to its patch.
 */
static void finish_driver(struct driver *d)
{
	struct driver raw = *d;

	for (size_t i = 0; i < d->nfiles; i++) {
		struct conv_file *f = &d->files[i];

		if (diff_files(f->src, f->work, f->disp, &d->diff) == 1)
			f->changed = 1;
		f->after = f->work;
	}
	memset(&d->sites, 0, sizeof(d->sites));
	memset(&d->rules, 0, sizeof(d->rules));
	attribute_sites(d, &raw, 1);
	site_list_free(&raw.sites);
	sl_free(&raw.rules);
}

static size_t wait_one(struct driver_set *ds, pid_t *pids, char **recs,
		       size_t *done_files, size_t total)
{
	int st;
	pid_t pid = wait(&st);

	for (size_t i = 0; i < ds->n; i++) {
		if (pids[i] != pid)
			continue;
		pids[i] = 0;
		load_records(&ds->v[i], recs[i]);
		finish_driver(&ds->v[i]);
		*done_files += ds->v[i].nfiles;
		progress("files %zu/%zu done (%s)", *done_files, total,
			 ds->v[i].dir);
		return 1;
	}
	return pid > 0 ? 0 : 1;
}

int engine_convert(struct driver_set *ds, const struct cocci_series *s,
		   const struct engine_opts *o, char **tmp_root)
{
	pid_t *pids = xmalloc(ds->n * sizeof(*pids) + 1);
	char **recs = xmalloc(ds->n * sizeof(*recs) + 1);
	size_t running = 0, done_files = 0, total = driver_set_files(ds);
	int jobs = o->jobs > 0 ? o->jobs : 1;
	char *root = make_tmpdir("convert");

	if (!root)
		return -1;
	*tmp_root = root;
	fflush(NULL);
	for (size_t i = 0; i < ds->n; i++) {
		char *work = xasprintf("%s/d%zu", root, i);

		recs[i] = xasprintf("%s/d%zu.rec", root, i);
		pids[i] = 0;
		if (stage_driver(&ds->v[i], work)) {
			sl_push_own(&ds->v[i].errors, xasprintf("%s: cannot "
				    "copy its files for conversion", ds->v[i].dir));
			free(work);
			continue;
		}
		while (running >= (size_t)jobs)
			running -= wait_one(ds, pids, recs, &done_files, total);
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(run_driver(&ds->v[i], work, recs[i], s, o));
		if (pids[i] < 0) {
			err("cannot start a worker: %s", strerror(errno));
			pids[i] = 0;
		} else {
			running++;
		}
		free(work);
	}
	while (running)
		running -= wait_one(ds, pids, recs, &done_files, total);
	for (size_t i = 0; i < ds->n; i++)
		free(recs[i]);
	free(recs);
	free(pids);
	return 0;
}
