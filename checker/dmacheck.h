/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmacheck: a sparse client that checks DMA buffer ownership.
 *
 * The core (main.c, diag.c, core.c, engine.c) knows the file loop, the
 * diagnostics and the ownership state machine; each check family lives
 * in its own check_*.c and registers hooks with the core.
 */
#ifndef DMACHECK_H
#define DMACHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "lib.h"
#include "symbol.h"
#include "expression.h"
#include "linearize.h"

/* ---- checks and diagnostics (diag.c) ---- */

enum check_id {
#define CHECK(e, id, summary) CK_##e,
#include "checks.def"
#undef CHECK
	NR_CHECKS
};

const char *check_name(enum check_id id);
int check_by_name(const char *name);		/* -1 if unknown */
void check_set_enabled(enum check_id id, bool on);

/* Report a finding; dropped if the check is off or suppressed in the source. */
void report(enum check_id id, struct position pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "file:line" of a position, for messages that point back at an event. */
const char *where(struct position pos);
/* A note about the analysis itself (work limit hit), on stderr. */
void note(struct position pos, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void diag_set_output(FILE *records);
/* Source text at a position: the identifier there; the assignment's target. */
const char *source_ident(struct position pos);
const char *source_lhs(struct position pos);
const char *source_lvalue(struct position pos);

/* ---- the DMA API table (api.c, dma_api.def) ---- */

enum api_effect {
	FX_ALLOC,	/* returns a new buffer, CPU-owned */
	FX_FREE,	/* releases an allocated buffer */
	FX_MAP,		/* returns a handle; the device owns the buffer */
	FX_MAP_ARG,	/* maps the buffer in place (sg lists) */
	FX_UNMAP,	/* ends a mapping; the CPU owns the buffer again */
	FX_TO_DEVICE,	/* _for_device sync: hand-off to the device */
	FX_TO_CPU,	/* _for_cpu sync: the CPU takes the buffer back */
	FX_CACHE_SYNC,	/* dma_cache_sync(): direction decides */
	FX_DERIVE,	/* returns another name for the same buffer */
	FX_KICK,	/* starts the device (MMIO write) */
};

enum api_family {
	FAM_ANY, FAM_COHERENT, FAM_NONCOHERENT, FAM_PAGES, FAM_ATTRS,
	FAM_NONCONTIG, FAM_SINGLE, FAM_PAGE_MAP, FAM_SG, FAM_SGTABLE,
};

enum buf_kind { BK_CPU, BK_HANDLE, BK_PAGE, BK_SGT };
enum api_era { ERA_ANY, ERA_OLD };

struct dma_api {
	const char *name;
	int nargs;
	enum api_effect effect;
	enum api_family family;
	int buf;
	enum buf_kind kind;
	int handle, size, dir, gfp, attrs;
	enum api_era era;
};

/* The entry for a call of @name with @nargs arguments, or NULL. */
const struct dma_api *api_lookup(const char *name, int nargs);
const char *api_release_for(const struct dma_api *alloc);
void api_keep_calls(void);
/* --inline-api: let sparse inline the wrappers; only the notes are left */
extern bool api_inline;
bool api_known(const char *name);

/* enum dma_data_direction values (stable kernel ABI) */
enum { DIR_BIDI = 0, DIR_TO_DEVICE = 1, DIR_FROM_DEVICE = 2, DIR_NONE = 3,
       DIR_UNKNOWN = -1 };
const char *dir_name(int dir);

/* DMA_ATTR_NON_CONSISTENT, removed in 5.10 */
#define ATTR_NON_CONSISTENT (1UL << 3)

/* ---- calls as the checks see them (core.c) ---- */

/* arguments kept per call; nargs still counts them all */
#define MAX_CALL_ARGS 8

struct call_site {
	struct instruction *insn;	/* OP_CALL or OP_INLINED_CALL */
	struct position pos;		/* where to report it */
	pseudo_t target;		/* the value it returns */
	const char *name;		/* callee name */
	const struct dma_api *api;	/* table entry, or NULL */
	int nargs;
	pseudo_t args[MAX_CALL_ARGS];	/* first arguments */
	bool inlined;
};

pseudo_t call_arg(const struct call_site *cs, int idx);	/* NULL if absent */
/* Fill @cs for a direct call (OP_CALL or OP_INLINED_CALL); false otherwise. */
bool decode_call(struct instruction *insn, struct call_site *cs);
const char *ident_name(const struct ident *id);
/* @p without the casts and copies in front of it. */
pseudo_t strip_casts(pseudo_t p);
/* A constant value of @p if it has one (looking through casts). */
bool pseudo_const(pseudo_t p, long long *val);
/* Could @p have any bit of @mask set?  Follows ORs, casts and phis. */
bool pseudo_may_have_bits(pseudo_t p, unsigned long long mask);

/* ---- check registration (core.c) ---- */

struct check_ops {
	const char *name;
	/* every call, API or not, in every function, in program order */
	void (*on_call)(struct entrypoint *ep, struct call_site *cs);
	/* once per function, after the ownership engine ran */
	void (*on_function)(struct entrypoint *ep);
};

void register_check(const struct check_ops *ops);
void check_legacy_init(void);
void check_ownership_init(void);
void check_kick_init(void);
void check_release_init(void);
void check_direction_init(void);

/* Analyse one translation unit's symbols. */
void analyse_symbols(struct symbol_list *list);

/* per-function work limit (instructions visited, counting revisits) */
extern unsigned long work_limit;

/* @v with room for twice *@cap elements (64 at first); dies without memory */
void *grow(void *v, int *cap, size_t elem);
/* a monotonic clock, for --stats */
double seconds(void);
/* where the time of a file went (--stats) */
extern struct analysis_stats {
	double linearize;	/* sparse: expand + linearize + optimize */
	double analysis;	/* dmacheck's passes */
} analysis_stats;

#endif /* DMACHECK_H */
