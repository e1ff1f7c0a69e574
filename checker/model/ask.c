// SPDX-License-Identifier: GPL-2.0
/*
 * The adapter between resolve.c's SSA walk and the driver model
 * (model/model.h, built in the file loop and reached with dmc_model()):
 * resolve.c follows a value within its function to a root (a load of a
 * struct field by type and offset, a global, a call's result) and asks
 * here what that root points into.  The model's answer becomes the
 * checker's buffer and part: one buffer per allocation (two calls that
 * store into the same CPU and handle locations, a coherent-or-noncoherent
 * fallback, are one, marked so), and an offset: a constant one
 * (tx_desc = block + 512), or an unknown one, which is a pointer the
 * driver walks along the allocation (lp->rfd_head = rfd->v_next): the
 * loaded pointer then names the descriptor it holds.
 *
 * Nothing here learns: every fact comes from the model.
 */
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "hashmap.h"
#include "model.h"

struct alloc_entry {
	struct hashmap_key key;
	struct buffer *buf;
};

/* dm_alloc -> the checker's buffer for it (and for every call of its group) */
static struct hashmap alloc_bufs = HASHMAP_INIT(struct alloc_entry);

static bool alloc_coherent(const struct dm_alloc *a)
{
	const struct dma_api *api = api_lookup(a->call, a->nargs);

	if (!api)
		return false;
	if (api->family == FAM_COHERENT)
		return true;
	return api->family == FAM_ATTRS && !a->legacy;
}

/* The model's rule: calls that store into the same CPU and handle locations are one buffer. */
static bool one_buffer(const struct dm_alloc *a, const struct dm_alloc *b)
{
	return a == b || (a->cpu_loc && a->cpu_loc == b->cpu_loc &&
			  a->handle_loc && a->handle_loc == b->handle_loc);
}

static struct buffer *alloc_buffer(struct dm_alloc *a)
{
	struct model *m = dmc_model();
	struct alloc_entry *e = hashmap_find(&alloc_bufs, a, 0);
	struct dm_alloc *first = NULL;
	struct buffer *buf;
	bool coherent = false, noncoherent = false;
	int i, n, group = 0;

	if (e)
		return e->buf;
	n = model_nr_allocs(m);
	for (i = 0; i < n; i++) {
		struct dm_alloc *o = model_alloc(m, i);

		if (!one_buffer(a, o))
			continue;
		if (!group++)
			first = o;
		if (alloc_coherent(o))
			coherent = true;
		else
			noncoherent = true;
	}
	e = first && first != a ? hashmap_find(&alloc_bufs, first, 0) : NULL;
	if (e) {
		buf = e->buf;
	} else {
		buf = resolve_new_buffer(a->cpu && strcmp(a->cpu, "-") ? a->cpu : NULL);
		/* one field, two allocations: a fallback chosen at run time */
		buf->ambiguous = group > 1;
		if (coherent && noncoherent)
			buf->mixed_coherence = true;
		/* a size written as a number: known before this file's own calls (another file's allocation) */
		if (a->size && group == 1) {
			char *end;
			long long v = strtoll(a->size, &end, 0);

			if (end != a->size && !*end && v > 0)
				buf->size = v;
		}
	}
	e = hashmap_add(&alloc_bufs, a, 0);
	e->buf = buf;
	return buf;
}

struct buffer *resolve_ask_alloc_at(struct position pos)
{
	struct model *m = dmc_model();
	struct dm_alloc *a = m ? model_alloc_at(m, pos) : NULL;

	return a ? alloc_buffer(a) : NULL;
}

static bool target_ref(const struct dm_target *t, int role, pseudo_t load, struct bufref *ref)
{
	if (role == ROLE_SGT || !t->alloc ||
	    t->kind != (role == ROLE_HANDLE ? DM_HANDLE : DM_ALLOC))
		return false;
	memset(ref, 0, sizeof(*ref));
	ref->buf = alloc_buffer(t->alloc);
	ref->offset_known = true;
	if (t->off.kind == OFF_CONST) {
		ref->offset = t->off.value;
	} else if (load) {
		/* walked along the allocation: the pointer names the descriptor */
		ref->anchor = load;
		ref->akey = resolve_key(load);
	}
	return true;
}

static struct symbol *base_type(struct symbol *t)
{
	while (t && t->type == SYM_NODE)
		t = t->ctype.base_type;
	return t;
}

bool resolve_ask_field(struct symbol *st, long long offset, int role, pseudo_t load,
		       struct bufref *ref)
{
	struct model *m = dmc_model();
	struct dm_target t;

	if (!m || !st || offset < 0)
		return false;
	t = model_field(m, st, offset);
	return target_ref(&t, role, load, ref);
}

bool resolve_ask_global(struct symbol *sym, long long offset, int role, pseudo_t load,
			struct bufref *ref)
{
	struct model *m = dmc_model();
	struct symbol *t = base_type(sym->ctype.base_type);
	struct dm_target tg;

	if (!m || !t)
		return false;
	if (t->type == SYM_STRUCT || t->type == SYM_UNION)
		return resolve_ask_field(t, offset, role, load, ref);
	if (offset)
		return false;
	tg = model_global(m, sym);
	return target_ref(&tg, role, load, ref);
}

bool resolve_ask_call(struct symbol *fn, int role, pseudo_t value, struct bufref *ref)
{
	struct model *m = dmc_model();
	struct dm_target t;

	if (!m || !fn)
		return false;
	t = model_call_result(m, fn);
	return target_ref(&t, role, value, ref);
}

int resolve_ask_translator(struct symbol *fn)
{
	struct model *m = dmc_model();
	int i;

	if (!m || !fn || !fn->ident)
		return -1;
	for (i = 0; i < model_nr_allocs(m); i++) {
		const struct dm_alloc *a = model_alloc(m, i);

		if (a->translator && !a->translator_is_macro && a->translator_ptr >= 0 &&
		    !strcmp(a->translator, dmc_ident_name(fn->ident)))
			return a->translator_ptr;
	}
	return -1;
}
