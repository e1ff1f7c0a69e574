// SPDX-License-Identifier: GPL-2.0
/*
 * Helper summaries (summary.h): learnt from each function's events and
 * exit states in the second pass, stored by the function's ident, read
 * at every call of the helper.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "hashmap.h"

/* By the function's ident: a call asks in constant time. */
struct summary_entry {
	struct hashmap_key key;
	struct summary *sum;
};

static struct hashmap table = HASHMAP_INIT(struct summary_entry);

const struct summary *summary_of(struct ident *fn)
{
	const struct summary_entry *e;

	if (!fn)
		return NULL;
	e = hashmap_find(&table, fn, 0);
	return e ? e->sum : NULL;
}

static struct summary *summary_new(struct ident *fn)
{
	struct summary_entry *e;

	if (!fn)
		return NULL;
	e = hashmap_add(&table, fn, 0);
	if (!e->sum) {
		e->sum = calloc(1, sizeof(*e->sum));
		if (!e->sum)
			die("dmacheck: out of memory");
		e->sum->fn = fn;
	}
	return e->sum;
}

/* f(void *p) { return base_handle + (p - base); } hands out handles. */
static int returns_handle_of(struct entrypoint *ep)
{
	const struct fn_insns *f = engine_insns_of(ep);
	int k;

	for (k = 0; k < f->nr_insns; k++) {
		struct instruction *insn = f->insns[k];
		pseudo_t v, sides[2];
		int i;

		if (f->op[k] != OP_RET || !insn->src)
			continue;
		v = dmc_strip_casts(insn->src);
		if (!v || v->type != PSEUDO_REG || v->def->opcode != OP_ADD)
			continue;
		sides[0] = dmc_strip_casts(v->def->src1);
		sides[1] = dmc_strip_casts(v->def->src2);
		for (i = 0; i < 2; i++) {
			pseudo_t d = sides[i], p;

			if (!d || d->type != PSEUDO_REG || d->def->opcode != OP_SUB)
				continue;
			p = dmc_strip_casts(d->def->src1);
			if (p && p->type == PSEUDO_ARG)
				return p->nr;
		}
	}
	return 0;
}

/* Mark the buffers this function allocates or maps: one pass, not one per slot. */
static void mark_allocated(void)
{
	int i;

	for (i = 0; i < engine_cur.nr_events; i++)
		if (engine_cur.events[i].buf &&
		    (engine_cur.events[i].kind == EV_ALLOC || engine_cur.events[i].kind == EV_MAP))
			engine_cur.events[i].buf->alloc_gen = engine_slot_gen;
}

static bool allocated_here(const struct buffer *buf)
{
	return buf->alloc_gen == engine_slot_gen;
}

static void add_effect(struct summary *sum, const struct sum_effect *fx)
{
	int i;

	for (i = 0; i < sum->nr; i++)
		if (!memcmp(&sum->effects[i], fx, sizeof(*fx)))
			return;
	if (sum->nr < (int)ARRAY_SIZE(sum->effects))
		sum->effects[sum->nr++] = *fx;
}

/*
 * One effect per kind of access and parameter: the bytes it touches,
 * from the first to the last (open when one offset is not known).
 */
static void add_access(struct summary *sum, const struct sum_effect *fx)
{
	int i;

	for (i = 0; i < sum->nr; i++) {
		struct sum_effect *o = &sum->effects[i];

		if (o->kind != fx->kind || o->param != fx->param || o->param_kind != fx->param_kind ||
		    o->anchored || o->buf)
			continue;
		if (o->hi < 0 || fx->hi < 0) {
			o->lo = 0;
			o->hi = -1;
		} else {
			o->lo = fx->lo < o->lo ? fx->lo : o->lo;
			o->hi = fx->hi > o->hi ? fx->hi : o->hi;
		}
		return;
	}
	add_effect(sum, fx);
}

/* What the function leaves each buffer as, seen from its callers. */
static void exit_effects(struct summary *sum, const struct slot_state *exit_state)
{
	int i;

	mark_allocated();
	for (i = 0; i < engine_cur.nr_slots; i++) {
		const struct slot *s = &engine_cur.slots[i];
		const struct slot_state *st = &exit_state[i];
		const struct event *ev = engine_event(&engine_cur, st->owner_ev);
		struct sum_effect fx = { .hi = -1 };

		if (!ev)
			continue;
		if (s->anchor && s->anchor->type == PSEUDO_ARG) {
			fx.param = s->anchor->nr;
			fx.anchored = true;
			fx.buf = s->buf;
			fx.lo = s->lo;
			fx.hi = s->hi;
		} else if (s->akey) {
			continue;
		} else if (s->buf->param) {
			if (s->lo || s->hi >= 0)
				continue;
			fx.param = s->buf->param;
			fx.param_kind = s->buf->param_kind;
		} else if (!allocated_here(s->buf)) {
			fx.buf = s->buf;
			fx.lo = s->lo;
			fx.hi = s->hi;
		} else {
			continue;
		}
		if (st->owner == OWN_DEVICE &&
		    (ev->kind == EV_TO_DEVICE || ev->kind == EV_MAP))
			fx.kind = EV_TO_DEVICE;
		else if (st->owner == OWN_CPU && st->taken)
			fx.kind = EV_TO_CPU;
		else if (st->owner == OWN_FREED)
			fx.kind = EV_FREE;
		else
			continue;
		fx.dir = ev->dir;
		fx.api = ev->api;
		add_effect(sum, &fx);
	}
}

/*
 * The first event that changes the buffer's ownership, per buffer; and
 * per parameter, the first that changes a part anchored at it (a helper
 * that syncs its void *addr through the ring's handle).
 */
#define MAX_PARAM_OWN 16
static int param_first_own[MAX_PARAM_OWN];

static void mark_first_ownership(void)
{
	int k;

	for (k = 0; k < MAX_PARAM_OWN; k++)
		param_first_own[k] = -1;
	for (k = engine_cur.nr_events - 1; k >= 0; k--) {
		const struct event *o = &engine_cur.events[k];
		const struct slot *s;

		if (!o->buf || o->kind == EV_READ || o->kind == EV_WRITE)
			continue;
		o->buf->first_own = k;
		o->buf->first_own_gen = engine_slot_gen;
		s = o->slot >= 0 ? &engine_cur.slots[o->slot] : NULL;
		if (s && s->anchor && s->anchor->type == PSEUDO_ARG &&
		    s->anchor->nr > 0 && s->anchor->nr < MAX_PARAM_OWN)
			param_first_own[s->anchor->nr] = k;
	}
}

static bool owned_before(int i)
{
	const struct buffer *b = engine_cur.events[i].buf;
	int p = b->param;

	if (p > 0 && p < MAX_PARAM_OWN && param_first_own[p] >= 0 && param_first_own[p] < i)
		return true;
	return b->first_own_gen == engine_slot_gen && b->first_own < i;
}

/*
 * The accesses a helper makes to what its caller passed, as the caller
 * left it: once the helper syncs or maps the buffer itself, its own
 * accesses are its own business (and its own findings).
 */
static void access_effects(struct summary *sum)
{
	int i;

	mark_first_ownership();
	for (i = 0; i < engine_cur.nr_events; i++) {
		const struct event *ev = &engine_cur.events[i];
		struct sum_effect fx = { 0 };

		if (ev->kind == EV_KICK) {
			sum->kicks = true;
			continue;
		}
		if (ev->kind != EV_READ && ev->kind != EV_WRITE)
			continue;
		if (!ev->buf->param || ev->buf->param_kind != BK_CPU ||
		    engine_cur.slots[ev->slot].akey || owned_before(i))
			continue;
		fx.kind = ev->kind;
		fx.param = ev->buf->param;
		fx.param_kind = BK_CPU;
		fx.dir = DIR_UNKNOWN;
		fx.lo = ev->at >= 0 ? ev->at : 0;
		fx.hi = ev->at >= 0 ? ev->at + ev->width : -1;
		add_access(sum, &fx);
	}
}

void summary_learn(struct entrypoint *ep)
{
	struct slot_state *exit_state;
	struct summary sum = { 0 };
	bool returns = false;

	engine_extract(ep);
	engine_debug_events();
	engine_cur.reporting = false;
	sum.handle_of = returns_handle_of(ep);
	/* accesses first: at a call site they happen before the hand-offs */
	access_effects(&sum);
	if (engine_solve()) {
		exit_state = calloc(engine_cur.nr_slots + 1, sizeof(*exit_state));
		if (!exit_state)
			die("dmacheck: out of memory");
		engine_replay(exit_state, &returns);
		if (returns)
			exit_effects(&sum, exit_state);
		free(exit_state);
	}
	engine_free_states();
	engine_debug_summary(&sum);
	if (sum.nr || sum.kicks || sum.handle_of) {
		struct summary *s = summary_new(ep->name->ident);

		if (s) {
			sum.fn = s->fn;
			*s = sum;
		}
	}
}
