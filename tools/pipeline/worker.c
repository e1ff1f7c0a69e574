// SPDX-License-Identifier: GPL-2.0
/*
 * The worker for one driver unit, in its own process: parse-check the
 * files that name the legacy API, build the unit's model (dmacheck --unit
 * --facts), apply every patch of the series in order, in place, to the
 * unit's file groups (--file-groups) with the facts (-D facts=), log each
 * patch's diff as sites, then ask every patch in report mode what is
 * left.  Everything found goes to a record file, one tab-separated line
 * per item (S site, L left, E error, U a note on the unit), that
 * runner.c reads back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "change/udiff.h"
#include "pipeline/dmacheck_run.h"
#include "pipeline/legacy.h"
#include "pipeline/worker.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

struct child_ctx {
	FILE *rec;
	struct driver *d;
	const char *groups;	/* spatch --file-groups: the driver's files */
	const char *rule;
	const char *confidence;
	char *facts;		/* -D facts=FILE, or NULL: no facts */
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
		if (d->files[i].work && !strcmp(path_base(d->files[i].work), base))
			return d->files[i].disp;
	return base;
}

static void log_block(const struct diff_block *b, void *data)
{
	struct child_ctx *c = data;

	fprintf(c->rec, "S");
	put_field(c->rec, disp_of(c->d, path_base(b->file)));
	fprintf(c->rec, "\t%d", b->nold ? b->old_line : b->new_line);
	put_field(c->rec, c->rule);
	put_field(c->rec, c->confidence);
	put_field(c->rec, b->nold ? b->old_text : "");
	put_field(c->rec, b->new_text);
	fputc('\n', c->rec);
}

static void spatch_argv(struct strlist *av, const struct cocci_patch *p,
			const char *mode, const struct runner_opts *o,
			const char *facts)
{
	sl_push(av, "spatch");
	sl_push(av, "--very-quiet");
	sl_push(av, "-D");
	sl_push(av, mode);
	sl_push(av, "--sp-file");
	sl_push(av, p->path);
	for (size_t i = 0; i < p->options.n; i++)
		sl_push(av, p->options.v[i]);
	if (o->narrow) {
		sl_push(av, "-D");
		sl_push(av, "narrow");
	}
	if (o->timeout) {
		sl_push(av, "--timeout");
		sl_push_own(av, xasprintf("%d", o->timeout));
	}
	if (facts) {
		sl_push(av, "-D");
		sl_push_own(av, xasprintf("facts=%s", facts));
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

/*
 * Run one semantic patch in MODE over the driver's file groups; patch mode
 * rewrites the files.  Returns 0 when spatch ran and succeeded, else logs
 * the failure.  The caller frees *r in both cases.
 */
static int run_spatch(struct child_ctx *c, const struct cocci_patch *p,
		      const char *mode, const char *work,
		      const struct runner_opts *o, struct run_result *r)
{
	struct strlist av = { 0 };
	int failed;

	spatch_argv(&av, p, mode, o, c->facts);
	if (!strcmp(mode, "patch"))
		sl_push(&av, "--in-place");
	sl_push(&av, "--file-groups");
	sl_push(&av, c->groups);
	sl_push_own(&av, NULL);
	av.n--;
	failed = run_cmd(av.v, work, r) || r->status;
	if (failed)
		spatch_failed(c->rec, c->d, p->rule, r);
	sl_free(&av);
	return failed;
}

static void log_doubts(FILE *rec, struct driver *d, char *err);

static void apply_patch(struct child_ctx *c, const struct cocci_patch *p,
			const char *work, const struct runner_opts *o)
{
	struct run_result r;

	if (!run_spatch(c, p, "patch", work, o, &r)) {
		c->rule = p->rule;
		c->confidence = p->confidence;
		udiff_walk(r.out.s, log_block, c);
		log_doubts(c->rec, c->d, r.err.s);
	}
	run_free(&r);
}

/* Whether a file of the driver still names the removed API. */
static int legacy_left(const struct driver *d)
{
	for (size_t i = 0; i < d->nfiles; i++)
		if (d->files[i].work && file_uses_legacy_api(d->files[i].work))
			return 1;
	return 0;
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
		put_field(rec, disp_of(d, path_base(file)));
		fprintf(rec, "\t%d\t%d", line, col);
		put_field(rec, p + used);
		fputc('\n', rec);
		free(file);
		return;
	}
}

/*
 * Patch mode prints the report lines on stderr.  The sites it did not
 * convert come back from report mode on the result (report_left); the
 * ones it converted on an assumption ("converted to ..., check by hand")
 * exist only here, and a reviewer must see them among the sites left for
 * a human.
 */
static void log_doubts(FILE *rec, struct driver *d, char *err)
{
	char *line, *save = NULL;

	for (line = strtok_r(err, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (strstr(line, ", check by hand: "))
			parse_report_line(rec, d, line);
}

static void report_left(struct child_ctx *c, const struct cocci_patch *p,
			const char *work, const struct runner_opts *o)
{
	struct run_result r;
	char *line, *save = NULL;

	if (!run_spatch(c, p, "report", work, o, &r)) {
		for (line = strtok_r(r.out.s, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			parse_report_line(c->rec, c->d, line);
	}
	run_free(&r);
}

/* spatch skips what it cannot parse: find it first and say so by name. */
static void parse_check(struct child_ctx *c, struct conv_file *f,
			const char *work)
{
	const char *mode = ends_with(f->work, ".h") ? "--parse-h" : "--parse-c";
	/* "./" so that a file named "-x.c" is not taken for an option. */
	char *name = xasprintf("./%s", path_base(f->work));
	char *const argv[] = { "spatch", (char *)mode, name, NULL };
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
	if (where)
		where = strstr(where, "File \"");
	if (where) {
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
		if (line && in_file && strcmp(path_base(in_file),
					      path_base(f->work)))
			fprintf(c->rec, "\tspatch cannot parse %d line(s) "
				"(first error at %s:%d); a legacy call there "
				"is left unconverted\n", nbad,
				path_base(in_file), line);
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
 * The file groups for spatch, one per driver unit: a unit's .c files see
 * the structures and inlines of its headers, so a helper can be added
 * where the buffer's structure is defined and a header inline can be
 * traced to its buffer.  Files two units share (a .c file both include)
 * are a group of their own, so neither unit's helpers land in the other.
 */
static char *write_groups(struct driver *d, const char *rec)
{
	char *path = xasprintf("%s.groups", rec);
	FILE *f = fopen(path, "w");
	int last = 0;

	if (!f) {
		free(path);
		return NULL;
	}
	for (size_t i = 0; i < d->nfiles; i++)
		if (d->files[i].group > last)
			last = d->files[i].group;
	for (int g = 0; g <= last; g++) {
		int any = 0;

		for (size_t i = 0; i < d->nfiles; i++)
			if (d->files[i].group == g) {
				if (!any && g)
					fputc('\n', f);
				fprintf(f, "%s\n", path_base(d->files[i].work));
				any = 1;
			}
	}
	if (fclose(f)) {
		free(path);
		return NULL;
	}
	return path;
}

static void put_note(FILE *rec, const char *fmt, const char *a, const char *b)
{
	char *text = xasprintf(fmt, a, b ? b : "");

	fputc('U', rec);
	put_field(rec, text);
	fputc('\n', rec);
	free(text);
}

/*
 * The unit's model over its compiled .c files (the files as spatch sees
 * them, so the facts' positions are spatch's), with the kernel's command
 * line when there is one.  Without facts the patches convert only what
 * the code in front of them proves; the note says why.
 */
static void make_facts(struct child_ctx *c, const char *work, const char *rec,
		       const struct runner_opts *o, const struct unit_run *u)
{
	struct facts_req r = { 0 };
	struct strlist files = { 0 };
	char *out = xasprintf("%s.facts.json", rec), *note = NULL;
	int any_model = 0;

	for (size_t i = 0; i < c->d->nfiles; i++)
		any_model |= c->d->files[i].model;
	for (size_t i = 0; i < c->d->nfiles; i++) {
		const struct conv_file *f = &c->d->files[i];

		if (any_model ? !f->model : !ends_with(f->work, ".c"))
			continue;
		r.legacy |= needs_legacy_view(f->work);
		if (u->have_kflags)
			sl_push_own(&files, path_abs(f->work));
		else
			sl_push(&files, path_base(f->work));
	}
	r.dmacheck = u->dmacheck;
	r.include_dir = u->include_dir;
	r.cwd = u->have_kflags ? u->kdir : work;
	r.files = &files;
	r.unit_name = c->d->unit_name ? c->d->unit_name : c->d->name;
	r.out = out;
	r.narrow = o->narrow;
	r.kflags = u->have_kflags ? &u->kflags : NULL;
	if (!files.n) {
		put_note(c->rec, "no .c file to build the model from: converted "
			 "without facts%s%s", "", NULL);
	} else if (dmacheck_facts(&r, &note)) {
		put_note(c->rec, "no facts (%s): converted without them, only "
			 "what the code proves%s", note, NULL);
	} else {
		put_note(c->rec, "%s (%s)", note, u->have_kflags ?
			 "the kernel's command line" : u->knote ? u->knote :
			 "the project's headers");
		c->facts = out;
		out = NULL;
	}
	free(note);
	free(out);
	sl_free(&files);
}

int worker_run(struct driver *d, const char *work, const char *rec,
	       const struct cocci_series *s, const struct runner_opts *o,
	       const struct unit_run *u)
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
	if (o->facts)
		make_facts(&c, work, rec, o, u);
	for (size_t i = 0; i < s->n; i++)
		apply_patch(&c, &s->v[i], work, o);
	/*
	 * A site left for a human is a legacy call: when no file of the
	 * result names the removed API, report mode has nothing to say and
	 * is not run (a spatch run of the series costs seconds).
	 */
	if (legacy_left(d))
		for (size_t i = 0; i < s->n; i++)
			report_left(&c, &s->v[i], work, o);
	return fclose(c.rec) ? 1 : 0;
}

