// SPDX-License-Identifier: GPL-2.0
/*
 * The ownership engine.
 *
 * For one function: turn its instructions into events on buffers
 * (allocation, map, sync, free, CPU load/store, device kick, return),
 * then run a forward data-flow over the basic blocks with one state per
 * slot (a buffer, or the part of it a partial sync names).  States merge
 * at joins; the lattice is small, blocks wait in reverse post-order (a
 * join after its parents) and are revisited only when their input grows,
 * so the cost stays linear in the size of the function.  A work limit
 * stops pathological cases with a note.
 *
 * Once the states are stable, the events are replayed once and every
 * registered check sees each event with the state before it.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define MAX_HOOKS 8

static const struct engine_hooks *hooks[MAX_HOOKS];
static int nr_hooks;

void engine_register(const struct engine_hooks *h)
{
	if (nr_hooks < MAX_HOOKS)
		hooks[nr_hooks++] = h;
}

/* CPU accesses made by library calls. */
static const struct cpu_access {
	const char *name;
	int write, read;	/* argument indexes, -1 none */
} cpu_calls[] = {
	{ "memset", 0, -1 }, { "__builtin_memset", 0, -1 }, { "__memset", 0, -1 },
	{ "memcpy", 0, 1 }, { "__builtin_memcpy", 0, 1 }, { "__memcpy", 0, 1 },
	{ "memmove", 0, 1 }, { "__builtin_memmove", 0, 1 },
	{ "memcmp", -1, 0 }, { "__builtin_memcmp", -1, 0 },
	{ "memcpy_fromio", 0, -1 }, { "memcpy_toio", -1, 1 },
};

static struct engine_ctx ctx;
static int cap_events, cap_slots;
static unsigned int slot_gen;

struct bb_info {
	struct basic_block *bb;
	int first, last;		/* events of the block */
	struct slot_state *out;		/* NULL until visited */
	int rpo;			/* reverse post-order number, -1 unreached */
	bool queued;
	unsigned char ret_kind;		/* RET_ERROR/RET_NORMAL if it sets the return value */
	unsigned char exit_edge;	/* the kind of its edge straight into the return */
	unsigned char reach;		/* the kinds of return reachable from it */
};

enum { RET_ERROR = 1, RET_NORMAL = 2 };

static struct bb_info *bbs;
static int nr_bbs;
static int *ev_bb;			/* block of each event */
static unsigned char *gives_back_memo;	/* per event: 0 unknown, 1 no, 2 yes */
static int *slot_next;			/* next slot of the same buffer */

bool engine_told(struct engine_ctx *ctx, struct told_set *told, int key)
{
	int i;

	if (told->ep != ctx->ep) {
		told->ep = ctx->ep;
		told->nr = 0;
	}
	for (i = 0; i < told->nr; i++)
		if (told->key[i] == key)
			return true;
	if (told->nr < told->cap)
		told->key[told->nr++] = key;
	return false;
}

const struct event *engine_event(struct engine_ctx *c, int idx)
{
	return idx >= 0 && idx < c->nr_events ? &c->events[idx] : NULL;
}

/* ---- slots ---- */

static int new_slot(struct buffer *buf, pseudo_t anchor, long long lo, long long hi)
{
	struct slot *s;

	if (ctx.nr_slots == cap_slots) {
		cap_slots = cap_slots ? cap_slots * 2 : 64;
		ctx.slots = realloc(ctx.slots, cap_slots * sizeof(*ctx.slots));
		slot_next = realloc(slot_next, cap_slots * sizeof(*slot_next));
		if (!ctx.slots || !slot_next)
			die("dmacheck: out of memory");
	}
	s = &ctx.slots[ctx.nr_slots];
	memset(s, 0, sizeof(*s));
	s->buf = buf;
	s->anchor = anchor;
	s->lo = lo;
	s->hi = hi;
	slot_next[ctx.nr_slots] = -1;
	if (buf->slot_gen == slot_gen && buf->slot >= 0) {
		int i = buf->slot;

		while (slot_next[i] >= 0)
			i = slot_next[i];
		slot_next[i] = ctx.nr_slots;
	}
	return ctx.nr_slots++;
}

static int whole_slot(struct buffer *buf)
{
	if (buf->slot_gen != slot_gen) {
		buf->slot_gen = slot_gen;
		buf->slot = -1;
		buf->slot = new_slot(buf, NULL, 0, -1);
	}
	return buf->slot;
}

static bool in_range(const struct slot *s, long long off)
{
	return off >= s->lo && (s->hi < 0 || off < s->hi);
}

/* The slot a partial sync names, made if new. */
static int part_slot(const struct bufref *ref, long long size)
{
	int i = whole_slot(ref->buf);
	long long lo = ref->offset_known ? ref->offset : 0;
	long long hi = ref->offset_known && size > 0 ? lo + size : -1;

	for (i = slot_next[i]; i >= 0; i = slot_next[i]) {
		struct slot *s = &ctx.slots[i];

		if (s->anchor == ref->anchor && s->lo == lo && s->hi == hi)
			return i;
	}
	return new_slot(ref->buf, ref->anchor, lo, hi);
}

/* The slot an access at @ref falls in: a part if one covers it. */
static int access_slot(const struct bufref *ref, long long off)
{
	int w = whole_slot(ref->buf), i;
	bool anchored_parts = false;

	if (!ref->offset_known)
		return w;
	for (i = slot_next[w]; i >= 0; i = slot_next[i]) {
		struct slot *s = &ctx.slots[i];

		if (s->anchor == ref->anchor && in_range(s, ref->offset + off))
			return i;
		anchored_parts |= s->anchor != NULL;
	}
	/*
	 * An element picked by an index that no sync names (the index was
	 * computed again): which part it is is not known, so say nothing.
	 */
	if (ref->anchor && anchored_parts)
		return -1;
	return w;
}

static bool is_partial(const struct bufref *ref, long long size)
{
	if (ref->anchor)
		return true;
	if (ref->offset_known && ref->offset)
		return true;
	return size > 0 && ref->buf->size > 0 && size < ref->buf->size;
}

/* ---- events ---- */

static struct event *new_event(enum ev_kind kind, struct position pos)
{
	struct event *ev;

	if (ctx.nr_events == cap_events)
		ctx.events = grow(ctx.events, &cap_events, sizeof(*ctx.events));
	ev = &ctx.events[ctx.nr_events++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->pos = pos;
	ev->slot = -1;
	ev->dir = DIR_UNKNOWN;
	ev->size = -1;
	return ev;
}

static int const_dir(struct call_site *cs, int idx)
{
	long long v;

	if (!pseudo_const(call_arg(cs, idx), &v))
		return DIR_UNKNOWN;
	return v;
}

static long long const_size(struct call_site *cs, int idx)
{
	long long v;

	if (!pseudo_const(call_arg(cs, idx), &v) || v <= 0)
		return -1;
	return v;
}

static bool resolve_arg(struct call_site *cs, int idx, enum buf_kind kind,
			struct bufref *ref, bool make)
{
	pseudo_t p = call_arg(cs, idx);

	if (!p)
		return false;
	if (kind == BK_HANDLE)
		return resolve_handle(p, ref);
	/* a page or a table names its own buffer, not the struct it sits in */
	if (resolve_ptr(p, ref) && (kind == BK_CPU || ref->meta))
		return true;
	if (!make)
		return false;
	memset(ref, 0, sizeof(*ref));
	ref->buf = implicit_cpu_buffer(p, kind != BK_CPU, cs->insn);
	ref->offset_known = true;
	ref->meta = kind != BK_CPU;
	return ref->buf != NULL;
}

static void buffer_event(enum ev_kind kind, struct call_site *cs,
			 const struct bufref *ref, long long size)
{
	struct event *ev = new_event(kind, cs->pos);

	ev->buf = ref->buf;
	ev->call = cs->name;
	ev->cs = cs;
	ev->api = cs->api;
	ev->size = size;
	if (cs->api)
		ev->dir = const_dir(cs, cs->api->dir);
	if (kind == EV_TO_DEVICE || kind == EV_TO_CPU)
		ref->buf->synced = true;
	if ((kind == EV_TO_DEVICE || kind == EV_TO_CPU || kind == EV_MAP ||
	     kind == EV_UNMAP) && is_partial(ref, size)) {
		ev->slot = part_slot(ref, size);
	} else {
		ev->slot = whole_slot(ref->buf);
		ev->whole = true;
	}
}

static void alloc_event(struct call_site *cs)
{
	const struct dma_api *api = cs->api;
	struct buffer *buf = buffer_of_call(cs->insn, true);
	pseudo_t attrs = call_arg(cs, api->attrs);
	struct bufref ref = { .buf = buf, .offset_known = true };
	bool coherent;

	buf->api = api;
	buf->origin = cs->pos;
	if (!buf->name && source_lhs(cs->pos))
		buf->name = strdup(source_lhs(cs->pos));
	buf->dir = api->dir >= 0 ? const_dir(cs, api->dir) : DIR_BIDI;
	buf->size = const_size(cs, api->size);
	coherent = api->family == FAM_COHERENT ||
		(api->family == FAM_ATTRS &&
		 !(attrs && pseudo_may_have_bits(attrs, ATTR_NON_CONSISTENT)));
	if (!buf->mixed_coherence)
		buf->coherent = coherent;
	learn_alloc(cs, buf);
	buffer_event(EV_ALLOC, cs, &ref, buf->size);
}

static void map_event(struct call_site *cs)
{
	const struct dma_api *api = cs->api;
	struct bufref ref;

	if (!resolve_arg(cs, api->buf, api->kind, &ref, true))
		return;
	/* the handle names the mapped part; a member's map is not the struct */
	if (api->effect == FX_MAP &&
	    !(ref.buf->param && is_partial(&ref, const_size(cs, api->size))))
		bind_call(cs->insn, ref.buf);
	/* mapped here, allocated by another family elsewhere: both happen */
	if (ref.buf->api && ref.buf->api->effect == FX_ALLOC &&
	    ref.buf->api->family != FAM_ANY && api->family != ref.buf->api->family)
		ref.buf->ambiguous = true;
	/* a map of a member of a struct: the struct is no mapping */
	if (!ref.buf->api && is_partial(&ref, const_size(cs, api->size)) &&
	    !ref.anchor) {
		buffer_event(EV_MAP, cs, &ref, const_size(cs, api->size));
		return;
	}
	if (!ref.buf->api || ref.buf->api->effect != FX_ALLOC) {
		/* a mapping is known by the handle it returns */
		if (!ref.buf->api && source_lhs(cs->pos)) {
			free((char *)ref.buf->name);
			ref.buf->name = strdup(source_lhs(cs->pos));
		}
		ref.buf->api = api;
		ref.buf->origin = cs->pos;
		ref.buf->dir = const_dir(cs, api->dir);
		ref.buf->size = const_size(cs, api->size);
	}
	buffer_event(EV_MAP, cs, &ref, const_size(cs, api->size));
}

static void sync_event(struct call_site *cs, enum ev_kind kind)
{
	const struct dma_api *api = cs->api;
	struct bufref ref;
	long long size = const_size(cs, api->size);

	if (!resolve_arg(cs, api->buf, api->kind, &ref, api->kind != BK_HANDLE))
		return;
	/* dma_sync_single_range_*: the offset is an argument of its own */
	if (api->buf + 1 < api->size) {
		long long off;

		if (pseudo_const(call_arg(cs, api->buf + 1), &off))
			ref.offset += off;
		else
			ref.offset_known = false;
	}
	buffer_event(kind, cs, &ref, size);
}

static void cache_sync_event(struct call_site *cs)
{
	const struct dma_api *api = cs->api;
	int dir = const_dir(cs, api->dir);
	struct bufref ref;
	long long size = const_size(cs, api->size);

	if (!resolve_arg(cs, api->buf, BK_CPU, &ref, true))
		return;
	/*
	 * MIPS did a for-device operation whatever the direction; but
	 * FROM_DEVICE before the CPU reads is how drivers took data back.
	 */
	buffer_event(dir == DIR_FROM_DEVICE ? EV_TO_CPU : EV_TO_DEVICE, cs, &ref, size);
	ctx.events[ctx.nr_events - 1].legacy = true;
}

static void release_event(struct call_site *cs, enum ev_kind kind)
{
	const struct dma_api *api = cs->api;
	struct bufref ref;

	if (!resolve_arg(cs, api->buf, api->kind, &ref, false))
		return;
	buffer_event(kind, cs, &ref, const_size(cs, api->size));
}

/*
 * A read or write by @cs through its argument @arg (-1: none), if that
 * points into a buffer.  False if the buffer part has no slot: the
 * call's other access is not recorded either.
 */
static bool cpu_call_event(struct call_site *cs, int arg, enum ev_kind kind)
{
	struct bufref ref;
	struct event *ev;
	int slot;

	if (arg < 0 || !resolve_arg(cs, arg, BK_CPU, &ref, false) || ref.meta)
		return true;
	slot = access_slot(&ref, 0);
	if (slot < 0)
		return false;
	ev = new_event(kind, cs->pos);
	ev->buf = ref.buf;
	ev->call = cs->name;
	ev->slot = slot;
	ev->via = pseudo_name(call_arg(cs, arg), 0);
	return true;
}

static void access_call(struct call_site *cs)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpu_calls) / sizeof(cpu_calls[0]); i++) {
		const struct cpu_access *a = &cpu_calls[i];

		if (strcmp(a->name, cs->name))
			continue;
		if (cpu_call_event(cs, a->write, EV_WRITE))
			cpu_call_event(cs, a->read, EV_READ);
		return;
	}
}

static void summary_events(struct call_site *cs, const struct summary *sum)
{
	int i;

	if (sum->kicks) {
		struct event *ev = new_event(EV_KICK, cs->pos);

		ev->call = cs->name;
		ev->summary = true;
	}
	for (i = 0; i < sum->nr; i++) {
		const struct sum_effect *fx = &sum->effects[i];
		struct bufref ref = { .buf = fx->buf, .offset_known = true };
		struct event *ev;
		int slot = -1;

		if (fx->param > 0) {
			pseudo_t arg = call_arg(cs, fx->param - 1);

			if (!arg)
				continue;
			if (fx->anchored) {
				if (!resolve_ptr(arg, &ref) || ref.buf != fx->buf) {
					memset(&ref, 0, sizeof(ref));
					ref.buf = fx->buf;
					ref.anchor = strip_casts(arg);
					ref.offset_known = true;
				}
			} else if (!resolve_arg(cs, fx->param - 1, fx->param_kind, &ref, false)) {
				continue;
			}
		}
		if (!ref.buf)
			continue;
		if (fx->kind == EV_READ || fx->kind == EV_WRITE) {
			if (ref.meta || (slot = access_slot(&ref, 0)) < 0)
				continue;
		} else if (!fx->param && (fx->lo || fx->hi >= 0)) {
			ref.offset = fx->lo;
			slot = part_slot(&ref, fx->hi >= 0 ? fx->hi - fx->lo : -1);
		} else if (ref.anchor || (ref.offset_known && ref.offset)) {
			ref.offset += fx->anchored ? fx->lo : 0;
			slot = part_slot(&ref, fx->anchored && fx->hi >= 0 ?
					       fx->hi - fx->lo : -1);
		}
		ev = new_event(fx->kind, cs->pos);
		ev->buf = ref.buf;
		ev->call = cs->name;
		ev->cs = cs;
		ev->api = fx->api;
		ev->dir = fx->dir;
		ev->summary = true;
		if (fx->kind == EV_READ || fx->kind == EV_WRITE)
			ev->via = pseudo_name(call_arg(cs, fx->param - 1), 0);
		if (slot >= 0) {
			ev->slot = slot;
		} else {
			ev->slot = whole_slot(ref.buf);
			ev->whole = true;
		}
	}
}

static void call_events(struct call_site *cs)
{
	const struct summary *sum;

	if (!cs->api) {
		sum = cs->insn->func->sym ? summary_of(cs->insn->func->sym->ident) : NULL;
		if (sum)
			summary_events(cs, sum);
		else
			access_call(cs);
		return;
	}
	switch (cs->api->effect) {
	case FX_ALLOC:
		alloc_event(cs);
		break;
	case FX_MAP:
	case FX_MAP_ARG:
		map_event(cs);
		break;
	case FX_UNMAP:
		release_event(cs, EV_UNMAP);
		break;
	case FX_FREE:
		release_event(cs, EV_FREE);
		break;
	case FX_TO_DEVICE:
		sync_event(cs, EV_TO_DEVICE);
		break;
	case FX_TO_CPU:
		sync_event(cs, EV_TO_CPU);
		break;
	case FX_CACHE_SYNC:
		cache_sync_event(cs);
		break;
	case FX_KICK:
		new_event(EV_KICK, cs->pos)->call = cs->name;
		break;
	case FX_DERIVE:
		break;
	}
}

static void memory_event(struct instruction *insn)
{
	struct bufref ref;
	struct event *ev;
	bool store = insn->opcode == OP_STORE;
	int slot;

	/* a parameter is only a buffer if the file shows it is one */
	if (!resolve_ptr(insn->src, &ref) ||
	    (ref.buf->param && !ref.buf->api && !ref.buf->synced && store &&
	     store_is_kick(insn))) {
		/* a store to a register that no buffer holds */
		if (store && !insn_is_folded(insn) && store_is_kick(insn)) {
			ev = new_event(EV_KICK, insn->pos);
			ev->via = pseudo_name(insn->src, insn->offset);
		}
		return;
	}
	if (ref.meta || (store && insn_is_folded(insn)))
		return;
	note_buffer_access(insn->src);
	slot = access_slot(&ref, insn->offset);
	if (slot < 0)
		return;
	ev = new_event(store ? EV_WRITE : EV_READ, insn->pos);
	ev->buf = ref.buf;
	ev->slot = slot;
	ev->via = pseudo_name(insn->src, 0);
}

static void learn_from_store(struct instruction *insn)
{
	learn_store(insn->src, insn->offset, insn->target);
	note_stored_type(insn);
}

/*
 * Build ctx.events for @ep; block boundaries go to bbs[].  Twice: the
 * first round finds every part a partial sync names, so that in the
 * second an access made before the sync already lands in its part.
 */
static void extract_round(struct entrypoint *ep, bool first);
struct fn_insns;
static void classify_returns(struct entrypoint *ep, const struct fn_insns *f);
static void forget_reach(void);

static void extract(struct entrypoint *ep)
{
	resolve_begin(ep);
	slot_gen++;
	extract_round(ep, true);
	extract_round(ep, false);
}

/*
 * The instructions that make events (calls, loads, stores, returns) of
 * one function, block by block.  The linearized code does not change
 * once built, and every function is extracted six times (two rounds in
 * each of three passes): walking every instruction each time strays
 * over all of libsparse's memory for a large function, so the few that
 * matter are picked once.
 */
struct fn_insns {
	struct entrypoint *ep;
	int nr_bbs;
	struct basic_block **bbs;
	int *end;			/* per block: end of its run in insns[] */
	struct instruction **insns;
	unsigned char *op;		/* their opcodes: no trip to each one to skip it */
	int nr_insns;
	struct instruction **calls;	/* the calls alone, for collect_calls() */
	int nr_calls;
	void *calls_priv;		/* collect_calls()'s own, per function */
};

static struct fn_insns *fn_cache;
static int nr_fn_cache, cap_fn_cache, fn_hint;

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
				f->insns = grow(f->insns, &cap, sizeof(*f->insns));
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

/* The passes take the functions in the same order: look after the last. */
static const struct fn_insns *insns_of(struct entrypoint *ep)
{
	int k;

	for (k = 0; k < nr_fn_cache; k++) {
		struct fn_insns *f = &fn_cache[(fn_hint + k) % nr_fn_cache];

		if (f->ep == ep) {
			fn_hint = (fn_hint + k) % nr_fn_cache;
			return f;
		}
	}
	if (nr_fn_cache == cap_fn_cache)
		fn_cache = grow(fn_cache, &cap_fn_cache, sizeof(*fn_cache));
	fn_hint = nr_fn_cache;
	pick_insns(&fn_cache[nr_fn_cache], ep);
	return &fn_cache[nr_fn_cache++];
}

struct instruction *const *engine_calls(struct entrypoint *ep, int *nr, void ***priv)
{
	struct fn_insns *f = (struct fn_insns *)insns_of(ep);

	*nr = f->nr_calls;
	*priv = &f->calls_priv;
	return f->calls;
}

static void extract_round(struct entrypoint *ep, bool first)
{
	const struct fn_insns *f = insns_of(ep);
	struct basic_block *bb;
	struct instruction *insn;
	int i, k = 0, nth_call = 0;

	ctx.ep = ep;
	ctx.fn = ep->name->ident ? ident_name(ep->name->ident) : "?";
	ctx.nr_events = 0;
	if (first)
		ctx.nr_slots = 0;
	nr_bbs = f->nr_bbs;
	free(bbs);
	bbs = calloc(nr_bbs + 1, sizeof(*bbs));
	if (!bbs)
		die("dmacheck: out of memory");

	for (i = 0; i < nr_bbs; i++) {
		bb = f->bbs[i];
		bb->priv = &bbs[i];
		bbs[i].bb = bb;
		bbs[i].first = ctx.nr_events;
		for (; k < f->end[i]; k++) {
			struct call_site *cs;

			insn = f->insns[k];
			switch (f->op[k]) {
			case OP_CALL:
			case OP_INLINED_CALL:
				cs = call_site_nth(insn, nth_call++);
				if (cs)
					call_events(cs);
				break;
			case OP_STORE:
				learn_from_store(insn);
				/* fall through */
			case OP_LOAD:
				if (!first)
					memory_event(insn);
				break;
			case OP_RET:
				new_event(EV_RET, insn->pos);
				break;
			default:
				break;
			}
		}
		bbs[i].last = ctx.nr_events;
	}
	classify_returns(ep, f);
	free(ev_bb);
	free(gives_back_memo);
	forget_reach();
	ev_bb = malloc((ctx.nr_events + 1) * sizeof(*ev_bb));
	gives_back_memo = calloc(ctx.nr_events + 1, 1);
	if (!ev_bb || !gives_back_memo)
		die("dmacheck: out of memory");
	for (i = 0; i < nr_bbs; i++) {
		int k;

		for (k = bbs[i].first; k < bbs[i].last; k++)
			ev_bb[k] = i;
	}
}

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
static void classify_returns(struct entrypoint *ep, const struct fn_insns *f)
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

			if (src == VOID || !(ps = src->def) || ps->opcode != OP_PHISOURCE ||
			    !ps->bb || !(pi = ps->bb->priv))
				continue;
			pi->ret_kind = negative(ps->phi_src, ps->size) ? RET_ERROR : RET_NORMAL;
		} END_FOR_EACH_PTR(src);
	}
	for (b = 0; b < nr_bbs; b++)
		bbs[b].reach = bbs[b].ret_kind;
	while (changed) {
		changed = false;
		for (b = nr_bbs - 1; b >= 0; b--) {
			struct basic_block *child;
			unsigned char r = bbs[b].reach;

			if (bbs[b].ret_kind)
				continue;
			FOR_EACH_PTR(bbs[b].bb->children, child) {
				struct bb_info *ci = child->priv;

				if (ci)
					r |= ci->reach;
			} END_FOR_EACH_PTR(child);
			if (r != bbs[b].reach) {
				bbs[b].reach = r;
				changed = true;
			}
		}
	}
}

static bool gives_back_in(int slot, int b, int from)
{
	int k;

	for (k = from; k < bbs[b].last; k++) {
		const struct event *ev = &ctx.events[k];

		if (ev->kind != EV_TO_DEVICE && ev->kind != EV_MAP)
			continue;
		if (ev->slot == slot || (ev->whole && ev->buf == ctx.slots[slot].buf))
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

	rev_first = calloc(nr_bbs + 2, sizeof(*rev_first));
	fill = calloc(nr_bbs + 1, sizeof(*fill));
	if (!rev_first || !fill)
		die("dmacheck: out of memory");
	for (b = 0; b < nr_bbs; b++) {
		FOR_EACH_PTR(bbs[b].bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci) {
				rev_first[ci - bbs + 1]++;
				nr++;
			}
		} END_FOR_EACH_PTR(child);
	}
	for (b = 0; b < nr_bbs; b++)
		rev_first[b + 1] += rev_first[b];
	rev_parent = malloc((nr + 1) * sizeof(*rev_parent));
	if (!rev_parent)
		die("dmacheck: out of memory");
	for (b = 0; b < nr_bbs; b++) {
		FOR_EACH_PTR(bbs[b].bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci)
				rev_parent[rev_first[ci - bbs] + fill[ci - bbs]++] = b;
		} END_FOR_EACH_PTR(child);
	}
	free(fill);
}

static const unsigned char *reach_of(int slot)
{
	unsigned char *r;
	int *stack, top = 0, b, k;

	if (slot >= nr_slot_reach) {
		slot_reach = realloc(slot_reach, ctx.nr_slots * sizeof(*slot_reach));
		if (!slot_reach)
			die("dmacheck: out of memory");
		for (k = nr_slot_reach; k < ctx.nr_slots; k++)
			slot_reach[k] = NULL;
		nr_slot_reach = ctx.nr_slots;
	}
	if (slot_reach[slot])
		return slot_reach[slot];
	if (!rev_first)
		reverse_edges();
	r = calloc(nr_bbs + 1, 1);
	stack = malloc((nr_bbs + 1) * sizeof(*stack));
	if (!r || !stack)
		die("dmacheck: out of memory");
	for (b = 0; b < nr_bbs; b++) {
		if (gives_back_in(slot, b, bbs[b].first)) {
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
 * event.
 */
bool engine_gives_back_after(struct engine_ctx *c, int idx, int slot)
{
	struct basic_block *child;
	int b = ev_bb[idx];
	bool found;

	if (gives_back_memo[idx])
		return gives_back_memo[idx] == 2;
	found = gives_back_in(slot, b, idx + 1);
	if (!found) {
		const unsigned char *r = reach_of(slot);

		FOR_EACH_PTR(bbs[b].bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci && r[ci - bbs])
				found = true;
		} END_FOR_EACH_PTR(child);
	}
	gives_back_memo[idx] = found ? 2 : 1;
	return found;
}

/* ---- the data-flow ---- */

static void init_state(struct slot_state *st)
{
	int i;

	for (i = 0; i < ctx.nr_slots; i++) {
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

static unsigned char join_owner(const struct slot_state *a, const struct slot_state *b)
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
	if ((a->owner == OWN_MIXED && (b->owner == OWN_CPU || b->owner == OWN_DEVICE)) ||
	    (b->owner == OWN_MIXED && (a->owner == OWN_CPU || a->owner == OWN_DEVICE)))
		return OWN_MIXED;
	return OWN_UNKNOWN;
}

static void join_state(struct slot_state *a, const struct slot_state *b)
{
	a->owner = join_owner(a, b);
	a->dirty |= b->dirty;
	a->taken |= b->taken;
	a->read_early |= b->read_early;
	a->unmapped &= b->unmapped;
	a->owner_ev = pick_ev(a->owner_ev, b->owner_ev);
	a->dirty_ev = pick_ev(a->dirty_ev, b->dirty_ev);
	/* the latest take: the one the paths after the join follow */
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

	if (bb == ctx.ep->entry->bb) {
		init_state(in);
		have = true;
	}
	FOR_EACH_PTR(bb->parents, parent) {
		struct bb_info *pi = parent->priv;

		if (!pi || !pi->out)
			continue;
		if (!have) {
			memcpy(in, pi->out, ctx.nr_slots * sizeof(*in));
			have = true;
			continue;
		}
		for (i = 0; i < ctx.nr_slots; i++)
			join_state(&in[i], &pi->out[i]);
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
		/* a store made while the device owned it, written back: the
		 * "update a descriptor and sync it" idiom */
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
	const struct slot *s = &ctx.slots[ev->slot];
	int i;

	for (i = whole_slot(s->buf); i >= 0; i = slot_next[i]) {
		const struct slot *o = &ctx.slots[i];

		if (i == ev->slot || i == s->buf->slot || o->anchor != s->anchor ||
		    !overlap(s, o))
			continue;
		st[i].dev_write = false;
		st[i].dirty = false;
	}
}

static void call_point_hooks(const struct event *ev, struct slot_state *st)
{
	int h;

	if (!ctx.reporting)
		return;
	for (h = 0; h < nr_hooks; h++)
		if (hooks[h]->on_point)
			hooks[h]->on_point(&ctx, ev, st);
}

static void call_event_hooks(const struct event *ev, struct slot_state *st)
{
	int h;

	if (!ctx.reporting)
		return;
	for (h = 0; h < nr_hooks; h++)
		if (hooks[h]->on_event)
			hooks[h]->on_event(&ctx, ev, st);
}

/*
 * At the return, the checks judge the paths that return normally: a
 * path that returns an error code (a negative constant) is a failure
 * path, where drivers leave buffers as they are.
 */
static void apply(struct slot_state *st, int idx);

static void ret_hooks(const struct event *ev, struct slot_state *st)
{
	struct basic_block *parent, *bb = bbs[ev_bb[ev - ctx.events]].bb;
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
			normal = malloc((ctx.nr_slots + 1) * sizeof(*normal));
			if (!normal)
				die("dmacheck: out of memory");
			memcpy(normal, pi->out, ctx.nr_slots * sizeof(*normal));
		} else {
			for (i = 0; i < ctx.nr_slots; i++)
				join_state(&normal[i], &pi->out[i]);
		}
	} END_FOR_EACH_PTR(parent);
	if (!any_error) {
		call_point_hooks(ev, st);
	} else if (normal) {
		/* the return block's own events, up to the return, quietly */
		int b = ev_bb[ev - ctx.events], k;

		ctx.reporting = false;
		for (k = bbs[b].first; k < ev - ctx.events; k++)
			apply(normal, k);
		ctx.reporting = true;
		call_point_hooks(ev, normal);
	}
	free(normal);
}

/* Does every return reachable from the event's block return an error? */
bool engine_error_only(struct engine_ctx *c, const struct event *ev)
{
	return bbs[ev_bb[ev - c->events]].reach == RET_ERROR;
}

static void apply(struct slot_state *st, int idx)
{
	const struct event *ev = &ctx.events[idx];
	int i;

	if (ev->kind == EV_RET && ctx.reporting) {
		ret_hooks(ev, st);
		return;
	}
	if (ev->kind == EV_KICK || ev->kind == EV_RET) {
		call_point_hooks(ev, st);
		if (ev->kind == EV_KICK)
			for (i = 0; i < ctx.nr_slots; i++)
				st[i].dirty = false;
		return;
	}
	if (!ev->whole) {
		call_event_hooks(ev, &st[ev->slot]);
		apply_one(&st[ev->slot], ev, idx);
		if (ev->kind == EV_TO_DEVICE)
			write_back_overlaps(st, ev);
		return;
	}
	for (i = ev->slot; i >= 0; i = slot_next[i]) {
		call_event_hooks(ev, &st[i]);
		apply_one(&st[i], ev, idx);
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
	struct bb_info *e = ctx.ep->entry->bb->priv;
	int *first, *child_of, nr_edges = 0, top = 0, post = 0, i;
	struct basic_block *child;

	/*
	 * The children as arrays first: a walk that stops in the middle of
	 * a ptr list and comes back later is awkward with FOR_EACH_PTR.
	 */
	for (i = 0; i < nr_bbs; i++)
		nr_edges += ptr_list_size((struct ptr_list *)bbs[i].bb->children);
	first = malloc((nr_bbs + 1) * sizeof(*first));
	child_of = malloc((nr_edges + 1) * sizeof(*child_of));
	stack = malloc((nr_bbs + 1) * sizeof(*stack));
	if (!first || !child_of || !stack)
		die("dmacheck: out of memory");
	nr_edges = 0;
	for (i = 0; i < nr_bbs; i++) {
		first[i] = nr_edges;
		FOR_EACH_PTR(bbs[i].bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci)
				child_of[nr_edges++] = ci - bbs;
		} END_FOR_EACH_PTR(child);
		bbs[i].rpo = -1;
	}
	first[nr_bbs] = nr_edges;
	/* -2: on the stack; numbered once all its children are done */
	e->rpo = -2;
	stack[top++] = (struct rpo_frame){ e - bbs, first[e - bbs] };
	while (top) {
		struct rpo_frame *f = &stack[top - 1];

		while (f->next < first[f->b + 1] && bbs[child_of[f->next]].rpo != -1)
			f->next++;
		if (f->next < first[f->b + 1]) {
			int c = child_of[f->next++];

			bbs[c].rpo = -2;
			stack[top++] = (struct rpo_frame){ c, first[c] };
			continue;
		}
		bbs[f->b].rpo = post++;
		top--;
	}
	free(first);
	free(child_of);
	free(stack);
	for (i = 0; i < nr_bbs; i++)
		if (bbs[i].rpo >= 0)
			bbs[i].rpo = post - 1 - bbs[i].rpo;
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
	size_t need = (size_t)reached * ctx.nr_slots + 1;

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
	return bbs[h->v[a]].rpo < bbs[h->v[b]].rpo;
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
static bool solve(void)
{
	struct block_heap queue = { 0 };
	unsigned long work = 0;
	struct slot_state *cur;
	bool done = true;
	int i;

	queue.v = malloc((nr_bbs + 1) * sizeof(*queue.v));
	cur = malloc((ctx.nr_slots + 1) * sizeof(*cur));
	if (!queue.v || !cur)
		die("dmacheck: out of memory");
	for (i = 0; i < nr_bbs; i++) {
		bbs[i].out = NULL;
		bbs[i].queued = false;
	}
	reserve_states(number_rpo());
	{
		struct bb_info *e = ctx.ep->entry->bb->priv;

		heap_push(&queue, e - bbs);
		e->queued = true;
	}
	while (queue.nr) {
		struct bb_info *bi = &bbs[heap_pop(&queue)];
		struct basic_block *bb = bi->bb, *child;

		bi->queued = false;
		work += ctx.nr_slots + (bi->last - bi->first) + 1;
		if (work > work_limit) {
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

			for (i = 0; i < ctx.nr_slots; i++) {
				struct slot_state old = bi->out[i];

				join_state(&bi->out[i], &cur[i]);
				changed |= memcmp(&old, &bi->out[i], sizeof(old)) != 0;
			}
			if (!changed)
				continue;
		} else {
			bi->out = state_pool + (size_t)bi->rpo * ctx.nr_slots;
			memcpy(bi->out, cur, ctx.nr_slots * sizeof(*cur));
		}
		FOR_EACH_PTR(bb->children, child) {
			struct bb_info *ci = child->priv;

			if (ci && !ci->queued) {
				ci->queued = true;
				heap_push(&queue, ci - bbs);
			}
		} END_FOR_EACH_PTR(child);
	}
	free(queue.v);
	free(cur);
	return done;
}

/* Replay every reached block once with its stable input. */
static void replay(struct slot_state *exit_state, bool *returns)
{
	struct slot_state *cur = malloc((ctx.nr_slots + 1) * sizeof(*cur));
	int b, i;

	if (!cur)
		die("dmacheck: out of memory");
	for (b = 0; b < nr_bbs; b++) {
		struct bb_info *bi = &bbs[b];

		if (!bi->out || !block_input(bi->bb, cur))
			continue;
		for (i = bi->first; i < bi->last; i++) {
			apply(cur, i);
			if (exit_state && ctx.events[i].kind == EV_RET) {
				int k;

				if (!*returns)
					memcpy(exit_state, cur, ctx.nr_slots * sizeof(*cur));
				else
					for (k = 0; k < ctx.nr_slots; k++)
						join_state(&exit_state[k], &cur[k]);
				*returns = true;
			}
		}
	}
	free(cur);
}

static void free_states(void)
{
	int i;

	for (i = 0; i < nr_bbs; i++)
		bbs[i].out = NULL;
}

void engine_learn_fields(struct entrypoint *ep)
{
	extract(ep);
}

/* f(void *p) { return base_handle + (p - base); } hands out handles. */
static int returns_handle_of(struct entrypoint *ep)
{
	const struct fn_insns *f = insns_of(ep);
	int k;

	for (k = 0; k < f->nr_insns; k++) {
		struct instruction *insn = f->insns[k];
		pseudo_t v, sides[2];
		int i;

		if (f->op[k] != OP_RET || !insn->src)
			continue;
		v = strip_casts(insn->src);
		if (!v || v->type != PSEUDO_REG || v->def->opcode != OP_ADD)
			continue;
		sides[0] = strip_casts(v->def->src1);
		sides[1] = strip_casts(v->def->src2);
		for (i = 0; i < 2; i++) {
			pseudo_t d = sides[i], p;

			if (!d || d->type != PSEUDO_REG || d->def->opcode != OP_SUB)
				continue;
			p = strip_casts(d->def->src1);
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

	for (i = 0; i < ctx.nr_events; i++)
		if (ctx.events[i].buf &&
		    (ctx.events[i].kind == EV_ALLOC || ctx.events[i].kind == EV_MAP))
			ctx.events[i].buf->alloc_gen = slot_gen;
}

static bool allocated_here(const struct buffer *buf)
{
	return buf->alloc_gen == slot_gen;
}

/* DMACHECK_DEBUG_SUMMARY=1: every summary learnt, for debugging. */
static void debug_summary(const struct summary *sum)
{
	int k;

	if (!getenv("DMACHECK_DEBUG_SUMMARY") || !(sum->nr || sum->kicks || sum->handle_of))
		return;
	fprintf(stderr, "summary %s: kicks %d handle_of %d\n", ctx.fn, sum->kicks,
		sum->handle_of);
	for (k = 0; k < sum->nr; k++) {
		const struct sum_effect *fx = &sum->effects[k];

		fprintf(stderr, "  event %d param %d anchored %d buffer %s part %lld..%lld\n",
			fx->kind, fx->param, fx->anchored,
			fx->buf && fx->buf->name ? fx->buf->name : "-", fx->lo, fx->hi);
	}
}

static void add_effect(struct summary *sum, const struct sum_effect *fx)
{
	int i;

	for (i = 0; i < sum->nr; i++)
		if (!memcmp(&sum->effects[i], fx, sizeof(*fx)))
			return;
	if (sum->nr < (int)(sizeof(sum->effects) / sizeof(sum->effects[0])))
		sum->effects[sum->nr++] = *fx;
}

/* What the function leaves each buffer as, seen from its callers. */
static void exit_effects(struct summary *sum, const struct slot_state *exit_state)
{
	int i;

	mark_allocated();
	for (i = 0; i < ctx.nr_slots; i++) {
		const struct slot *s = &ctx.slots[i];
		const struct slot_state *st = &exit_state[i];
		const struct event *ev = engine_event(&ctx, st->owner_ev);
		struct sum_effect fx = { .hi = -1 };

		if (!ev)
			continue;
		if (s->anchor && s->anchor->type == PSEUDO_ARG) {
			fx.param = s->anchor->nr;
			fx.anchored = true;
			fx.buf = s->buf;
			fx.lo = s->lo;
			fx.hi = s->hi;
		} else if (s->anchor) {
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

/* The first event that changes the buffer's ownership, per buffer. */
static void mark_first_ownership(void)
{
	int k;

	for (k = ctx.nr_events - 1; k >= 0; k--) {
		const struct event *o = &ctx.events[k];

		if (!o->buf || o->kind == EV_READ || o->kind == EV_WRITE)
			continue;
		o->buf->first_own = k;
		o->buf->first_own_gen = slot_gen;
	}
}

static bool owned_before(int i)
{
	const struct buffer *b = ctx.events[i].buf;

	return b->first_own_gen == slot_gen && b->first_own < i;
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
	for (i = 0; i < ctx.nr_events; i++) {
		const struct event *ev = &ctx.events[i];
		struct sum_effect fx = { 0 };

		if (ev->kind == EV_KICK) {
			sum->kicks = true;
			continue;
		}
		if (ev->kind != EV_READ && ev->kind != EV_WRITE)
			continue;
		if (!ev->buf->param || ev->buf->param_kind != BK_CPU ||
		    ctx.slots[ev->slot].anchor || owned_before(i))
			continue;
		fx.kind = ev->kind;
		fx.param = ev->buf->param;
		fx.param_kind = BK_CPU;
		fx.dir = DIR_UNKNOWN;
		fx.hi = -1;
		add_effect(sum, &fx);
	}
}

/* DMACHECK_DEBUG_FN=name: the events of one function, for debugging. */
static void debug_events(void)
{
	const char *fn = getenv("DMACHECK_DEBUG_FN");
	int i;

	if (!fn || strcmp(fn, ctx.fn))
		return;
	for (i = 0; i < ctx.nr_events; i++) {
		const struct event *ev = &ctx.events[i];
		const struct slot *s = ev->slot >= 0 ? &ctx.slots[ev->slot] : NULL;

		fprintf(stderr, "%s:%d ev %d kind %d call %s buf %s#%d slot %d anchor %s lo %lld hi %lld whole %d\n",
			ctx.fn, ev->pos.line, i, ev->kind, ev->call ? ev->call : "-",
			ev->buf && ev->buf->name ? ev->buf->name : "?", ev->buf ? ev->buf->id : 0,
			ev->slot, s && s->anchor ? show_pseudo(s->anchor) : "-",
			s ? s->lo : 0, s ? s->hi : 0, ev->whole);
	}
}

void engine_learn(struct entrypoint *ep)
{
	struct slot_state *exit_state;
	struct summary sum = { 0 };
	bool returns = false;

	extract(ep);
	debug_events();
	ctx.reporting = false;
	sum.handle_of = returns_handle_of(ep);
	/* accesses first: at a call site they happen before the hand-offs */
	access_effects(&sum);
	if (solve()) {
		exit_state = calloc(ctx.nr_slots + 1, sizeof(*exit_state));
		if (!exit_state)
			die("dmacheck: out of memory");
		replay(exit_state, &returns);
		if (returns)
			exit_effects(&sum, exit_state);
		free(exit_state);
	}
	free_states();
	debug_summary(&sum);
	if (sum.nr || sum.kicks || sum.handle_of) {
		struct summary *s = summary_new(ep->name->ident);

		if (s) {
			sum.fn = s->fn;
			*s = sum;
		}
	}
}

void engine_run(struct entrypoint *ep)
{
	extract(ep);
	ctx.reporting = false;
	if (!solve()) {
		note(ep->name->pos, "dmacheck: analysis of %s() stopped at the work limit (%lu steps); its findings are incomplete (see --work-limit)",
		     ctx.fn, work_limit);
		free_states();
		return;
	}
	ctx.reporting = true;
	replay(NULL, NULL);
	ctx.reporting = false;
	free_states();
}
