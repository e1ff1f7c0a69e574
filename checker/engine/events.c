// SPDX-License-Identifier: GPL-2.0
/*
 * Slots and events: one function's instructions as the events they do to
 * buffers (allocation, map, unmap, free, syncs, CPU loads and stores,
 * device kicks, returns), each in a slot (a buffer, or the part of it a
 * partial sync names), block by block.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct engine_ctx engine_cur;
static int cap_events, cap_slots;
unsigned int engine_slot_gen;
struct bb_info *engine_bbs;
int engine_nr_bbs;
int *engine_ev_bb;
int *engine_slot_next;

/* ---- slots ---- */

static int new_slot(struct buffer *buf, pseudo_t anchor, unsigned long long akey,
		    long long lo, long long hi)
{
	struct slot *s;

	if (engine_cur.nr_slots == cap_slots) {
		cap_slots = cap_slots ? cap_slots * 2 : 64;
		engine_cur.slots = realloc(engine_cur.slots, cap_slots * sizeof(*engine_cur.slots));
		engine_slot_next = realloc(engine_slot_next, cap_slots * sizeof(*engine_slot_next));
		if (!engine_cur.slots || !engine_slot_next)
			die("dmacheck: out of memory");
	}
	s = &engine_cur.slots[engine_cur.nr_slots];
	memset(s, 0, sizeof(*s));
	s->buf = buf;
	s->anchor = anchor;
	s->akey = akey;
	s->lo = lo;
	s->hi = hi;
	engine_slot_next[engine_cur.nr_slots] = -1;
	if (buf->slot_gen == engine_slot_gen && buf->slot >= 0) {
		int i = buf->slot;

		while (engine_slot_next[i] >= 0)
			i = engine_slot_next[i];
		engine_slot_next[i] = engine_cur.nr_slots;
	}
	return engine_cur.nr_slots++;
}

int engine_whole_slot(struct buffer *buf)
{
	if (buf->slot_gen != engine_slot_gen) {
		buf->slot_gen = engine_slot_gen;
		buf->slot = -1;
		buf->slot = new_slot(buf, NULL, 0, 0, -1);
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
	int i = engine_whole_slot(ref->buf);
	long long lo = ref->offset_known ? ref->offset : 0;
	long long hi = ref->offset_known && size > 0 ? lo + size : -1;

	for (i = engine_slot_next[i]; i >= 0; i = engine_slot_next[i]) {
		struct slot *s = &engine_cur.slots[i];

		if (s->akey == ref->akey && s->lo == lo && s->hi == hi)
			return i;
	}
	return new_slot(ref->buf, ref->anchor, ref->akey, lo, hi);
}

/* The slot an access at @ref falls in: a part if one covers it. */
static int access_slot(const struct bufref *ref, long long off)
{
	int w = engine_whole_slot(ref->buf), i;
	bool anchored_parts = false;

	if (!ref->offset_known)
		return w;
	for (i = engine_slot_next[w]; i >= 0; i = engine_slot_next[i]) {
		struct slot *s = &engine_cur.slots[i];

		if (s->akey == ref->akey && in_range(s, ref->offset + off))
			return i;
		anchored_parts |= s->akey != 0;
	}
	/*
	 * An element picked by a loop's cursor that no sync names: the loop
	 * walks the ring, every entry is touched (an init loop that fills
	 * them all): the whole buffer.  An element picked by another index
	 * no sync names (the index was computed again): it is not known
	 * which part it is, so say nothing; nor for an index inside a
	 * descriptor (slot->SG[i] in a loop over i is that descriptor's).
	 */
	if (ref->akey && anchored_parts && (ref->nested || !resolve_key_is_cursor(ref->akey)))
		return -1;
	/*
	 * A loop that stops at a constant (for (j = 0; j < N; j++)) walks
	 * only its entries: a part a sync names that holds all of them is
	 * the one written (53c700's script[j], synced as sizeof(SCRIPT)).
	 */
	if (ref->akey && !ref->nested && ref->anchor && resolve_key_is_cursor(ref->akey)) {
		long long lo, hi, size;

		if (resolve_cursor_extent(ref->anchor, &lo, &hi, &size) && off >= 0 &&
		    off < size) {
			lo += ref->offset;
			hi += ref->offset;
			for (i = engine_slot_next[w]; i >= 0; i = engine_slot_next[i]) {
				struct slot *s = &engine_cur.slots[i];

				if (!s->akey && s->lo <= lo && s->hi >= hi)
					return i;
			}
		}
	}
	return w;
}

static bool is_partial(const struct bufref *ref, long long size)
{
	if (ref->akey)
		return true;
	if (ref->offset_known && ref->offset)
		return true;
	if (size > 0 && ref->buf->size > 0)
		return size < ref->buf->size;
	/*
	 * A constant size at the start of memory of unknown size (a
	 * member at offset 0 of a struct a parameter points to: slot->SG)
	 * covers that much, not the whole struct.
	 */
	return size > 0 && ref->buf->size < 0 && !ref->buf->api && ref->offset_known &&
	       ref->buf->type_size > size;
}

/* ---- events ---- */

static struct event *new_event(enum ev_kind kind, struct position pos)
{
	struct event *ev;

	if (engine_cur.nr_events == cap_events)
		engine_cur.events = dmc_grow(engine_cur.events, &cap_events, sizeof(*engine_cur.events));
	ev = &engine_cur.events[engine_cur.nr_events++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->pos = pos;
	ev->slot = -1;
	ev->dir = DIR_UNKNOWN;
	ev->size = -1;
	ev->at = -1;
	ev->near = engine_own_pos;
	return ev;
}

static int const_dir(struct call_site *cs, int idx)
{
	long long v;

	if (!dmc_pseudo_const(dmc_call_arg(cs, idx), &v))
		return DIR_UNKNOWN;
	return v;
}

static long long const_size(struct call_site *cs, int idx)
{
	long long v;

	if (!dmc_pseudo_const(dmc_call_arg(cs, idx), &v) || v <= 0)
		return -1;
	return v;
}

static bool resolve_arg(struct call_site *cs, int idx, enum buf_kind kind,
			struct bufref *ref, bool make)
{
	pseudo_t p = dmc_call_arg(cs, idx);

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
	ref->buf = resolve_implicit_cpu_buffer(p, kind != BK_CPU, cs->insn);
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
		ev->slot = engine_whole_slot(ref->buf);
		ev->whole = true;
	}
}

static void alloc_event(struct call_site *cs)
{
	const struct dma_api *api = cs->api;
	struct buffer *buf = resolve_buffer_of_call(cs->insn, true);
	pseudo_t attrs = dmc_call_arg(cs, api->attrs);
	struct bufref ref = { .buf = buf, .offset_known = true };
	bool coherent;

	buf->api = api;
	buf->origin = cs->pos;
	if (!buf->name && dmc_source_lhs(cs->pos))
		buf->name = strdup(dmc_source_lhs(cs->pos));
	buf->dir = api->dir >= 0 ? const_dir(cs, api->dir) : DIR_BIDI;
	/* gfp flags where the direction goes: gfp-dir-swap said it once */
	if (buf->dir != DIR_UNKNOWN && (buf->dir < DIR_BIDI || buf->dir > DIR_NONE))
		buf->dir = DIR_UNKNOWN;
	buf->size = const_size(cs, api->size);
	coherent = api->family == FAM_COHERENT ||
		(api->family == FAM_ATTRS &&
		 !(attrs && dmc_pseudo_may_have_bits(attrs, ATTR_NON_CONSISTENT)));
	if (!buf->mixed_coherence)
		buf->coherent = coherent;
	resolve_learn_alloc(cs, buf);
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
		resolve_bind_call(cs->insn, ref.buf);
	/* mapped here, allocated by another family elsewhere: both happen */
	if (ref.buf->api && ref.buf->api->effect == FX_ALLOC &&
	    ref.buf->api->family != FAM_ANY && api->family != ref.buf->api->family)
		ref.buf->ambiguous = true;
	/* a map of a member of a struct: the struct is no mapping */
	if (!ref.buf->api && is_partial(&ref, const_size(cs, api->size)) &&
	    !ref.akey) {
		buffer_event(EV_MAP, cs, &ref, const_size(cs, api->size));
		return;
	}
	if (!ref.buf->api || ref.buf->api->effect != FX_ALLOC) {
		/* a mapping is known by the handle it returns */
		if (!ref.buf->api && dmc_source_lhs(cs->pos)) {
			free((char *)ref.buf->name);
			ref.buf->name = strdup(dmc_source_lhs(cs->pos));
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

		if (dmc_pseudo_const(dmc_call_arg(cs, api->buf + 1), &off))
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
	engine_cur.events[engine_cur.nr_events - 1].legacy = true;
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
	ev->via = resolve_name(dmc_call_arg(cs, arg), 0);
	return true;
}

/* CPU accesses made by library calls: checker/api/cpu_access.def. */
static void access_call(struct call_site *cs)
{
	const struct api_cpu_access *a = api_cpu_access(cs->name);

	if (a && cpu_call_event(cs, a->write, EV_WRITE))
		cpu_call_event(cs, a->read, EV_READ);
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
			pseudo_t arg = dmc_call_arg(cs, fx->param - 1);

			if (!arg)
				continue;
			if (fx->anchored) {
				if (!resolve_ptr(arg, &ref) || ref.buf != fx->buf) {
					memset(&ref, 0, sizeof(ref));
					ref.buf = fx->buf;
					ref.anchor = dmc_strip_casts(arg);
					ref.akey = resolve_key(arg);
					ref.offset_known = true;
				}
			} else if (!resolve_arg(cs, fx->param - 1, fx->param_kind, &ref, false)) {
				continue;
			}
		}
		if (!ref.buf)
			continue;
		if (fx->kind == EV_READ || fx->kind == EV_WRITE) {
			if (ref.meta)
				continue;
			/* the helper's accesses at their offsets (free_slot()'s CPU fields, not slot->SG) */
			slot = access_slot(&ref, fx->hi >= 0 ? fx->lo : 0);
			if (slot < 0)
				continue;
		} else if (!fx->param && (fx->lo || fx->hi >= 0)) {
			ref.offset = fx->lo;
			slot = part_slot(&ref, fx->hi >= 0 ? fx->hi - fx->lo : -1);
		} else if (ref.akey || (ref.offset_known && ref.offset) ||
			   (fx->anchored && fx->hi >= 0 && ref.offset_known &&
			    (ref.buf->size < 0 || fx->hi - fx->lo < ref.buf->size))) {
			/* a helper's part of its void *addr: &ring[0] is entry 0 */
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
			ev->via = resolve_name(dmc_call_arg(cs, fx->param - 1), 0);
		if (slot >= 0) {
			ev->slot = slot;
		} else {
			ev->slot = engine_whole_slot(ref.buf);
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
	     resolve_store_is_kick(insn))) {
		/* a store to a register that no buffer holds */
		if (store && !dmc_insn_is_folded(insn) && resolve_store_is_kick(insn)) {
			ev = new_event(EV_KICK, insn->pos);
			ev->via = resolve_name(insn->src, insn->offset);
		}
		return;
	}
	if (ref.meta || (store && dmc_insn_is_folded(insn)))
		return;
	/* a parameter no sync names may be a register block, not DMA memory */
	if (!ref.buf->param || ref.buf->synced || ref.buf->api)
		resolve_note_buffer_access(insn->src);
	slot = access_slot(&ref, insn->offset);
	if (slot < 0)
		return;
	ev = new_event(store ? EV_WRITE : EV_READ, insn->pos);
	ev->buf = ref.buf;
	ev->slot = slot;
	ev->via = resolve_name(insn->src, 0);
	if (ref.offset_known && !ref.akey && ref.offset + insn->offset >= 0) {
		ev->at = ref.offset + insn->offset;
		ev->width = insn->size > 8 ? insn->size / 8 : 1;
	}
}

static void learn_from_store(struct instruction *insn)
{
	resolve_learn_store(insn->src, insn->offset, insn->target);
	resolve_note_stored_type(insn);
}

/*
 * Build engine_cur's events for @ep; block boundaries go to engine_bbs[].
 * Twice: the first round finds every part a partial sync names, so that
 * in the second an access made before the sync already lands in its part.
 */
static void extract_round(struct entrypoint *ep, bool first);

void engine_extract(struct entrypoint *ep)
{
	resolve_begin(ep);
	engine_slot_gen++;
	extract_round(ep, true);
	extract_round(ep, false);
}

static void extract_round(struct entrypoint *ep, bool first)
{
	const struct fn_insns *f = engine_insns_of(ep);
	struct basic_block *bb;
	struct instruction *insn;
	int i, k = 0, nth_call = 0;

	engine_cur.ep = ep;
	engine_cur.fn = ep->name->ident ? dmc_ident_name(ep->name->ident) : "?";
	engine_cur.nr_events = 0;
	engine_sites_reset(ep);
	if (first)
		engine_cur.nr_slots = 0;
	engine_nr_bbs = f->nr_bbs;
	free(engine_bbs);
	engine_bbs = calloc(engine_nr_bbs + 1, sizeof(*engine_bbs));
	if (!engine_bbs)
		die("dmacheck: out of memory");

	for (i = 0; i < engine_nr_bbs; i++) {
		bb = f->bbs[i];
		bb->priv = &engine_bbs[i];
		engine_bbs[i].bb = bb;
		engine_bbs[i].first = engine_cur.nr_events;
		for (; k < f->end[i]; k++) {
			struct call_site *cs;

			insn = f->insns[k];
			engine_own_line(insn->pos);
			switch (f->op[k]) {
			case OP_INLINED_CALL:
				engine_note_inlined(insn, i);
				/* fall through */
			case OP_CALL:
				cs = dmc_call_site_nth(insn, nth_call++);
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
		engine_bbs[i].last = engine_cur.nr_events;
	}
	free(engine_ev_bb);
	engine_ev_bb = malloc((engine_cur.nr_events + 1) * sizeof(*engine_ev_bb));
	if (!engine_ev_bb)
		die("dmacheck: out of memory");
	for (i = 0; i < engine_nr_bbs; i++) {
		int k;

		for (k = engine_bbs[i].first; k < engine_bbs[i].last; k++)
			engine_ev_bb[k] = i;
	}
	engine_classify_returns(ep, f);
}
