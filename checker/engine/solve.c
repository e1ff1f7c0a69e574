// SPDX-License-Identifier: GPL-2.0
/*
 * The data-flow: a forward pass over the basic blocks with one state per
 * slot.  States merge at joins; the lattice is small, blocks wait in a
 * heap in reverse post-order (a join after its parents) and are
 * revisited only when their input grows, so the cost stays linear in the
 * size of the function; a work limit stops pathological cases.  Once the
 * states are stable, the events are replayed once and every registered
 * check sees each event with the state before it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The checks' on_event and on_point hooks, in check_list.h order. */
#define MAX_HOOKS (NR_CHECKS + 8)

static const struct dmc_hooks *event_hooks[MAX_HOOKS], *point_hooks[MAX_HOOKS];
static int nr_event_hooks, nr_point_hooks;

void engine_register(const struct dmc_hooks *h)
{
	if (nr_event_hooks == MAX_HOOKS || nr_point_hooks == MAX_HOOKS)
		die("dmacheck: too many hooks");
	if (h->on_event)
		event_hooks[nr_event_hooks++] = h;
	if (h->on_point)
		point_hooks[nr_point_hooks++] = h;
}

static void init_state(struct slot_state *st)
{
	int i;

	for (i = 0; i < engine_cur.nr_slots; i++) {
		memset(&st[i], 0, sizeof(st[i]));
		st[i].owner = OWN_ENTRY;
		st[i].owner_ev = st[i].dirty_ev = st[i].taken_ev = st[i].read_ev = -1;
		st[i].dev_write_ev = st[i].dev_handoff_ev = -1;
	}
}

static int pick_ev(int a, int b)
{
	return a >= 0 ? a : b;
}

static unsigned char join_owner(const struct slot_state *a, const struct slot_state *b,
				bool descriptor)
{
	if (a->owner == b->owner)
		return a->owner;
	if (a->owner == OWN_NONE)
		return b->owner;
	if (b->owner == OWN_NONE)
		return a->owner;
	if ((a->owner == OWN_CPU && a->taken && b->owner == OWN_DEVICE) ||
	    (b->owner == OWN_CPU && b->taken && a->owner == OWN_DEVICE))
		return OWN_MIXED;
	/*
	 * A descriptor (a part an index names) taken here on one path and
	 * left as the caller left it on another: a loop that runs zero
	 * times or ends early.
	 */
	if (descriptor &&
	    ((a->owner == OWN_CPU && a->taken && b->owner != OWN_CPU && b->owner != OWN_FREED) ||
	     (b->owner == OWN_CPU && b->taken && a->owner != OWN_CPU && a->owner != OWN_FREED)))
		return OWN_MIXED;
	if ((a->owner == OWN_MIXED && (b->owner == OWN_CPU || b->owner == OWN_DEVICE)) ||
	    (b->owner == OWN_MIXED && (a->owner == OWN_CPU || a->owner == OWN_DEVICE)))
		return OWN_MIXED;
	return OWN_UNKNOWN;
}

/* Join @b into @a, the states of slot @slot on two paths. */
static void join_state(struct slot_state *a, const struct slot_state *b, int slot)
{
	unsigned char a_owner = a->owner;

	a->owner = join_owner(a, b, engine_cur.slots[slot].akey != 0);
	a->dirty |= b->dirty;
	a->taken |= b->taken;
	a->read_early |= b->read_early;
	a->unmapped &= b->unmapped;
	a->owner_ev = pick_ev(a->owner_ev, b->owner_ev);
	a->dirty_ev = pick_ev(a->dirty_ev, b->dirty_ev);
	/*
	 * The take a path leaves with the CPU; else the latest take: the one
	 * the paths after the join follow.
	 */
	if ((a_owner == OWN_CPU) != (b->owner == OWN_CPU) && a->taken_ev >= 0 && b->taken_ev >= 0)
		a->taken_ev = a_owner == OWN_CPU ? a->taken_ev : b->taken_ev;
	else
		a->taken_ev = a->taken_ev > b->taken_ev ? a->taken_ev : b->taken_ev;
	a->read_ev = pick_ev(a->read_ev, b->read_ev);
	a->dev_write |= b->dev_write;
	a->dev_write_ev = pick_ev(a->dev_write_ev, b->dev_write_ev);
	a->dev_handoff_ev = pick_ev(a->dev_handoff_ev, b->dev_handoff_ev);
}

/* The input of @bb: the join of the outputs of its visited parents. */
static bool block_input(struct basic_block *bb, struct slot_state *in)
{
	struct basic_block *parent;
	bool have = false;
	int i;

	if (bb == engine_cur.ep->entry->bb) {
		init_state(in);
		have = true;
	}
	FOR_EACH_PTR(bb->parents, parent) {
		struct bb_info *pi = parent->priv;

		if (!pi || !pi->out)
			continue;
		if (!have) {
			memcpy(in, pi->out, engine_cur.nr_slots * sizeof(*in));
			have = true;
			continue;
		}
		for (i = 0; i < engine_cur.nr_slots; i++)
			join_state(&in[i], &pi->out[i], i);
	} END_FOR_EACH_PTR(parent);
	return have;
}

static void set_owner(struct slot_state *st, unsigned char owner, int ev)
{
	st->owner = owner;
	st->owner_ev = ev;
}

static void apply_one(struct slot_state *st, const struct event *ev, int idx)
{
	switch (ev->kind) {
	case EV_ALLOC:
		memset(st, 0, sizeof(*st));
		st->dirty_ev = st->taken_ev = st->read_ev = -1;
		st->dev_write_ev = st->dev_handoff_ev = -1;
		set_owner(st, OWN_CPU, idx);
		break;
	case EV_MAP:
		set_owner(st, OWN_DEVICE, idx);
		st->dirty = false;
		st->unmapped = false;
		st->taken = false;
		break;
	case EV_UNMAP:
		set_owner(st, OWN_CPU, idx);
		st->unmapped = true;
		st->taken = false;
		st->dev_write = false;
		break;
	case EV_FREE:
		set_owner(st, OWN_FREED, idx);
		st->dev_write = false;
		break;
	case EV_TO_DEVICE:
		set_owner(st, OWN_DEVICE, idx);
		st->dirty = false;
		st->taken = false;
		/*
		 * a store made while the device owned it, written back: the
		 * "update a descriptor and sync it" idiom
		 */
		st->dev_write = false;
		break;
	case EV_TO_CPU:
		st->dev_write = false;
		set_owner(st, OWN_CPU, idx);
		st->taken = !ev->legacy;
		st->taken_ev = idx;
		st->dirty = false;
		st->read_early = false;
		break;
	case EV_READ:
		if (st->owner == OWN_ENTRY && !st->read_early) {
			st->read_early = true;
			st->read_ev = idx;
		}
		break;
	case EV_WRITE:
		/* after an unmap the next map writes the CPU's stores back */
		if ((st->owner == OWN_CPU || st->owner == OWN_ENTRY) && !st->dirty &&
		    !st->unmapped) {
			st->dirty = true;
			st->dirty_ev = idx;
		}
		if (st->owner == OWN_DEVICE && !st->dev_write) {
			st->dev_write = true;
			st->dev_write_ev = idx;
			st->dev_handoff_ev = st->owner_ev;
		}
		break;
	default:
		break;
	}
}

static bool overlap(const struct slot *a, const struct slot *b)
{
	return (a->hi < 0 || b->lo < a->hi) && (b->hi < 0 || a->lo < b->hi);
}

/*
 * A partial _for_device sync writes back the CPU's stores to every part
 * it overlaps (the same descriptor, seen through another size).
 */
static void write_back_overlaps(struct slot_state *st, const struct event *ev)
{
	const struct slot *s = &engine_cur.slots[ev->slot];
	int i;

	for (i = engine_whole_slot(s->buf); i >= 0; i = engine_slot_next[i]) {
		const struct slot *o = &engine_cur.slots[i];

		if (i == ev->slot || i == s->buf->slot || o->akey != s->akey ||
		    !overlap(s, o))
			continue;
		st[i].dev_write = false;
		st[i].dirty = false;
	}
}

static void call_event_hooks(const struct event *ev, int slot, const struct slot_state *st)
{
	int h;

	if (!engine_cur.reporting)
		return;
	for (h = 0; h < nr_event_hooks; h++)
		event_hooks[h]->on_event(&engine_cur, ev, slot, st);
}

/*
 * A kick or a return: an event on every slot, then what must hold there,
 * slot by slot.
 */
static void call_point_hooks(const struct event *ev, struct slot_state *states)
{
	int h, i;

	if (!engine_cur.reporting)
		return;
	for (i = 0; i < engine_cur.nr_slots; i++)
		call_event_hooks(ev, i, &states[i]);
	for (i = 0; i < engine_cur.nr_slots; i++)
		for (h = 0; h < nr_point_hooks; h++)
			point_hooks[h]->on_point(&engine_cur, ev, i, &states[i]);
}

/*
 * At the return, the checks judge the paths that return normally: a
 * path that returns an error code (a negative constant) is a failure
 * path, where drivers leave buffers as they are.
 */
static void apply(struct slot_state *st, int idx);

static void ret_hooks(const struct event *ev, struct slot_state *st)
{
	struct basic_block *parent, *bb = engine_bbs[engine_ev_bb[ev - engine_cur.events]].bb;
	struct slot_state *normal = NULL;
	bool any_error = false;
	int i;

	FOR_EACH_PTR(bb->parents, parent) {
		struct bb_info *pi = parent->priv;

		if (!pi || !pi->out)
			continue;
		if (pi->ret_kind == RET_ERROR || pi->exit_edge == RET_ERROR) {
			any_error = true;
			continue;
		}
		if (!normal) {
			normal = malloc((engine_cur.nr_slots + 1) * sizeof(*normal));
			if (!normal)
				die("dmacheck: out of memory");
			memcpy(normal, pi->out, engine_cur.nr_slots * sizeof(*normal));
		} else {
			for (i = 0; i < engine_cur.nr_slots; i++)
				join_state(&normal[i], &pi->out[i], i);
		}
	} END_FOR_EACH_PTR(parent);
	if (!any_error) {
		call_point_hooks(ev, st);
	} else if (normal) {
		/* the return block's own events, up to the return, quietly */
		int b = engine_ev_bb[ev - engine_cur.events], k;

		engine_cur.reporting = false;
		for (k = engine_bbs[b].first; k < ev - engine_cur.events; k++)
			apply(normal, k);
		engine_cur.reporting = true;
		call_point_hooks(ev, normal);
	}
	free(normal);
}


static void apply(struct slot_state *st, int idx)
{
	const struct event *ev = &engine_cur.events[idx];
	int i;

	if (ev->kind == EV_RET && engine_cur.reporting) {
		ret_hooks(ev, st);
		return;
	}
	if (ev->kind == EV_KICK || ev->kind == EV_RET) {
		call_point_hooks(ev, st);
		if (ev->kind == EV_KICK)
			for (i = 0; i < engine_cur.nr_slots; i++)
				st[i].dirty = false;
		return;
	}
	if (!ev->whole) {
		call_event_hooks(ev, ev->slot, &st[ev->slot]);
		apply_one(&st[ev->slot], ev, idx);
		if (ev->kind == EV_TO_DEVICE)
			write_back_overlaps(st, ev);
		return;
	}
	for (i = ev->slot; i >= 0; i = engine_slot_next[i]) {
		call_event_hooks(ev, i, &st[i]);
		apply_one(&st[i], ev, idx);
		/*
		 * A take of the whole buffer (a dump, a reset) is the whole
		 * slot's to balance: a descriptor it covers is the CPU's,
		 * but not taken by it, so a loop that later hands that
		 * descriptor back does not make the take "given back on
		 * some paths".
		 */
		if (ev->kind == EV_TO_CPU && i != ev->slot && engine_cur.slots[i].akey)
			st[i].taken = false;
	}
}

/*
 * Number the blocks reachable from the entry in reverse post-order: a
 * block comes after all its parents but those that close a loop.
 */
static int number_rpo(void)
{
	struct rpo_frame {
		int b;
		int next;	/* the next of its children to look at */
	} *stack;
	struct bb_info *e = engine_cur.ep->entry->bb->priv;
	int *first, *child_of, nr_edges = 0, top = 0, post = 0, i;
	struct basic_block *child;

	/*
	 * The children as arrays first: a walk that stops in the middle of
	 * a ptr list and comes back later is awkward with FOR_EACH_PTR.
	 */
	for (i = 0; i < engine_nr_bbs; i++)
		nr_edges += ptr_list_size((struct ptr_list *)engine_bbs[i].bb->children);
	first = malloc((engine_nr_bbs + 1) * sizeof(*first));
	child_of = malloc((nr_edges + 1) * sizeof(*child_of));
	stack = malloc((engine_nr_bbs + 1) * sizeof(*stack));
	if (!first || !child_of || !stack)
		die("dmacheck: out of memory");
	nr_edges = 0;
	for (i = 0; i < engine_nr_bbs; i++) {
		first[i] = nr_edges;
		FOR_EACH_PTR(engine_bbs[i].bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci)
				child_of[nr_edges++] = ci - engine_bbs;
		} END_FOR_EACH_PTR(child);
		engine_bbs[i].rpo = -1;
	}
	first[engine_nr_bbs] = nr_edges;
	/* -2: on the stack; numbered once all its children are done */
	e->rpo = -2;
	stack[top++] = (struct rpo_frame){ e - engine_bbs, first[e - engine_bbs] };
	while (top) {
		struct rpo_frame *f = &stack[top - 1];

		while (f->next < first[f->b + 1] && engine_bbs[child_of[f->next]].rpo != -1)
			f->next++;
		if (f->next < first[f->b + 1]) {
			int c = child_of[f->next++];

			engine_bbs[c].rpo = -2;
			stack[top++] = (struct rpo_frame){ c, first[c] };
			continue;
		}
		engine_bbs[f->b].rpo = post++;
		top--;
	}
	free(first);
	free(child_of);
	free(stack);
	for (i = 0; i < engine_nr_bbs; i++)
		if (engine_bbs[i].rpo >= 0)
			engine_bbs[i].rpo = post - 1 - engine_bbs[i].rpo;
	return post;
}

/*
 * The output states of all reached blocks, one run of slots per block in
 * reverse post-order: one allocation kept from function to function
 * instead of one per block, and a block's parents mostly sit near it.
 */
static struct slot_state *state_pool;
static size_t cap_pool;

static void reserve_states(int reached)
{
	size_t need = (size_t)reached * engine_cur.nr_slots + 1;

	if (need <= cap_pool)
		return;
	free(state_pool);
	state_pool = malloc(need * sizeof(*state_pool));
	if (!state_pool)
		die("dmacheck: out of memory");
	cap_pool = need;
}

/*
 * The blocks waiting for a visit, lowest reverse post-order number
 * first (a binary heap): a join waits until its parents have settled,
 * so it is visited about once instead of once per parent.
 */
struct block_heap {
	int *v;
	int nr;
};

static bool heap_before(const struct block_heap *h, int a, int b)
{
	return engine_bbs[h->v[a]].rpo < engine_bbs[h->v[b]].rpo;
}

static void heap_swap(struct block_heap *h, int a, int b)
{
	int t = h->v[a];

	h->v[a] = h->v[b];
	h->v[b] = t;
}

static void heap_push(struct block_heap *h, int b)
{
	int i = h->nr++;

	h->v[i] = b;
	while (i && heap_before(h, i, (i - 1) / 2)) {
		heap_swap(h, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static int heap_pop(struct block_heap *h)
{
	int top = h->v[0], i = 0;

	h->v[0] = h->v[--h->nr];
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;

		if (l < h->nr && heap_before(h, l, m))
			m = l;
		if (r < h->nr && heap_before(h, r, m))
			m = r;
		if (m == i)
			break;
		heap_swap(h, i, m);
		i = m;
	}
	return top;
}

/* Run the data-flow to a fixed point; false if the work limit hit. */
bool engine_solve(void)
{
	struct block_heap queue = { 0 };
	unsigned long work = 0;
	struct slot_state *cur;
	bool done = true;
	int i;

	queue.v = malloc((engine_nr_bbs + 1) * sizeof(*queue.v));
	cur = malloc((engine_cur.nr_slots + 1) * sizeof(*cur));
	if (!queue.v || !cur)
		die("dmacheck: out of memory");
	for (i = 0; i < engine_nr_bbs; i++) {
		engine_bbs[i].out = NULL;
		engine_bbs[i].queued = false;
	}
	reserve_states(number_rpo());
	{
		struct bb_info *e = engine_cur.ep->entry->bb->priv;

		heap_push(&queue, e - engine_bbs);
		e->queued = true;
	}
	while (queue.nr) {
		struct bb_info *bi = &engine_bbs[heap_pop(&queue)];
		struct basic_block *bb = bi->bb, *child;

		bi->queued = false;
		work += engine_cur.nr_slots + (bi->last - bi->first) + 1;
		if (work > dmc_work_limit) {
			done = false;
			break;
		}
		if (!block_input(bb, cur))
			continue;
		for (i = bi->first; i < bi->last; i++)
			apply(cur, i);
		if (bi->out) {
			/*
			 * Outputs only grow: a flag a store sets only while
			 * the owner is still known could otherwise come and go
			 * around a loop and never settle.
			 */
			bool changed = false;

			for (i = 0; i < engine_cur.nr_slots; i++) {
				struct slot_state old = bi->out[i];

				join_state(&bi->out[i], &cur[i], i);
				changed |= memcmp(&old, &bi->out[i], sizeof(old)) != 0;
			}
			if (!changed)
				continue;
		} else {
			bi->out = state_pool + (size_t)bi->rpo * engine_cur.nr_slots;
			memcpy(bi->out, cur, engine_cur.nr_slots * sizeof(*cur));
		}
		FOR_EACH_PTR(bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci && !ci->queued) {
				ci->queued = true;
				heap_push(&queue, ci - engine_bbs);
			}
		} END_FOR_EACH_PTR(child);
	}
	free(queue.v);
	free(cur);
	return done;
}

/* Replay every reached block once with its stable input. */
void engine_replay(struct slot_state *exit_state, bool *returns)
{
	struct slot_state *cur = malloc((engine_cur.nr_slots + 1) * sizeof(*cur));
	int b, i;

	if (!cur)
		die("dmacheck: out of memory");
	for (b = 0; b < engine_nr_bbs; b++) {
		struct bb_info *bi = &engine_bbs[b];

		if (!bi->out || !block_input(bi->bb, cur))
			continue;
		for (i = bi->first; i < bi->last; i++) {
			apply(cur, i);
			if (exit_state && engine_cur.events[i].kind == EV_RET) {
				int k;

				if (!*returns)
					memcpy(exit_state, cur, engine_cur.nr_slots * sizeof(*cur));
				else
					for (k = 0; k < engine_cur.nr_slots; k++)
						join_state(&exit_state[k], &cur[k], k);
				*returns = true;
			}
		}
	}
	free(cur);
}

void engine_free_states(void)
{
	int i;

	for (i = 0; i < engine_nr_bbs; i++)
		engine_bbs[i].out = NULL;
}
