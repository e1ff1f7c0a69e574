// SPDX-License-Identifier: GPL-2.0
/*
 * Read what a conversion did from its sites' new code: the allocation
 * calls (their left-hand side is the buffer, their third argument the
 * handle, the direction where the call has one), the syncs (their
 * handle argument names the buffer they act on) and the frees; and from
 * the old code which of the removed API the driver used.
 */
#include <stdlib.h>
#include <string.h>
#include "change/outcome.h"
#include "util/str.h"

static int is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static const char *find_call(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; (p = strstr(p, name)); p += n) {
		const char *q = p + n;

		if (p > text && is_ident(p[-1]))
			continue;
		while (*q == ' ')
			q++;
		if (*q == '(')
			return p;
	}
	return NULL;
}

/*
 * The arguments of the first call of name in text (trimmed), and what is
 * assigned from it ("x = name(...)": lhs "x").  0 when there is none.
 */
int call_args(const char *text, const char *name, struct strlist *args,
	      char **lhs)
{
	const char *p = find_call(text, name), *a;
	int depth = 0;

	if (!p)
		return 0;
	if (lhs) {
		const char *eq = p;

		*lhs = NULL;
		while (eq > text && (eq[-1] == ' ' || eq[-1] == '('))
			eq--;
		if (eq > text && eq[-1] == '=' && (eq - 1 == text ||
						   !strchr("=!<>", eq[-2]))) {
			const char *start = text, *end = eq - 1;

			for (const char *s = text; s < end; s++)
				if (*s == ';' || *s == '{' || *s == '}')
					start = s + 1;
			*lhs = trim_dup(start, end - start);
		}
	}
	p = strchr(p, '(');
	for (a = p + 1; *p; p++) {
		if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if (*p == ')' || *p == ']' || *p == '}')
			depth--;
		if ((*p == ',' && depth == 1) || depth == 0) {
			sl_push_own(args, trim_dup(a, p - a));
			a = p + 1;
		}
		if (depth == 0)
			break;
	}
	return 1;
}

static struct buffer_use *buffer_by_handle(struct outcome *o, const char *h)
{
	const char *base = h;

	while (*base == '&' || *base == '(' || *base == ' ')
		base++;
	for (size_t i = 0; i < o->n; i++) {
		size_t n = o->v[i].handle ? strlen(o->v[i].handle) : 0;

		if (n && !strncmp(base, o->v[i].handle, n) &&
		    !is_ident(base[n]))
			return &o->v[i];
	}
	return NULL;
}

static struct buffer_use *buffer_add(struct outcome *o, const char *name,
				     const char *handle)
{
	struct buffer_use *b;

	o->v = xrealloc(o->v, (o->n + 1) * sizeof(*o->v));
	b = &o->v[o->n++];
	memset(b, 0, sizeof(*b));
	b->name = xstrdup(name);
	while (*handle == '&' || *handle == ' ')
		handle++;
	b->handle = xstrdup(handle);
	return b;
}

static const struct {
	const char *call;
	enum alloc_kind kind;
	int dir_arg;		/* -1: none */
} allocs[] = {
	{ "dma_alloc_noncoherent", ALLOC_NONCOHERENT, 3 },
	{ "dma_alloc_pages", ALLOC_PAGES, 3 },
	{ "dma_alloc_coherent", ALLOC_COHERENT, -1 },
	{ "dmam_alloc_coherent", ALLOC_COHERENT, -1 },
};

static void read_alloc(struct outcome *o, const struct site *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(allocs); i++) {
		struct strlist args = { 0 };
		char *lhs = NULL;
		struct buffer_use *b;

		if (!call_args(s->new_text, allocs[i].call, &args, &lhs) ||
		    args.n < 3) {
			sl_free(&args);
			free(lhs);
			continue;
		}
		b = buffer_by_handle(o, args.v[2]);
		if (!b)
			b = buffer_add(o, lhs ? lhs : args.v[2], args.v[2]);
		b->kind = allocs[i].kind;
		if (allocs[i].dir_arg >= 0 && (size_t)allocs[i].dir_arg < args.n) {
			free(b->dir);
			b->dir = xstrdup(args.v[allocs[i].dir_arg]);
		}
		sl_free(&args);
		free(lhs);
		return;
	}
}

static void read_sync(struct outcome *o, const struct site *s)
{
	static const char *const syncs[] = { "dma_sync_single_for_device",
					     "dma_sync_single_for_cpu" };

	for (size_t i = 0; i < ARRAY_SIZE(syncs); i++) {
		struct strlist args = { 0 };
		struct buffer_use *b;

		if (!call_args(s->new_text, syncs[i], &args, NULL) ||
		    args.n < 2) {
			sl_free(&args);
			continue;
		}
		b = buffer_by_handle(o, args.v[1]);
		if (!b) {
			char *h = xstrndup(args.v[1], strcspn(args.v[1], " +"));

			b = buffer_add(o, h, h);
			free(h);
		}
		if (i)
			b->for_cpu++;
		else
			b->for_device++;
		sl_free(&args);
	}
}

static void read_free(struct outcome *o, const struct site *s)
{
	static const char *const frees[] = { "dma_free_noncoherent",
		"dma_free_pages", "dma_free_coherent" };

	for (size_t i = 0; i < ARRAY_SIZE(frees); i++) {
		struct strlist args = { 0 };
		struct buffer_use *b;

		if (call_args(s->new_text, frees[i], &args, NULL) &&
		    args.n >= 4) {
			b = buffer_by_handle(o, args.v[3]);
			if (b)
				b->frees++;
		}
		sl_free(&args);
	}
}

void outcome_read(const struct driver *d, struct outcome *o)
{
	memset(o, 0, sizeof(*o));
	/* Allocations first, so the syncs find their buffers. */
	for (size_t i = 0; i < d->sites.n; i++)
		read_alloc(o, &d->sites.v[i]);
	for (size_t i = 0; i < d->sites.n; i++) {
		const struct site *s = &d->sites.v[i];
		struct strlist args = { 0 };

		read_sync(o, s);
		read_free(o, s);
		o->removed_sync |= find_call(s->old_text, "dma_cache_sync") != NULL;
		o->removed_attr |= strstr(s->old_text,
					  "DMA_ATTR_NON_CONSISTENT") != NULL;
		if (call_args(s->old_text, "dma_alloc_noncoherent", &args,
			      NULL) && args.n == 4)
			o->removed_4arg = 1;
		sl_free(&args);
		if (strcmp(s->rule, "hand edit")) {
			char *one = xstrdup(s->rule), *save = NULL, *r;

			for (r = strtok_r(one, " +", &save); r;
			     r = strtok_r(NULL, " +", &save))
				if (!sl_contains(&o->rules, r))
					sl_push(&o->rules, r);
			free(one);
		}
	}
}

enum alloc_kind outcome_main_kind(const struct outcome *o)
{
	enum alloc_kind k = ALLOC_NONE;

	for (size_t i = 0; i < o->n; i++)
		if (o->v[i].kind == ALLOC_NONCOHERENT ||
		    (o->v[i].kind == ALLOC_PAGES && k != ALLOC_NONCOHERENT) ||
		    (o->v[i].kind == ALLOC_COHERENT && k == ALLOC_NONE))
			k = o->v[i].kind;
	return k;
}

void outcome_free(struct outcome *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].name);
		free(o->v[i].handle);
		free(o->v[i].dir);
	}
	free(o->v);
	sl_free(&o->rules);
	memset(o, 0, sizeof(*o));
}
