// SPDX-License-Identifier: GPL-2.0
/*
 * Returns: which blocks set the return value to an error code (a
 * negative constant) and which kinds of return each block reaches; and,
 * per slot, from which blocks some path gives the slot back to the
 * device ("given back later", for ownership-imbalance).
 */
#include <stdlib.h>

#include "internal.h"

static unsigned char *gives_back_memo;	/* per event: 0 unknown, 1 no, 2 yes */

static void forget_reach(void);

static bool negative(pseudo_t v, int size)
{
	long long x;

	if (!v || v->type != PSEUDO_VAL)
		return false;
	x = v->value;
	if (size > 0 && size < 64)
		x = (long long)((unsigned long long)x << (64 - size)) >> (64 - size);
	return x < 0;
}

static void set_ret_kind(struct basic_block *bb, pseudo_t value, int size,
			 struct basic_block *ret_bb)
{
	struct bb_info *bi = bb && bb != ret_bb ? bb->priv : NULL;

	if (bi && !bi->ret_kind)
		bi->ret_kind = negative(value, size) ? RET_ERROR : RET_NORMAL;
}

/*
 * "if (bad) { reset(); return -EIO; } ... return 0;" may reach us as a
 * select on the branch's condition: the branch's two sides are the two
 * kinds of return.
 */
static void classify_select(struct entrypoint *ep, struct instruction *sel,
			    struct basic_block *ret_bb)
{
	struct basic_block *bb;
	struct instruction *insn;

	FOR_EACH_PTR(ep->bbs, bb) {
		insn = last_instruction(bb->insns);
		if (!insn || insn->opcode != OP_CBR)
			continue;
		if (insn->cond == sel->src1 ||
		    (insn->cond->type == PSEUDO_REG && insn->cond->def->opcode == OP_SET_NE &&
		     insn->cond->def->src1 == sel->src1 && is_zero(insn->cond->def->src2))) {
			set_ret_kind(insn->bb_true, sel->src2, sel->size, ret_bb);
			set_ret_kind(insn->bb_false, sel->src3, sel->size, ret_bb);
			/* a side that is the return block itself: the edge is */
			if (insn->bb_true == ret_bb || insn->bb_false == ret_bb) {
				struct bb_info *bi = bb->priv;
				pseudo_t v = insn->bb_true == ret_bb ? sel->src2 : sel->src3;

				if (bi)
					bi->exit_edge = negative(v, sel->size) ? RET_ERROR : RET_NORMAL;
			}
			return;
		}
	} END_FOR_EACH_PTR(bb);
}

/*
 * Which blocks set the return value to an error code, and which kinds of
 * return each block can reach (a few passes over the blocks; each bit
 * only turns on).
 */
void engine_classify_returns(struct entrypoint *ep, const struct fn_insns *f)
{
	struct instruction *insn;
	pseudo_t src;
	bool changed = true;
	int b, k;

	for (k = 0; k < f->nr_insns; k++) {
		struct instruction *phi;

		if (f->op[k] != OP_RET)
			continue;
		insn = f->insns[k];
		if (!insn->src || insn->src->type != PSEUDO_REG)
			continue;
		phi = insn->src->def;
		if (phi->opcode == OP_SEL) {
			classify_select(ep, phi, insn->bb);
			continue;
		}
		if (phi->opcode != OP_PHI)
			continue;
		FOR_EACH_PTR(phi->phi_list, src) {
			struct instruction *ps;
			struct bb_info *pi;

			ps = src == VOID ? NULL : src->def;
			if (!ps || ps->opcode != OP_PHISOURCE || !ps->bb)
				continue;
			pi = ps->bb->priv;
			if (!pi)
				continue;
			pi->ret_kind = negative(ps->phi_src, ps->size) ? RET_ERROR : RET_NORMAL;
		} END_FOR_EACH_PTR(src);
	}
	for (b = 0; b < engine_nr_bbs; b++)
		engine_bbs[b].reach = engine_bbs[b].ret_kind;
	while (changed) {
		changed = false;
		for (b = engine_nr_bbs - 1; b >= 0; b--) {
			struct basic_block *child;
			unsigned char r = engine_bbs[b].reach;

			if (engine_bbs[b].ret_kind)
				continue;
			FOR_EACH_PTR(engine_bbs[b].bb->children, child) {
				struct bb_info *ci = child->priv;

				if (ci)
					r |= ci->reach;
			} END_FOR_EACH_PTR(child);
			if (r != engine_bbs[b].reach) {
				engine_bbs[b].reach = r;
				changed = true;
			}
		}
	}
	/* what was found for the last function's slots is stale */
	free(gives_back_memo);
	forget_reach();
	gives_back_memo = calloc(engine_cur.nr_events + 1, 1);
	if (!gives_back_memo)
		die("dmacheck: out of memory");
}

static bool gives_back_in(int slot, int b, int from)
{
	int k;

	for (k = from; k < engine_bbs[b].last; k++) {
		const struct event *ev = &engine_cur.events[k];

		if (ev->kind != EV_TO_DEVICE && ev->kind != EV_MAP)
			continue;
		if (ev->slot == slot || (ev->whole && ev->buf == engine_cur.slots[slot].buf))
			return true;
	}
	return false;
}

/*
 * Per slot, lazily: from which blocks (from their start) some path gives
 * it back.  One backward walk over the edges per slot asked about, in
 * place of a forward walk per event.
 */
static unsigned char **slot_reach;
static int nr_slot_reach;
static int *rev_first, *rev_parent;	/* the edges, child to parent */

static void forget_reach(void)
{
	int i;

	for (i = 0; i < nr_slot_reach; i++)
		free(slot_reach[i]);
	free(slot_reach);
	free(rev_first);
	free(rev_parent);
	slot_reach = NULL;
	nr_slot_reach = 0;
	rev_first = rev_parent = NULL;
}

/* The parents of each block, as the children lists say (CSR arrays). */
static void reverse_edges(void)
{
	struct basic_block *child;
	int *fill, b, nr = 0;

	rev_first = calloc(engine_nr_bbs + 2, sizeof(*rev_first));
	fill = calloc(engine_nr_bbs + 1, sizeof(*fill));
	if (!rev_first || !fill)
		die("dmacheck: out of memory");
	for (b = 0; b < engine_nr_bbs; b++) {
		FOR_EACH_PTR(engine_bbs[b].bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci) {
				rev_first[ci - engine_bbs + 1]++;
				nr++;
			}
		} END_FOR_EACH_PTR(child);
	}
	for (b = 0; b < engine_nr_bbs; b++)
		rev_first[b + 1] += rev_first[b];
	rev_parent = malloc((nr + 1) * sizeof(*rev_parent));
	if (!rev_parent)
		die("dmacheck: out of memory");
	for (b = 0; b < engine_nr_bbs; b++) {
		FOR_EACH_PTR(engine_bbs[b].bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci)
				rev_parent[rev_first[ci - engine_bbs] + fill[ci - engine_bbs]++] = b;
		} END_FOR_EACH_PTR(child);
	}
	free(fill);
}

static const unsigned char *reach_of(int slot)
{
	unsigned char *r;
	int *stack, top = 0, b, k;

	if (slot >= nr_slot_reach) {
		slot_reach = realloc(slot_reach, engine_cur.nr_slots * sizeof(*slot_reach));
		if (!slot_reach)
			die("dmacheck: out of memory");
		for (k = nr_slot_reach; k < engine_cur.nr_slots; k++)
			slot_reach[k] = NULL;
		nr_slot_reach = engine_cur.nr_slots;
	}
	if (slot_reach[slot])
		return slot_reach[slot];
	if (!rev_first)
		reverse_edges();
	r = calloc(engine_nr_bbs + 1, 1);
	stack = malloc((engine_nr_bbs + 1) * sizeof(*stack));
	if (!r || !stack)
		die("dmacheck: out of memory");
	for (b = 0; b < engine_nr_bbs; b++) {
		if (gives_back_in(slot, b, engine_bbs[b].first)) {
			r[b] = 1;
			stack[top++] = b;
		}
	}
	while (top) {
		b = stack[--top];
		for (k = rev_first[b]; k < rev_first[b + 1]; k++) {
			int p = rev_parent[k];

			if (!r[p]) {
				r[p] = 1;
				stack[top++] = p;
			}
		}
	}
	free(stack);
	slot_reach[slot] = r;
	return r;
}

/*
 * Is the slot of event @idx given back to the device (a _for_device sync
 * or a map) on some path that starts at that event?  Remembered per
 * event for the event's own slot.
 */
bool engine_gives_back_after(struct engine_ctx *c, int idx, int slot)
{
	struct basic_block *child;
	int b = engine_ev_bb[idx];
	bool found, memo = slot == c->events[idx].slot;

	if (memo && gives_back_memo[idx])
		return gives_back_memo[idx] == 2;
	found = gives_back_in(slot, b, idx + 1);
	if (!found) {
		const unsigned char *r = reach_of(slot);

		FOR_EACH_PTR(engine_bbs[b].bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci && r[ci - engine_bbs])
				found = true;
		} END_FOR_EACH_PTR(child);
	}
	if (memo)
		gives_back_memo[idx] = found ? 2 : 1;
	return found;
}

/* Does every return reachable from the event's block return an error? */
bool engine_error_only(struct engine_ctx *c, const struct event *ev)
{
	return engine_bbs[engine_ev_bb[ev - c->events]].reach == RET_ERROR;
}
