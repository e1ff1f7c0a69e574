/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ownership engine, as the checks see it: the events a function does
 * to its buffers (allocation, map, sync, free, CPU load/store, device
 * kick, return), the slots they fall in (a buffer, or the part of it a
 * partial sync names), and the state of each slot before each event,
 * from a forward data-flow over sparse's linearized CFG.
 *
 * The files of engine/, one pass each:
 *	insns.c    the instructions that make events, picked once per function
 *	events.c   slots and events: a function's instructions as events
 *	returns.c  error and normal returns; "given back later" reachability
 *	solve.c    the data-flow to a fixed point, then one replay for the checks
 *	summary.c  what a helper does to its parameters, learnt and stored
 *	sites.c    where the driver's code makes an event (inlined helpers)
 *	debug.c    DMACHECK_DEBUG_FN and DMACHECK_DEBUG_SUMMARY output
 *	engine.c   the entry points the core calls
 * internal.h is what only they share.
 */
#ifndef DMACHECK_ENGINE_H
#define DMACHECK_ENGINE_H

#include "dmacheck.h"
#include "model/resolve.h"

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
	long long at, width;		/* a load or store: its bytes from the buffer's start (at < 0: not known) */
	bool whole;			/* covers every part of the buffer */
	bool legacy;			/* dma_cache_sync() */
	bool summary;			/* from a helper's summary */
	struct position near;		/* the function's own line last met before it */
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
	pseudo_t anchor;	/* a value that names the part, or NULL */
	unsigned long long akey;	/* the part's descriptor key; 0: a fixed range */
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

/*
 * What a check hooks (its ck_<name>() passes them to dmc_add_hooks()).
 * Hooks of one kind run in the order of checks/check_list.h.
 */
struct dmc_hooks {
	/* every call, API or not, in every function, in program order */
	void (*on_call)(struct entrypoint *ep, struct call_site *cs);
	/*
	 * An event on slot @slot, with the slot's state before it.  A kick
	 * or a return is an event on every slot.
	 */
	void (*on_event)(struct engine_ctx *ctx, const struct event *ev, int slot,
			 const struct slot_state *st);
	/* at a kick or a return, once on_event saw every slot: each slot */
	void (*on_point)(struct engine_ctx *ctx, const struct event *ev, int slot,
			 const struct slot_state *st);
	/* once per function, after the engine ran */
	void (*on_function)(struct entrypoint *ep);
};

/* The engine's part of dmc_add_hooks(): on_event and on_point. */
void engine_register(const struct dmc_hooks *hooks);
/* Event @idx of the function, or NULL (for the *_ev fields of a state). */
const struct event *engine_event(struct engine_ctx *ctx, int idx);
/* Is @slot given back to the device on some path after event @idx? */
bool engine_gives_back_after(struct engine_ctx *ctx, int idx, int slot);
/*
 * Where the driver's code makes @ev, in *@pos: its position, or for a
 * DMA call inside an inlined helper's body, the call of that helper
 * (*@helper, when not NULL, gets the helper), or with @near, the
 * function's own line met last before it.  False, with the event's own
 * position, when none of these holds it.
 */
bool engine_site(struct engine_ctx *ctx, const struct event *ev, bool near,
		 struct position *pos, struct symbol **helper);
/* Does every return reachable from the event's block return an error? */
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

/* The core's three passes over a translation unit, one function at a time. */
void engine_learn_fields(struct entrypoint *ep);	/* which fields hold buffers */
void engine_learn(struct entrypoint *ep);		/* helper summaries */
void engine_run(struct entrypoint *ep);			/* the checks */

#endif /* DMACHECK_ENGINE_H */
