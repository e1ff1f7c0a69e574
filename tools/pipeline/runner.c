// SPDX-License-Identifier: GPL-2.0
/*
 * Run the semantic patch series over the driver units, several at a time
 * (-j): copy each unit's files into a private folder (no .cocciconfig, no
 * git, so spatch's --use-gitgrep from a kernel tree cannot make it match
 * nothing), find the kernel's command line for its model when it sits in
 * a kernel tree with compile_commands.json, fork a worker (worker.c) that
 * builds the unit's facts, runs the series and writes what it found to a
 * record file, read the records back, diff every file against its
 * original and cut the diff into the site log.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "change/attrib.h"
#include "change/driver.h"
#include "change/udiff.h"
#include "pipeline/inputs.h"
#include "pipeline/kbuild.h"
#include "pipeline/locate.h"
#include "pipeline/runner.h"
#include "pipeline/stage.h"
#include "pipeline/worker.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

/* A driver not staged is not converted: nothing of it may be written. */
static int unstage(struct driver *d)
{
	for (size_t i = 0; i < d->nfiles; i++) {
		free(d->files[i].work);
		d->files[i].work = NULL;
	}
	return -1;
}

static int stage_driver(struct driver *d, const char *work)
{
	if (mkdir_p(work)) {
		sl_push_own(&d->errors, xasprintf("%s: cannot make its work "
			    "folder %s: %s", d->dir, work, strerror(errno)));
		return -1;
	}
	for (size_t i = 0; i < d->nfiles; i++) {
		struct conv_file *f = &d->files[i];
		char *name = stage_name(d, i);

		f->work = path_join(work, name);
		free(name);
		if (copy_file(f->src, f->work)) {
			sl_push_own(&d->errors, xasprintf("%s: cannot copy it for "
				    "conversion: %s", f->disp, strerror(errno)));
			return unstage(d);
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
		if (line[0] == 'U') {
			sl_push_own(&d->notes, field(&rest));
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

/* "drivers/scsi: unit sgiwd93 (sgiwd93.c): facts for ..." */
static void say_notes(const struct driver *d)
{
	for (size_t k = 0; k < d->notes.n; k++)
		progress("%s: unit %s: %s", d->dir, d->unit ? d->unit : d->name,
			 d->notes.v[k]);
}

/*
 * The kernel's command line for the unit's model, when its first .c file
 * sits in a kernel tree that gives one; else the plain form, and why.
 */
static void unit_run_prepare(const struct driver *d, const struct runner_opts *o,
			     const struct resources *res, struct unit_run *u)
{
	struct kernel_tree kt = { 0 };
	const struct conv_file *first = NULL;

	memset(u, 0, sizeof(*u));
	u->dmacheck = res->dmacheck;
	u->include_dir = res->include_dir;
	for (size_t i = 0; i < d->nfiles && !first; i++)
		if (d->files[i].model)
			first = &d->files[i];
	if (!o->facts || !o->kernel || !first ||
	    !kernel_tree_find(first->src, o->kbuild, &kt))
		return;
	if (!kernel_model_flags(&kt, first->src, &u->kflags, &u->kdir,
				&u->knote))
		u->have_kflags = 1;
	else
		u->knote = xasprintf("the project's headers: %s", u->knote);
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
		say_notes(&ds->v[i]);
		*done_files += ds->v[i].nfiles;
		progress("files %zu/%zu done (%s)", *done_files, total,
			 ds->v[i].dir);
		return 1;
	}
	return pid > 0 ? 0 : 1;
}

int runner_convert(struct driver_set *ds, const struct cocci_series *s,
		   const struct runner_opts *o, char **tmp_root)
{
	pid_t *pids = xmalloc(ds->n * sizeof(*pids) + 1);
	char **recs = xmalloc(ds->n * sizeof(*recs) + 1);
	size_t running = 0, done_files = 0, total = driver_set_files(ds);
	int jobs = o->jobs > 0 ? o->jobs : 1;
	char *root = make_tmpdir("convert");
	struct resources res;
	struct unit_run u;

	if (!root)
		return -1;
	locate_resources(&res);
	*tmp_root = root;
	fflush(NULL);
	for (size_t i = 0; i < ds->n; i++) {
		char *work = xasprintf("%s/d%zu", root, i);

		recs[i] = xasprintf("%s/d%zu.rec", root, i);
		pids[i] = 0;
		/* A driver made as a folder (review): groups by its units. */
		if (!ds->v[i].unit)
			driver_split_units(&ds->v[i]);
		if (stage_driver(&ds->v[i], work)) {
			free(work);
			continue;
		}
		while (running >= (size_t)jobs)
			running -= wait_one(ds, pids, recs, &done_files, total);
		unit_run_prepare(&ds->v[i], o, &res, &u);
		if (ds->v[i].unit)
			progress("%s: unit %s", ds->v[i].dir, ds->v[i].unit);
		fflush(NULL);
		pids[i] = spawn_fork();
		if (pids[i] == 0)
			_exit(worker_run(&ds->v[i], work, recs[i], s, o, &u));
		sl_free(&u.kflags);
		free(u.kdir);
		free(u.knote);
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
