// SPDX-License-Identifier: GPL-2.0
/*
 * What sparse's errors on a file mean for its check, in the child:
 *
 * - an error inside a function body drops statements there (sparse
 *   leaves the expression out, or the rest of the block): the analysis
 *   misses them, so the file is "partial" and the lines are named;
 * - an error elsewhere (a declaration, the file's structure) makes it
 *   an "error";
 * - the removed API used in a tree that no longer declares it (5.10+)
 *   needs include/dmaconv/legacy-dma.h: the file is checked again with
 *   it force-included.
 *
 * sparse says all of this only as its error lines (on stderr, which the
 * child's parent gave it as a file): they are read back from there.  The
 * messages that mean "the removed API is not declared" are a table with
 * a test each (tests/checker/run.sh), so a sparse that words them
 * differently fails the suite instead of losing legacy sites.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dmacheck.h"
#include "front.h"
#include "child.h"
#include "scope.h"

/* sparse's errors when a 5.10+ tree meets the removed API. */
static const char *const removed_api_errors[] = {
	"undefined identifier 'dma_cache_sync'",
	"undefined identifier 'DMA_ATTR_NON_CONSISTENT'",
	"not enough arguments for function dma_alloc_noncoherent",
	"not enough arguments for function dma_free_noncoherent",
};

/* The names best effort may have declared implicitly instead. */
static const char *const removed_api_names[] = {
	"dma_cache_sync", "DMA_ATTR_NON_CONSISTENT",
};

long dmc_stderr_mark(void)
{
	struct stat st;

	fflush(stderr);
	return fstat(STDERR_FILENO, &st) ? 0 : st.st_size;
}

/* "path:line:col: <prefix>error: message": false for other lines. */
static bool parse_error_line(char *line, struct dmc_sparse_error *e)
{
	char key[300], *at, *colon;

	snprintf(key, sizeof(key), ": %serror: ", dmc_opt.diag_prefix);
	at = strstr(line, key);
	if (!at)
		return false;
	e->msg = at + strlen(key);
	*at = '\0';
	colon = strrchr(line, ':');	/* before the column */
	if (!colon)
		return false;
	*colon = '\0';
	e->column = atoi(colon + 1);
	colon = strrchr(line, ':');	/* before the line */
	if (!colon)
		return false;
	*colon = '\0';
	e->line = atoi(colon + 1);
	e->file = line;
	return true;
}

int dmc_sparse_errors(long from, struct dmc_sparse_error **out)
{
	struct stat st;
	char *text, *line, *next;
	int nr = 0, cap = 0;
	long len;

	*out = NULL;
	fflush(stderr);
	if (fstat(STDERR_FILENO, &st) || st.st_size <= from)
		return 0;
	len = st.st_size - from;
	text = malloc(len + 1);
	if (!text || pread(STDERR_FILENO, text, len, from) != len) {
		free(text);
		return 0;
	}
	text[len] = '\0';
	for (line = text; line && *line; line = next) {
		struct dmc_sparse_error e;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!parse_error_line(line, &e))
			continue;
		if (nr == cap)
			*out = dmc_grow(*out, &cap, sizeof(**out));
		(*out)[nr].file = strdup(e.file);
		(*out)[nr].msg = strdup(e.msg);
		(*out)[nr].line = e.line;
		(*out)[nr].column = e.column;
		nr++;
	}
	free(text);
	return nr;
}

void dmc_free_sparse_errors(struct dmc_sparse_error *v, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		free(v[i].file);
		free(v[i].msg);
	}
	free(v);
}

/* Does the tree (or the command line's headers) still have the old API? */
static bool tree_has_removed_api(void)
{
	struct symbol *sym = lookup_symbol(built_in_ident("DMA_ATTR_NON_CONSISTENT"),
					   NS_MACRO | NS_UNDEF);

	return sym && sym->namespace == NS_MACRO;
}

/* Declared only by best effort's implicit declarations? */
static bool implicitly_declared(const char *name)
{
	struct symbol *sym = lookup_symbol(built_in_ident(name), NS_SYMBOL);
	const char *stream = sym ? stream_name(sym->pos.stream) : NULL;

	return stream && strstr(stream, "dmaconv-implicit.h");
}

bool dmc_needs_legacy_header(const struct dmc_sparse_error *errs, int nr)
{
	unsigned int k;
	int i;

	if (tree_has_removed_api())
		return false;
	for (i = 0; i < nr; i++)
		for (k = 0; k < ARRAY_SIZE(removed_api_errors); k++)
			if (strstr(errs[i].msg, removed_api_errors[k]))
				return true;
	for (k = 0; k < ARRAY_SIZE(removed_api_names); k++)
		if (implicitly_declared(removed_api_names[k]))
			return true;
	return false;
}

/* ---- which function an error is in ---- */

struct body {
	int stream;
	struct position start;		/* the body's '{' */
	struct symbol *fn;
};

static struct {
	struct body *v;
	int nr, cap;
	struct position *marks;		/* every top-level declaration */
	int nr_marks, cap_marks;
} top;

static bool before(struct position a, struct position b)
{
	return a.line < b.line || (a.line == b.line && a.pos < b.pos);
}

static void add_scope(struct scope *scope)
{
	struct symbol *sym;

	if (!scope)
		return;
	FOR_EACH_PTR(scope->symbols, sym) {
		struct symbol *base = sym->ctype.base_type;
		struct statement *body = NULL;

		if (top.nr_marks == top.cap_marks)
			top.marks = dmc_grow(top.marks, &top.cap_marks, sizeof(*top.marks));
		top.marks[top.nr_marks++] = sym->pos;
		if (sym->namespace == NS_SYMBOL && base && base->type == SYM_FN)
			body = base->stmt ? base->stmt : base->inline_stmt;
		if (!body)
			continue;
		if (top.nr == top.cap)
			top.v = dmc_grow(top.v, &top.cap, sizeof(*top.v));
		top.v[top.nr].stream = body->pos.stream;
		top.v[top.nr].start = body->pos;
		top.v[top.nr].fn = sym;
		top.nr++;
	} END_FOR_EACH_PTR(sym);
}

/* The function whose body holds line @line of @file, or NULL. */
static struct symbol *function_at(const char *file, int line)
{
	struct symbol *best = NULL;
	struct position at = { .line = line, .pos = 0 }, start = { 0 };
	int i;

	for (i = 0; i < top.nr; i++) {
		const struct body *b = &top.v[i];

		if (strcmp(stream_name(b->stream), file) || b->start.line > line)
			continue;
		if (!best || before(start, b->start)) {
			best = b->fn;
			start = b->start;
		}
	}
	if (!best)
		return NULL;
	/* a declaration between the body's start and the error ends the body */
	for (i = 0; i < top.nr_marks; i++) {
		struct position p = top.marks[i];

		if (p.stream == start.stream && before(start, p) && p.line < at.line &&
		    !(p.line == start.line))
			return NULL;
	}
	return best;
}

bool dmc_report_dropped(const char *tu, const struct dmc_sparse_error *errs, int nr,
			FILE *records)
{
	bool outside = false;
	int i;

	top.nr = top.nr_marks = 0;
	add_scope(file_scope);
	add_scope(global_scope);
	for (i = 0; i < nr; i++) {
		/* an error at the end of the input: something was never closed */
		struct symbol *fn = errs[i].column ?
				    function_at(errs[i].file, errs[i].line) : NULL;
		char line[16];
		const char *f[5];

		if (!fn) {
			outside = true;
			continue;
		}
		snprintf(line, sizeof(line), "%d", errs[i].line);
		f[0] = tu;
		f[1] = errs[i].file;
		f[2] = line;
		f[3] = dmc_ident_name(fn->ident);
		f[4] = errs[i].msg;
		dmc_rec_write(records, 'D', 5, f);
	}
	return outside;
}
