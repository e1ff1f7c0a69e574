// SPDX-License-Identifier: GPL-2.0
/*
 * dmaconv series: the patches a maintainer can apply, one per driver, in
 * kernel form (change/outcome.c reads what the conversion did,
 * render/commit_msg.c words it, render/mail.c writes the mbox files).
 *
 * A driver that still uses the removed API after the change gets no
 * patch (it builds on no 5.10+ kernel) unless --rfc asks for an RFC; a
 * change that is no DMA conversion gets none.  With a kernel tree (the
 * repository itself, or --kernel), the prefix falls back on the lists
 * get_maintainer.pl names, each patch is addressed with it (one series
 * per set of people and lists, with a cover letter when it has more than
 * one patch) and checked with checkpatch.pl --strict; with --kbuild each
 * driver is built with dmacheck before its patch is written.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/series.h"
#include "cmd/usage.h"
#include "cmd/version.h"
#include "change/outcome.h"
#include "change/review.h"
#include "pipeline/changeset.h"
#include "pipeline/cocci.h"
#include "pipeline/kernel_scripts.h"
#include "pipeline/locate.h"
#include "pipeline/review_build.h"
#include "pipeline/runner.h"
#include "render/commit_msg.h"
#include "render/mail.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

static const char usage[] =
"usage: dmaconv series [options] BEFORE AFTER\n"
"       dmaconv series [options] A..B [PATH...]\n"
"       dmaconv series [options] [PATH...]   (git work tree against HEAD)\n"
"\n"
"Turn a converted tree into patches a maintainer can apply, one per\n"
"driver, as mbox files (0001-*.patch) for git am, git send-email and b4:\n"
"subject '<prefix>: use dma_alloc_noncoherent()' (or what the conversion\n"
"did), a body that says why and what, the site log below '---'.  A driver\n"
"that still uses the removed API gets no patch; a change that is no DMA\n"
"conversion has nothing to send.\n"
"\n"
"  -o, --output-directory=DIR  where to write the patches (default: .)\n"
"      --from=\"NAME <EMAIL>\"   author (default: git config user.name/email)\n"
"      --no-signoff            no Signed-off-by: (default: the author's)\n"
"      --rfc                   write '[RFC PATCH]' for a driver that still\n"
"                              uses the removed API (its lines below '---')\n"
"      --kernel=DIR            the kernel tree whose MAINTAINERS and\n"
"                              scripts/{get_maintainer,checkpatch}.pl to use\n"
"                              (default: the repository, if it is one)\n"
"      --kbuild=DIR            a configured O= folder: build each driver\n"
"                              with C=1 CHECK=dmacheck before its patch;\n"
"                              a failed build refuses the patch\n"
"      --no-checkpatch         do not run checkpatch.pl --strict\n"
"  -C DIR                      the git repository (default: .)\n"
"  -q, --quiet                 no progress on stderr\n"
"  -h, --help                  this text\n"
"\n"
"Prints the names of the patches written.  Exit status: 0 done (or\n"
"nothing to send), 1 a driver was refused (named, with its sites), 2\n"
"usage error, 3 a patch could not be written, 4 spatch missing.\n";

struct series_opts {
	const char *outdir, *from, *kernel, *kbuild;
	int no_signoff, rfc, no_checkpatch;
	struct change_opts ch;
};

enum {
	OPT_FROM = 256, OPT_NO_SIGNOFF, OPT_RFC, OPT_KERNEL, OPT_KBUILD,
	OPT_NO_CHECKPATCH
};

static int parse_opts(int argc, char **argv, struct series_opts *o)
{
	static const struct option longs[] = {
		{ "output-directory", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "signoff", no_argument, NULL, 's' },
		{ "no-signoff", no_argument, NULL, OPT_NO_SIGNOFF },
		{ "rfc", no_argument, NULL, OPT_RFC },
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "kbuild", required_argument, NULL, OPT_KBUILD },
		{ "no-checkpatch", no_argument, NULL, OPT_NO_CHECKPATCH },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	o->outdir = ".";
	while ((c = getopt_long(argc, argv, "+o:sC:qh", longs, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->outdir = optarg;
			break;
		case OPT_FROM:
			o->from = optarg;
			break;
		case 's':	/* the default; kept for git's habit */
			o->no_signoff = 0;
			break;
		case OPT_NO_SIGNOFF:
			o->no_signoff = 1;
			break;
		case OPT_RFC:
			o->rfc = 1;
			break;
		case OPT_KERNEL:
			o->kernel = optarg;
			break;
		case OPT_KBUILD:
			o->kbuild = optarg;
			break;
		case OPT_NO_CHECKPATCH:
			o->no_checkpatch = 1;
			break;
		case 'C':
			o->ch.repo = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			exit(EXIT_OK);
		default:
			return usage_error(usage);
		}
	}
	if (o->kernel && !kernel_tree_has_scripts(o->kernel)) {
		err("--kernel=%s: no scripts/checkpatch.pl and MAINTAINERS there",
		    o->kernel);
		return EXIT_USAGE;
	}
	if (o->kbuild && !is_file(path_join(o->kbuild, ".config"))) {
		err("--kbuild=%s: not a configured kernel build folder (no "
		    ".config)", o->kbuild);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static char *git_config(const char *repo, const char *key)
{
	char *const argv[] = { "git", "-C", (char *)repo, "config",
			       (char *)key, NULL };
	struct run_result r;
	char *v = NULL;

	if (!run_cmd(argv, NULL, &r) && !r.status && r.out.len)
		v = trim_dup(r.out.s, r.out.len);
	run_free(&r);
	return v;
}

static char *author(const struct series_opts *o, const char *repo)
{
	char *name, *mail, *a;

	if (o->from)
		return xstrdup(o->from);
	name = git_config(repo, "user.name");
	mail = git_config(repo, "user.email");
	a = xasprintf("%s <%s>", name ? name : "dmaconv",
		      mail ? mail : "dmaconv@localhost");
	free(name);
	free(mail);
	return a;
}

/* One driver's patch before it is numbered into its series. */
struct patch {
	const struct driver *d;
	struct mail m;
	struct strlist to, cc;
	char *key;		/* the maintainer set */
	char *prefix;
};

struct ctx {
	const struct series_opts *o;
	const char *repo, *kernel;
	char *from, *tmp;
	struct resources res;
	struct patch *v;
	size_t n;
	int refused, not_dma, cp_errors, cp_warnings, failed;
};

static void name_sites(const char *what, const struct driver *d)
{
	err("%s: %s; no patch written (--rfc writes an RFC)", d->dir, what);
	for (size_t i = 0; i < d->legacy_after.n; i++)
		fprintf(stderr, "  %s:%d: %s\n", d->legacy_after.v[i].file,
			d->legacy_after.v[i].line,
			d->legacy_after.v[i].old_text);
	for (size_t i = 0; i < d->left.n; i++)
		fprintf(stderr, "  %s:%d: left: %s\n", d->left.v[i].file,
			d->left.v[i].line, d->left.v[i].reason);
}

static int build_driver(struct ctx *c, const struct driver *d,
			struct strbuf *notes)
{
	struct finding_list fl = { 0 };
	struct strbuf log = { 0 };
	int ret = kbuild_driver(c->o->kbuild, c->res.dmacheck, d, &fl, &log);

	if (ret) {
		err("%s: does not build in %s; no patch written", d->dir,
		    c->o->kbuild);
		fputs(log.s ? log.s : "", stderr);
	} else {
		sb_printf(notes, "Built in %s with make C=1 CHECK=dmacheck: ",
			  path_base(c->o->kbuild));
		if (!fl.n)
			sb_puts(notes, "dmacheck silent.\n");
		else
			sb_printf(notes, "%zu dmacheck finding(s):\n", fl.n);
		for (size_t i = 0; i < fl.n; i++)
			sb_printf(notes, "  %s:%d: %s [%s]\n", fl.v[i].file,
				  fl.v[i].line, fl.v[i].message,
				  fl.v[i].check);
	}
	sb_free(&log);
	return ret;
}

/* The people and lists for d, from a draft of its mail. */
static void address(struct ctx *c, struct patch *p)
{
	char *draft;

	if (!c->kernel)
		return;
	draft = path_join(c->tmp, "draft.patch");
	if (!mail_write(draft, &p->m))
		maintainers_of(c->kernel, draft, &p->to, &p->cc);
	free(draft);
}

static char *set_key(const struct patch *p)
{
	struct strbuf sb = { 0 };
	struct strlist all = { 0 };

	for (size_t i = 0; i < p->to.n; i++)
		sl_push(&all, p->to.v[i]);
	for (size_t i = 0; i < p->cc.n; i++)
		sl_push(&all, p->cc.v[i]);
	sl_sort(&all);
	for (size_t i = 0; i < all.n; i++)
		sb_printf(&sb, "%s\n", all.v[i]);
	sl_free(&all);
	return sb.s ? sb.s : xstrdup("");
}

/*
 * What to call d in a subject: the folder's name, or the one changed .c
 * file's (drivers/scsi/sgiwd93.c is sgiwd93, not scsi).
 */
static char *driver_label(const struct driver *d)
{
	const char *one = NULL;
	int n = 0;

	for (size_t k = 0; k < d->nfiles; k++)
		if (d->files[k].changed && ends_with(d->files[k].disp, ".c")) {
			one = path_base(d->files[k].disp);
			n++;
		}
	return n == 1 ? xstrndup(one, strlen(one) - 2) : xstrdup(d->name);
}

static void prepare(struct ctx *c, const struct driver *d)
{
	struct patch *p;
	struct outcome oc;
	struct strbuf notes = { 0 };
	char *label;
	int rfc = 0;

	if (!d->diff.len)
		return;
	if (!d->legacy_before) {
		progress("%s: not a DMA conversion (nothing of the API removed "
			 "in Linux 5.10 before the change); skipped", d->dir);
		c->not_dma++;
		return;
	}
	if (d->legacy_after.n) {
		if (!c->o->rfc) {
			name_sites("still uses the API removed in Linux 5.10 "
				   "after the change", d);
			c->refused++;
			return;
		}
		rfc = 1;
	}
	if (c->o->kbuild && build_driver(c, d, &notes)) {
		c->refused++;
		sb_free(&notes);
		return;
	}
	c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	p = &c->v[c->n++];
	memset(p, 0, sizeof(*p));
	p->d = d;
	outcome_read(d, &oc);
	label = driver_label(d);
	p->prefix = prefix_from_history(c->repo, d);
	p->m.from = c->from;
	p->m.tag = rfc ? "RFC PATCH" : "PATCH";
	p->m.d = d;
	p->m.version = DMACONV_VERSION;
	p->m.subject = xasprintf("%s: draft", label);
	/* c->v moves as it grows: the mail points at its lists only here. */
	p->m.to = &p->to;
	p->m.cc = &p->cc;
	address(c, p);
	p->m.to = p->m.cc = NULL;
	if (!p->prefix)
		p->prefix = prefix_from_lists(&p->cc, label);
	if (!p->prefix)
		p->prefix = xasprintf("%s: %s", d->subsystem, label);
	free(p->m.subject);
	p->m.subject = commit_subject(p->prefix, &oc);
	commit_body(&p->m.body, label, &oc);
	sb_puts(&p->m.body, "\n");
	commit_trailers(&p->m.body, DMACONV_VERSION, &oc,
			c->o->no_signoff ? NULL : c->from);
	commit_notes(&p->m.notes, d);
	if (notes.len)
		sb_puts(&p->m.notes, notes.s);
	sb_free(&notes);
	p->key = set_key(p);
	outcome_free(&oc);
	free(label);
}

static void run_checkpatch(struct ctx *c, const char *path)
{
	struct checkpatch_result cr;
	char *abs = path_abs(path);

	if (!checkpatch_run(c->kernel, abs, &cr)) {
		progress("checkpatch.pl --strict %s: %d error(s), %d "
			 "warning(s), %d check(s)", path_base(path),
			 cr.errors, cr.warnings, cr.checks);
		if (cr.errors || cr.warnings || cr.checks)
			fputs(cr.report.s, stderr);
		c->cp_errors += cr.errors;
		c->cp_warnings += cr.warnings;
	}
	sb_free(&cr.report);
	free(abs);
}

static void write_one(struct ctx *c, const char *dir, const struct mail *m)
{
	char *name = m->d ? mail_name(m->n, m->subject) :
		     xstrdup("0000-cover-letter.patch");
	char *path = path_join(dir, name);

	if (mail_write(path, m)) {
		err("%s: cannot write", path);
		c->failed = 1;
	} else {
		printf("%s\n", path);
		if (m->d && c->kernel && !c->o->no_checkpatch)
			run_checkpatch(c, path);
	}
	free(name);
	free(path);
}

static void cover_letter(struct ctx *c, const char *dir, size_t *members,
			 size_t total)
{
	struct mail m = c->v[members[0]].m;
	struct strbuf t = { 0 };

	m.to = &c->v[members[0]].to;
	m.cc = &c->v[members[0]].cc;
	memset(&m.body, 0, sizeof(m.body));
	memset(&m.notes, 0, sizeof(m.notes));
	m.d = NULL;
	m.n = 0;
	m.total = total;
	for (size_t i = 0; i < total; i++)
		if (strcmp(c->v[members[i]].m.tag, "PATCH"))
			m.tag = "RFC PATCH";
	m.subject = xasprintf("move %zu drivers off the DMA API removed in "
			      "Linux 5.10", total);
	sb_printf(&t, "Linux 5.10 removed dma_cache_sync() and "
		  "DMA_ATTR_NON_CONSISTENT.  These %zu patches move the "
		  "drivers below to the API that replaced them "
		  "(dma_alloc_noncoherent() with dma_sync_single_for_cpu() "
		  "and dma_sync_single_for_device(), or dma_alloc_coherent() "
		  "where nothing synced), one patch per driver.", total);
	wrap_text(&m.body, t.s, 72);
	sb_puts(&m.body, "\n");
	for (size_t i = 0; i < total; i++)
		sb_printf(&m.body, "  %s\n", c->v[members[i]].m.subject);
	sb_puts(&m.body, "\n");
	sb_free(&t);
	sb_printf(&t, "The patches were made by dmaconv %s with the semantic "
		  "patches each names; the site log is below each patch's "
		  "\"---\".", DMACONV_VERSION);
	wrap_text(&m.body, t.s, 72);
	write_one(c, dir, &m);
	sb_free(&t);
	sb_free(&m.body);
	free(m.subject);
}

/* "net-sgiseeq" for a folder per series. */
static char *slug(const char *s)
{
	char *r = mail_name(0, s), *p;

	memmove(r, r + 5, strlen(r + 5) + 1);
	p = strstr(r, ".patch");
	if (p)
		*p = '\0';
	return r;
}

static void write_series(struct ctx *c)
{
	char *done = calloc(c->n + 1, 1);
	size_t *members = xmalloc((c->n + 1) * sizeof(*members));
	size_t groups = 0;

	for (size_t i = 0; i < c->n; i++) {
		size_t k = 0;

		while (k < i && strcmp(c->v[k].key, c->v[i].key))
			k++;
		groups += k == i;
	}
	for (size_t i = 0; i < c->n; i++) {
		size_t total = 0;
		char *dir;

		if (done[i])
			continue;
		for (size_t k = i; k < c->n; k++)
			if (!done[k] && !strcmp(c->v[k].key, c->v[i].key)) {
				done[k] = 1;
				members[total++] = k;
			}
		if (groups > 1) {
			char *s = slug(c->v[i].prefix);

			dir = path_join(c->o->outdir, s);
			free(s);
		} else {
			dir = xstrdup(c->o->outdir);
		}
		if (mkdir_p(dir)) {
			err("%s: cannot create the folder", dir);
			c->failed = 1;
		}
		if (total > 1)
			cover_letter(c, dir, members, total);
		for (size_t k = 0; k < total; k++) {
			struct mail *m = &c->v[members[k]].m;

			m->to = &c->v[members[k]].to;
			m->cc = &c->v[members[k]].cc;
			m->n = k + 1;
			m->total = total;
			write_one(c, dir, m);
		}
		free(dir);
	}
	free(members);
	free(done);
}

static void find_kernel(struct ctx *c)
{
	if (c->o->kernel)
		c->kernel = c->o->kernel;
	else if (kernel_tree_has_scripts(c->repo))
		c->kernel = c->repo;
	if (c->kernel)
		c->kernel = path_abs(c->kernel);
}

int cmd_series(int argc, char **argv)
{
	struct series_opts o = { 0 };
	struct review rv = { 0 };
	struct runner_opts run = RUNNER_OPTS_INIT;
	struct changeset cs;
	struct cocci_series s;
	struct ctx c = { 0 };
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (!ret)
		ret = cocci_prepare(&s);
	if (ret)
		return ret;
	ret = changeset_open(argv + optind, argc - optind, &o.ch, &cs);
	if (ret) {
		changeset_close(&cs);
		return ret;
	}
	c.o = &o;
	c.repo = o.ch.repo ? o.ch.repo : ".";
	c.tmp = make_tmpdir("series");
	locate_resources(&c.res);
	find_kernel(&c);
	c.from = author(&o, c.repo);
	review_build(&cs, &s, &run, 0, &rv);
	for (size_t i = 0; i < rv.ds.n; i++)
		prepare(&c, &rv.ds.v[i]);
	if (c.n && mkdir_p(o.outdir)) {
		err("%s: cannot create the folder", o.outdir);
		c.failed = 1;
	} else {
		write_series(&c);
	}
	if (!c.n && !c.refused)
		fprintf(stderr, "%s: nothing to send: no change moves a driver "
			"off the API removed in Linux 5.10%s\n", progname,
			c.not_dma ? " (the change is no DMA conversion)" : "");
	if (c.kernel && !o.no_checkpatch && c.n)
		progress("checkpatch.pl --strict on %zu patch(es): %d "
			 "error(s), %d warning(s)", c.n, c.cp_errors,
			 c.cp_warnings);
	if (c.tmp)
		rm_rf(c.tmp);
	changeset_close(&cs);
	if (c.failed)
		return EXIT_INPUT;
	return c.refused ? EXIT_FINDINGS : EXIT_OK;
}
