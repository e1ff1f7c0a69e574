/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What only the files of engine/ share: the function being analysed
 * (its events and slots, its blocks) and each pass's entry points.
 */
#ifndef DMACHECK_ENGINE_INTERNAL_H
#define DMACHECK_ENGINE_INTERNAL_H

#include "engine.h"
#include "summary.h"

/* The kinds of return a block sets or reaches (returns.c). */
enum { RET_ERROR = 1, RET_NORMAL = 2 };

/* One basic block of the function; each pass fills its own fields. */
struct bb_info {
	struct basic_block *bb;
	int first, last;		/* events of the block (events.c) */
	struct slot_state *out;		/* NULL until visited (solve.c) */
	int rpo;			/* reverse post-order number, -1 unreached */
	bool queued;
	unsigned char ret_kind;		/* RET_ERROR/RET_NORMAL if it sets the return value (returns.c) */
	unsigned char exit_edge;	/* the kind of its edge straight into the return */
	unsigned char reach;		/* the kinds of return reachable from it */
};

/* The function being analysed: what the checks see of it ... */
extern struct engine_ctx engine_cur;
/* ... its blocks (bb->priv points at its bb_info) ... */
extern struct bb_info *engine_bbs;
extern int engine_nr_bbs;
extern int *engine_ev_bb;		/* block of each event */
/* ... and the slots of each buffer, chained from its whole-buffer slot. */
extern int *engine_slot_next;		/* next slot of the same buffer, -1 */
/* Bumped for each extraction: a buffer's slot marks of older ones are stale. */
extern unsigned int engine_slot_gen;

/*
 * The instructions that make events (calls, loads, stores, returns) of
 * one function, block by block, picked once (insns.c).
 */
struct fn_insns {
	struct entrypoint *ep;
	int nr_bbs;
	struct basic_block **bbs;
	int *end;			/* per block: end of its run in insns[] */
	struct instruction **insns;
	unsigned char *op;		/* their opcodes: no trip to each one to skip it */
	int nr_insns;
	struct instruction **calls;	/* the calls alone, for dmc_collect_calls() */
	int nr_calls;
	void *calls_priv;		/* dmc_collect_calls()'s own, per function */
};

const struct fn_insns *engine_insns_of(struct entrypoint *ep);

/* events.c: the events and slots of @ep into engine_cur, its blocks' ranges. */
void engine_extract(struct entrypoint *ep);
/* The slot of the whole of @buf in this function, made if new. */
int engine_whole_slot(struct buffer *buf);

/* returns.c: which blocks return an error, which returns each reaches. */
void engine_classify_returns(struct entrypoint *ep, const struct fn_insns *f);

/* solve.c */
bool engine_solve(void);			/* false if the work limit hit */
/* Replay every reached block; @exit_state: the join at the returns. */
void engine_replay(struct slot_state *exit_state, bool *returns);
void engine_free_states(void);

/*
 * sites.c: the OP_INLINED_CALL notes of the function, as extraction
 * meets them, and the last position met in the function's own lines
 * (engine_own_line() on every instruction of interest).
 */
void engine_sites_reset(struct entrypoint *ep);
void engine_note_inlined(struct instruction *insn, int bb);
extern struct position engine_own_pos;
extern int engine_own_stream, engine_own_first, engine_own_last;
static inline void engine_own_line(struct position pos)
{
	if (pos.stream == engine_own_stream && pos.line >= engine_own_first &&
	    pos.line <= engine_own_last)
		engine_own_pos = pos;
}

/* summary.c: learn @ep's summary (the second pass). */
void summary_learn(struct entrypoint *ep);

/* debug.c */
void engine_debug_events(void);
void engine_debug_summary(const struct summary *sum);

#endif /* DMACHECK_ENGINE_INTERNAL_H */
