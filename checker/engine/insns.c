// SPDX-License-Identifier: GPL-2.0
/*
 * The instructions that make events, picked once per function (see
 * struct fn_insns): the passes walk these, not all of libsparse's.
 */
#include <stdlib.h>

#include "hashmap.h"
#include "internal.h"

/*
 * The instructions that make events (calls, loads, stores, returns) of
 * one function, block by block.  The linearized code does not change
 * once built, and every function is extracted six times (two rounds in
 * each of three passes): walking every instruction each time strays
 * over all of libsparse's memory for a large function, so the few that
 * matter are picked once.
 */

static struct fn_insns *fn_cache;
static int nr_fn_cache, cap_fn_cache;

/* entrypoint -> its fn_cache index: a file of 40,000 functions is not a scan per function */
struct fn_index {
	struct hashmap_key key;
	int index;
};
static struct hashmap fn_by_ep = HASHMAP_INIT(struct fn_index);

static bool makes_events(const struct instruction *insn)
{
	switch (insn->opcode) {
	case OP_CALL:
	case OP_INLINED_CALL:
	case OP_STORE:
	case OP_LOAD:
	case OP_RET:
		return true;
	default:
		return false;
	}
}

static void pick_insns(struct fn_insns *f, struct entrypoint *ep)
{
	struct basic_block *bb;
	struct instruction *insn;
	int i = 0, nr = 0, cap = 0, k;

	f->ep = ep;
	f->calls_priv = NULL;
	f->nr_bbs = ptr_list_size((struct ptr_list *)ep->bbs);
	f->bbs = malloc((f->nr_bbs + 1) * sizeof(*f->bbs));
	f->end = malloc((f->nr_bbs + 1) * sizeof(*f->end));
	f->insns = NULL;
	if (!f->bbs || !f->end)
		die("dmacheck: out of memory");
	FOR_EACH_PTR(ep->bbs, bb) {
		f->bbs[i] = bb;
		FOR_EACH_PTR(bb->insns, insn) {
			if (!insn->bb || !makes_events(insn))
				continue;
			if (nr == cap)
				f->insns = dmc_grow(f->insns, &cap, sizeof(*f->insns));
			f->insns[nr++] = insn;
		} END_FOR_EACH_PTR(insn);
		f->end[i++] = nr;
	} END_FOR_EACH_PTR(bb);
	f->nr_insns = nr;
	f->calls = malloc((nr + 1) * sizeof(*f->calls));
	f->op = malloc(nr + 1);
	if (!f->calls || !f->op)
		die("dmacheck: out of memory");
	f->nr_calls = 0;
	for (k = 0; k < nr; k++) {
		f->op[k] = f->insns[k]->opcode;
		if (f->op[k] == OP_CALL || f->op[k] == OP_INLINED_CALL)
			f->calls[f->nr_calls++] = f->insns[k];
	}
}

/* The instructions of @ep, picked the first time it is asked for. */
const struct fn_insns *engine_insns_of(struct entrypoint *ep)
{
	struct fn_index *e = hashmap_find(&fn_by_ep, ep, 0);

	if (e)
		return &fn_cache[e->index];
	if (nr_fn_cache == cap_fn_cache)
		fn_cache = dmc_grow(fn_cache, &cap_fn_cache, sizeof(*fn_cache));
	pick_insns(&fn_cache[nr_fn_cache], ep);
	e = hashmap_add(&fn_by_ep, ep, 0);
	e->index = nr_fn_cache;
	return &fn_cache[nr_fn_cache++];
}

struct instruction *const *engine_calls(struct entrypoint *ep, int *nr, void ***priv)
{
	struct fn_insns *f = (struct fn_insns *)engine_insns_of(ep);

	*nr = f->nr_calls;
	*priv = &f->calls_priv;
	return f->calls;
}
