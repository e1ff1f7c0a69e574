/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a conversion is made of: drivers, their files, the converted sites
 * (with the rule that changed them), the sites left for a human, and
 * dmacheck's findings before and after.
 */
#ifndef DMACONV_MODEL_H
#define DMACONV_MODEL_H

#include "dmaconv.h"
#include "cocci.h"

struct site {
	char *file;		/* display path */
	int line, col;
	char *old_text;		/* converted: the legacy code */
	char *new_text;		/* converted: what replaced it */
	char *rule;		/* semantic patch name, or "hand edit" */
	char *confidence;
	char *reason;		/* left sites: why it was not converted */
};

struct site_list {
	struct site *v;
	size_t n, cap;
};

struct finding {
	char *file;
	int line, col;
	char *check, *severity, *message;
	int regression;		/* present after, not before */
};

struct finding_list {
	struct finding *v;
	size_t n, cap;
	struct strlist errors;	/* files dmacheck could not process */
	int ran;		/* dmacheck was run */
};

struct conv_file {
	char *src;		/* where to read the original */
	char *disp;		/* the path shown to the user */
	char *rel;		/* path below the input it came from */
	char *after;		/* review: the converted file */
	char *work;		/* converted copy (engine) */
	int changed;
	int legacy;		/* names the legacy API */
};

struct driver {
	char *name, *subsystem;
	char *dir;		/* display folder */
	char *src_dir;		/* folder holding the originals */
	struct conv_file *files;
	size_t nfiles;
	struct site_list sites, left;
	struct strlist errors;	/* "file: reason" for unprocessed inputs */
	struct strbuf diff;
	struct strlist rules;	/* rules that changed something */
	struct finding_list before, after;
	int regressions;
};

struct driver_set {
	struct driver *v;
	size_t n;
};

void site_push(struct site_list *l, const struct site *s);
void finding_push(struct finding_list *l, const struct finding *f);
void site_list_free(struct site_list *l);

struct driver *driver_add(struct driver_set *ds, const char *dir,
			  const char *src_dir);
struct conv_file *driver_add_file(struct driver *d, const char *src,
				  const char *disp);
void driver_name_from_path(struct driver *d);
size_t driver_set_files(const struct driver_set *ds);

/* udiff.c: walk a unified diff, one callback per change block. */
struct diff_block {
	const char *file;	/* new-side name, "b/" stripped */
	int old_line;		/* first old line the block touches */
	int new_line;
	char *old_text, *new_text;	/* trimmed lines joined by spaces */
	int nold, nnew;
};

typedef void (*diff_block_fn)(const struct diff_block *b, void *data);
void udiff_walk(const char *diff, diff_block_fn fn, void *data);
int diff_files(const char *a, const char *b, const char *label,
	       struct strbuf *out);

/* engine.c: run the semantic patch series over the drivers. */
struct engine_opts {
	int jobs;
	int timeout;
	int parse_check;	/* report files spatch cannot parse */
	int narrow;		/* -D narrow: one-way buffers get one direction */
};

/* One driver at a time, 120 s of spatch per file: every command's default. */
#define ENGINE_OPTS_INIT { .jobs = 1, .timeout = 120 }

/* attrib.c: d->diff cut into d->sites, each with its rule. */
void attribute_sites(struct driver *d, const struct driver *conv,
		     int own_output);

/* inputs.c: turn PATH arguments into drivers. */
int collect_inputs(char **paths, int n, struct driver_set *ds);
char *clean_path(const char *p);

/* sitelog.c: the per-site log. */
void sitelog_text(FILE *f, const struct driver_set *ds);
void sitelog_json(FILE *f, const struct driver_set *ds);
void site_json(FILE *f, const struct site *s, int left);

/* worker.c: one driver through the series, in a child process. */
int worker_run(struct driver *d, const char *work, const char *rec,
	       const struct cocci_series *s, const struct engine_opts *o);

int engine_convert(struct driver_set *ds, const struct cocci_series *s,
		   const struct engine_opts *o, char **tmp_root);

#endif
