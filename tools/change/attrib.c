// SPDX-License-Identifier: GPL-2.0
/*
 * Attribution: cut a driver's whole diff (original -> final) into sites
 * and give each the semantic patch that produces it, from the sites each
 * patch's own diff showed.  One patch may feed the next (the rule then
 * reads "a + b"); a change no patch makes is a hand edit.  The site keeps
 * the line number of the original file.
 */
#include <stdlib.h>
#include <string.h>
#include "change/attrib.h"
#include "change/udiff.h"
#include "util/fs.h"
#include "util/str.h"

struct attrib {
	struct driver *d;		/* whose diff is cut into sites */
	const struct driver *conv;	/* the series' own sites, per patch */
	int own_output;			/* d's after side is conv's output */
};

/* Diff labels drop an absolute path's leading slash. */
static int same_path(const char *a, const char *b)
{
	return !strcmp(a + (*a == '/'), b + (*b == '/'));
}

static const struct site *site_with_old(const struct driver *conv,
					const char *file, const char *old)
{
	for (size_t i = 0; i < conv->sites.n; i++) {
		const struct site *s = &conv->sites.v[i];

		if (same_path(s->file, file) && !strcmp(s->old_text, old))
			return s;
	}
	return NULL;
}

/* Follow old -> new through the series (one patch may feed the next). */
static int trace(const struct driver *conv, const struct diff_block *b,
		 struct strbuf *rules, struct strbuf *conf)
{
	const char *text = b->old_text;

	for (int step = 0; step < 8; step++) {
		const struct site *s = site_with_old(conv, b->file, text);

		if (!s)
			return 0;
		if (rules->len) {
			sb_puts(rules, " + ");
			sb_puts(conf, "/");
		}
		sb_puts(rules, s->rule);
		sb_puts(conf, s->confidence);
		if (!strcmp(s->new_text, b->new_text))
			return 1;
		text = s->new_text;
	}
	return 0;
}

static const struct conv_file *file_of(const struct driver *d, const char *disp)
{
	for (size_t i = 0; i < d->nfiles; i++)
		if (same_path(d->files[i].disp, disp))
			return &d->files[i];
	return NULL;
}

/* The series' own output equals the after file: any block is its work. */
static const struct site *same_output_site(const struct attrib *a,
					   const struct diff_block *b)
{
	const struct conv_file *cf = file_of(a->conv, b->file);
	const struct conv_file *af = file_of(a->d, b->file);
	const struct site *best = NULL;

	if (!cf || !cf->work || !af)
		return NULL;
	if (!a->own_output && !same_content(cf->work, af->after))
		return NULL;
	for (size_t i = 0; i < a->conv->sites.n; i++) {
		const struct site *s = &a->conv->sites.v[i];

		if (!same_path(s->file, b->file))
			continue;
		if (!best || abs(s->line - b->old_line) <
			     abs(best->line - b->old_line))
			best = s;
	}
	return best;
}

static void attribute(const struct diff_block *b, void *data)
{
	struct attrib *a = data;
	struct strbuf rules = { 0 }, conf = { 0 };
	struct site s = { 0 };
	const struct site *same;

	s.file = xstrdup(b->file);
	for (size_t i = 0; i < a->d->nfiles; i++)
		if (same_path(a->d->files[i].disp, b->file)) {
			free(s.file);
			s.file = xstrdup(a->d->files[i].disp);
		}
	s.line = b->nold ? b->old_line : b->new_line;
	s.old_text = xstrdup(b->old_text);
	s.new_text = xstrdup(b->new_text);
	if (trace(a->conv, b, &rules, &conf)) {
		s.rule = rules.s;
		s.confidence = conf.s;
	} else {
		same = same_output_site(a, b);
		if (same) {
			s.rule = xstrdup(same->rule);
			s.confidence = xstrdup(same->confidence);
		} else {
			s.rule = xstrdup("hand edit");
			s.confidence = xstrdup(rules.len ?
					       "differs from the series" :
					       "not produced by the series");
		}
		sb_free(&rules);
		sb_free(&conf);
	}
	if (!sl_contains(&a->d->rules, s.rule))
		sl_push(&a->d->rules, s.rule);
	site_push(&a->d->sites, &s);
}

void attribute_sites(struct driver *d, const struct driver *conv,
		     int own_output)
{
	struct attrib a = { d, conv, own_output };

	udiff_walk(d->diff.s, attribute, &a);
}
