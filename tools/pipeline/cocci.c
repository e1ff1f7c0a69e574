// SPDX-License-Identifier: GPL-2.0
/*
 * Load cocci/series and each patch's kernel-style header (description,
 * confidence, options), and make sure a usable spatch is installed and
 * reads every patch.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "pipeline/cocci.h"
#include "pipeline/locate.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/str.h"

static char *header_value(const char *line, const char *key)
{
	size_t k = strlen(key);

	if (strncmp(line, key, k))
		return NULL;
	return trim_dup(line + k, strlen(line + k));
}

static void split_words(const char *s, struct strlist *out)
{
	while (*s) {
		const char *e;

		while (isspace((unsigned char)*s))
			s++;
		for (e = s; *e && !isspace((unsigned char)*e); e++)
			;
		if (e > s)
			sl_push_own(out, xstrndup(s, e - s));
		s = e;
	}
}

/* One line of the header block into p and desc; 0 past the block. */
static int header_line(struct cocci_patch *p, const char *line,
		       struct strbuf *desc)
{
	char *v;

	if (starts_with(line, "///")) {
		v = trim_dup(line + 3, strlen(line + 3));
		if (desc->len && *v)
			sb_puts(desc, " ");
		sb_puts(desc, v);
		free(v);
		return 1;
	}
	v = header_value(line, "// Confidence:");
	if (v) {
		free(p->confidence);
		p->confidence = v;
		return 1;
	}
	v = header_value(line, "// Options:");
	if (v) {
		split_words(v, &p->options);
		free(v);
		return 1;
	}
	return starts_with(line, "//");
}

/* Read the header block: lines before the first non-comment line. */
static int load_header(struct cocci_patch *p)
{
	struct strbuf text = { 0 }, desc = { 0 };
	char *line, *save = NULL;

	if (read_file(p->path, &text)) {
		err("%s: cannot read the semantic patch", p->path);
		return -1;
	}
	for (line = strtok_r(text.s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (!header_line(p, line, &desc))
			break;
	p->description = desc.s ? desc.s : xstrdup("");
	if (!p->confidence)
		p->confidence = xstrdup("unknown");
	sb_free(&text);
	return 0;
}

static int add_patch(struct cocci_series *s, const char *dir, const char *name)
{
	struct cocci_patch *p;
	char *tmp, *file = ends_with(name, ".cocci") ? xstrdup(name) :
		     xasprintf("%s.cocci", name);

	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	p = &s->v[s->n];
	memset(p, 0, sizeof(*p));
	tmp = path_join(dir, file);
	/* spatch runs in a work folder: the path must not be relative. */
	p->path = path_abs(tmp);
	free(tmp);
	p->rule = xstrndup(file, strlen(file) - strlen(".cocci"));
	free(file);
	if (!is_file(p->path)) {
		err("%s: listed in %s/series but missing", p->path, dir);
		return -1;
	}
	s->n++;
	return load_header(p);
}

int cocci_load_series(const char *cocci_dir, struct cocci_series *s)
{
	char *series = path_join(cocci_dir, "series");
	struct strbuf text = { 0 };
	char *line, *save = NULL;
	int ret = 0;

	memset(s, 0, sizeof(*s));
	if (read_file(series, &text)) {
		err("%s: cannot read the list of semantic patches "
		    "(set DMACONV_COCCI_DIR or reinstall dmaconv)", series);
		free(series);
		return -1;
	}
	for (line = strtok_r(text.s, "\n", &save); line && !ret;
	     line = strtok_r(NULL, "\n", &save)) {
		char *name = trim_dup(line, strlen(line));

		if (*name && *name != '#')
			ret = add_patch(s, cocci_dir, name);
		free(name);
	}
	if (!ret && !s->n) {
		err("%s: lists no semantic patch", series);
		ret = -1;
	}
	sb_free(&text);
	free(series);
	return ret;
}

const struct cocci_patch *cocci_find(const struct cocci_series *s,
				     const char *rule)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].rule, rule))
			return &s->v[i];
	return NULL;
}

static int version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		long x = strtol(a, (char **)&a, 10);
		long y = strtol(b, (char **)&b, 10);

		if (x != y)
			return x < y ? -1 : 1;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
		if (!isdigit((unsigned char)*a) && !isdigit((unsigned char)*b))
			break;
	}
	return 0;
}

/* One clear message if spatch is missing or older than we support. */
int spatch_check_version(void)
{
	char *const argv[] = { "spatch", "--version", NULL };
	struct run_result r;
	const char *v;
	int ret = 0;

	if (!program_exists("spatch")) {
		err("spatch (Coccinelle) is not installed; install it with: %s",
		    SPATCH_INSTALL_HINT);
		return -1;
	}
	if (run_cmd(argv, NULL, &r) || r.status) {
		err("spatch --version failed; reinstall Coccinelle with: %s",
		    SPATCH_INSTALL_HINT);
		run_free(&r);
		return -1;
	}
	v = strstr(r.out.s, "version ");
	if (!v || version_cmp(v + 8, SPATCH_MIN_VERSION) < 0) {
		char *got = v ? trim_dup(v + 8, strcspn(v + 8, "\n ")) :
			    xstrdup("unknown");

		err("spatch %s is too old: dmaconv needs %s or later; "
		    "upgrade with: %s", got, SPATCH_MIN_VERSION,
		    SPATCH_INSTALL_HINT);
		free(got);
		ret = -1;
	}
	run_free(&r);
	return ret;
}

/* A semantic patch spatch cannot read would fail on every driver: once. */
int cocci_check_patches(const struct cocci_series *s)
{
	int bad = 0;

	for (size_t i = 0; i < s->n; i++) {
		char *const argv[] = { "spatch", "-D", "patch",
				       "--parse-cocci", s->v[i].path, NULL };
		struct run_result r;
		const char *where;

		if (run_cmd(argv, NULL, &r) || r.status) {
			where = strstr(r.out.s, "File \"");
			if (!where)
				where = strstr(r.err.s, "File \"");
			if (!where)
				where = *r.err.s ? r.err.s : r.out.s;
			err("%s: spatch cannot read this semantic patch: %.*s",
			    s->v[i].path, (int)strcspn(where, "\n"), where);
			bad = 1;
		}
		run_free(&r);
	}
	return bad ? -1 : 0;
}

/*
 * What convert, review and series need first: a usable spatch and the
 * series, every patch of which it reads.
 */
int cocci_prepare(struct cocci_series *s)
{
	struct resources res;

	locate_resources(&res);
	if (spatch_check_version())
		return EXIT_TOOL;
	if (cocci_load_series(res.cocci_dir, s) || cocci_check_patches(s))
		return EXIT_TOOL;
	return EXIT_OK;
}
