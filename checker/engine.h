/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ownership engine: buffers, the events a function does to them, and
 * a forward data-flow over the linearized CFG that gives each buffer an
 * owner at every event.  Checks see events with the state before them.
 */
#ifndef DMACHECK_ENGINE_H
#define DMACHECK_ENGINE_H

#include "dmacheck.h"

/*
 * A buffer: one DMA allocation or mapping, or memory reached through a
 * struct field or a parameter whose allocation this file does not show.
 */
struct buffer {
	int id;
	const char *name;		/* how messages name it */
	const struct dma_api *api;	/* allocation/map call, NULL if unseen */
	struct position origin;		/* where it was allocated or mapped */
	int dir;			/* allocation/map direction, DIR_UNKNOWN */
	long long size;			/* allocation size, -1 if unknown */
	bool coherent;			/* no ownership rules apply */
	bool synced;			/* this file syncs it: non-coherent */
	bool ambiguous;			/* its field holds several allocations */
	bool mixed_coherence;		/* ... coherent and non-coherent ones */
	int param;			/* >0: the function parameter it stands for */
	enum buf_kind param_kind;
	struct ident *param_fn;
	int slot;			/* slot of the whole buffer in this function */
	unsigned int slot_gen;
	int first_own;			/* first hand-off/take-back event, this function */
	unsigned int first_own_gen;
	unsigned int alloc_gen;		/* allocated or mapped in this function */
};

/* Where a pointer or handle points: a buffer, and which part of it. */
struct bufref {
	struct buffer *buf;
	pseudo_t anchor;		/* derived pointer a partial sync names */
	long long offset;		/* from the base (or anchor), if known */
	bool offset_known;
	bool meta;			/* points at its struct page/sg_table */
};

enum ev_kind {
	EV_ALLOC,	/* new buffer, CPU owns it */
	EV_MAP,		/* device owns it (dma_map_*) */
	EV_UNMAP,	/* CPU owns it again, mapping gone */
	EV_FREE,	/* gone */
	EV_TO_DEVICE,	/* _for_device sync or dma_cache_sync(TO_DEVICE) */
	EV_TO_CPU,	/* _for_cpu sync or dma_cache_sync(FROM_DEVICE) */
	EV_READ,	/* CPU load through the buffer */
	EV_WRITE,	/* CPU store through the buffer */
	EV_KICK,	/* the device is started */
	EV_RET,		/* the function returns */
};

struct event {
	enum ev_kind kind;
	int slot;			/* -1 for kicks and returns */
	struct buffer *buf;
	struct position pos;
	const char *call;		/* the call that did it, NULL for load/store */
	const char *via;		/* the pointer expression, for accesses */
	const struct dma_api *api;	/* the API entry, if a DMA API call */
	struct call_site *cs;		/* the call, if any */
	int dir;			/* direction argument, DIR_UNKNOWN */
	long long size;			/* size argument, -1 if unknown */
	bool whole;			/* covers every part of the buffer */
	bool legacy;			/* dma_cache_sync() */
	bool summary;			/* from a helper's summary */
};

enum owner {
	OWN_NONE,	/* not reached yet (bottom) */
	OWN_ENTRY,	/* as the caller left it: not known here */
	OWN_CPU,
	OWN_DEVICE,
	OWN_FREED,
	OWN_MIXED,	/* CPU on some paths (taken here), device on others */
	OWN_UNKNOWN,	/* anything else (top) */
};

/* The state of one slot (a buffer, or a part of it) at one point. */
struct slot_state {
	unsigned char owner;
	bool dirty;		/* CPU stores since the last hand-off */
	bool taken;		/* the CPU took it with _for_cpu in this function */
	bool read_early;	/* read while still as the caller left it */
	bool unmapped;		/* its mapping was undone */
	bool dev_write;		/* stored to while the device owned it */
	int owner_ev;		/* event that set the owner, -1 none */
	int dirty_ev;		/* first store since the last hand-off */
	int taken_ev;		/* the _for_cpu sync */
	int read_ev;		/* first such read */
	int dev_write_ev;	/* that store, and the hand-off before it */
	int dev_handoff_ev;
};

struct slot {
	struct buffer *buf;
	pseudo_t anchor;	/* NULL: the whole buffer */
	long long lo, hi;	/* byte range, when known (hi < 0: open) */
};

struct engine_ctx {
	struct entrypoint *ep;
	const char *fn;
	struct event *events;
	int nr_events;
	struct slot *slots;
	int nr_slots;
	bool reporting;		/* false while learning summaries */
};

/* Hooks a check family registers to see events with their state. */
struct engine_hooks {
	void (*on_event)(struct engine_ctx *ctx, const struct event *ev,
			 struct slot_state *st);
	/* a kick or a return: every slot's state */
	void (*on_point)(struct engine_ctx *ctx, const struct event *ev,
			 struct slot_state *states);
};

void engine_register(const struct engine_hooks *hooks);
void engine_learn_fields(struct entrypoint *ep);
void engine_learn(struct entrypoint *ep);
void engine_run(struct entrypoint *ep);
const struct event *engine_event(struct engine_ctx *ctx, int idx);
bool engine_gives_back_after(struct engine_ctx *ctx, int idx, int slot);
bool engine_error_only(struct engine_ctx *ctx, const struct event *ev);
/*
 * Keys a check has already reported in the current function, so it
 * reports each once: the first @cap keys are remembered.
 */
struct told_set {
	struct entrypoint *ep;
	int cap, nr;
	int key[32];
};
/* False the first time @key is seen in @ctx's function, true after. */
bool engine_told(struct engine_ctx *ctx, struct told_set *told, int key);
/* The calls of @ep, block by block, and a place to keep what they decode to. */
struct instruction *const *engine_calls(struct entrypoint *ep, int *nr, void ***priv);

/* resolve.c */
void resolve_begin(struct entrypoint *ep);
bool resolve_ptr(pseudo_t p, struct bufref *ref);
bool resolve_handle(pseudo_t p, struct bufref *ref);
struct buffer *buffer_new(const char *name);
struct buffer *param_buffer(int nr, enum buf_kind kind);
void learn_store(pseudo_t addr, long long offset, pseudo_t value);
void learn_alloc(struct call_site *cs, struct buffer *buf);
const char *pseudo_name(pseudo_t p, long long offset);
bool store_is_kick(struct instruction *insn);
void note_stored_type(struct instruction *store);
void note_buffer_access(pseudo_t addr);
struct buffer *buffer_of_call(struct instruction *insn, bool create);
void bind_call(struct instruction *insn, struct buffer *buf);
struct buffer *implicit_cpu_buffer(pseudo_t p, bool meta, struct instruction *site);

/* summary.c: what a driver's function does to its parameters */
struct sum_effect {
	enum ev_kind kind;
	long long lo, hi;		/* the part of the buffer (hi < 0: open) */
	int param;			/* >0: parameter number; 0: buf below */
	enum buf_kind param_kind;
	bool anchored;			/* the parameter points into the buffer */
	struct buffer *buf;		/* buffer reached through a field */
	int dir;
	const struct dma_api *api;	/* for frees: which release */
};

struct summary {
	struct ident *fn;
	bool kicks;
	int handle_of;			/* returns the handle of parameter N */
	int nr;
	struct sum_effect effects[8];
};

const struct summary *summary_of(struct ident *fn);
struct summary *summary_new(struct ident *fn);

/* core.c: the calls of the current function, inlined wrappers folded */
struct call_site *call_site_of(struct instruction *insn);
struct call_site *call_site_nth(struct instruction *insn, int n);
bool insn_is_folded(struct instruction *insn);

#endif /* DMACHECK_ENGINE_H */
