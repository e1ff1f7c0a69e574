/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The buffer model of one file: which DMA buffer a pointer or a handle
 * names.
 *
 * A buffer is one allocation or mapping, or memory reached through a
 * struct field or a parameter whose allocation this file does not show.
 * resolve.c follows values through sparse's SSA definitions (casts,
 * offsets, phis, loads from struct fields) and keeps, for the whole
 * translation unit, a registry of the fields that hold buffers, keyed by
 * access path (struct type + offset, or a variable + offset): a buffer
 * allocated in probe() is found again in the interrupt handler.
 *
 * Who calls what:
 *	the engine, per function: resolve_begin(), then resolve_ptr() and
 *	resolve_handle() for every pointer and handle an event names, and
 *	the resolve_learn_*() / resolve_note_*() calls that teach the
 *	registry as it meets allocations and stores;
 *	resolve.c itself asks calls.c for a function's call sites and the
 *	helper summaries (engine/summary.h) for helpers that return a
 *	handle.
 *
 * This is the per-file piece of the driver model that
 * docs/design/driver-model.md plans at the top of the tree (model/, with
 * model/model.h over every file of a Kbuild unit): that model grows from
 * resolve.c, and the engine asks it only what this header declares.
 */
#ifndef DMACHECK_RESOLVE_H
#define DMACHECK_RESOLVE_H

#include "dmacheck.h"

struct buffer {
	int id;
	const char *name;		/* how messages name it */
	const struct dma_api *api;	/* allocation/map call, NULL if unseen */
	struct position origin;		/* where it was allocated or mapped */
	int dir;			/* allocation/map direction, DIR_UNKNOWN */
	long long size;			/* allocation size, -1 if unknown */
	long long type_size;		/* no allocation seen: sizeof the struct it points to, or -1 */
	bool coherent;			/* no ownership rules apply */
	bool synced;			/* this file syncs it: non-coherent */
	bool ambiguous;			/* its field holds several allocations */
	bool mixed_coherence;		/* ... coherent and non-coherent ones */
	int param;			/* >0: the function parameter it stands for */
	enum buf_kind param_kind;
	struct ident *param_fn;
	/* the engine's marks for the function it analyses (engine_slot_gen) */
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
	unsigned long long akey;	/* the descriptor's key (resolve_key()), 0: none */
	long long offset;		/* from the base (or anchor), if known */
	bool offset_known;
	bool nested;			/* an index inside a descriptor (slot->SG[i]) */
	bool meta;			/* points at its struct page/sg_table */
};

/* Start a function: the per-value answers of the last one are dropped. */
void resolve_begin(struct entrypoint *ep);
/* The buffer a CPU pointer (or struct page, sg_table) points into. */
bool resolve_ptr(pseudo_t p, struct bufref *ref);
/* The buffer a DMA handle names; an unseen handle field stands for one. */
bool resolve_handle(pseudo_t p, struct bufref *ref);

/* A new buffer named @name (may be NULL). */
struct buffer *resolve_new_buffer(const char *name);
/* The buffer parameter @nr (from 1) of the current function stands for. */
struct buffer *resolve_param_buffer(int nr, enum buf_kind kind);
/* The buffer an allocation or map call makes (the same in every pass). */
struct buffer *resolve_buffer_of_call(struct instruction *insn, bool create);
/* The buffer a map call maps is @buf (its handle names it). */
void resolve_bind_call(struct instruction *insn, struct buffer *buf);
/* A pointer met unresolved at a map or dma_cache_sync() call: its buffer. */
struct buffer *resolve_implicit_cpu_buffer(pseudo_t p, bool meta, struct instruction *site);

/* An allocation of @buf: its handle argument's field now names it. */
void resolve_learn_alloc(struct call_site *cs, struct buffer *buf);
/* A store of @value at @addr + @offset: a buffer's pointer or handle kept in a field. */
void resolve_learn_store(pseudo_t addr, long long offset, pseudo_t value);
/* The store's value is a buffer's pointer: its struct type lives in DMA memory. */
void resolve_note_stored_type(struct instruction *store);
/* An access through @addr into a buffer: its struct type lives in DMA memory. */
void resolve_note_buffer_access(pseudo_t addr);
/* Does this store start the device (an __iomem or volatile register)? */
bool resolve_store_is_kick(struct instruction *insn);

/*
 * The key of an index or offset value: the same for every SSA value
 * computed the same way from the same struct fields, globals and
 * constants (sp->rx_new loaded twice, PREV_RX(sp->rx_new)), and for the
 * values of a loop's cursor (i, NEXT(i) and the phi that joins them
 * count as the cursor's start).  Keys with RESOLVE_KEY_LOCAL name a
 * value of this function only; the others mean the same in every
 * function of the file.  Never 0.
 */
#define RESOLVE_KEY_LOCAL (1ULL << 63)
unsigned long long resolve_key(pseudo_t p);
/* Is @key a loop's cursor, or computed from one (&ring[i] in the loop)? */
bool resolve_key_is_cursor(unsigned long long key);
/*
 * The bytes a loop's cursor walks: @index is the offset a cursor key
 * names (i, i * size or i << shift) of a loop i = c; i < N; i++ (or <=,
 * or !=, tested before or after the step): [c * size, N * size) with
 * the element's @size.  False when the start, the step or the bound is
 * not a constant.
 */
bool resolve_cursor_extent(pseudo_t index, long long *lo, long long *hi, long long *size);

/* The source-level name of a value ("priv->ring"), or NULL. */
const char *resolve_name(pseudo_t p, long long offset);

#endif /* DMACHECK_RESOLVE_H */
