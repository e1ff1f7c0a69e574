/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmacheck: a sparse client that checks DMA buffer ownership.
 *
 * What every part of the checker shares: the check ids, the diagnostics
 * (diag.c), the calls of a function as the checks see them (calls.c),
 * small questions about sparse's values (values.c), the passes over a
 * translation unit (core.c) and a few helpers (util.c).  Every name the
 * checker exports has a prefix libsparse does not use: dmc_ here, api_,
 * resolve_, engine_, summary_, hashmap_ and ck_ in the parts.
 */
#ifndef DMACHECK_H
#define DMACHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "lib.h"
#include "symbol.h"
#include "expression.h"
#include "linearize.h"

#include "api/api.h"

/* ---- checks and diagnostics (diag.c) ---- */

enum check_id {
#define CK(name, e, id, summary) CK_##e,
#include "checks/check_list.h"
#undef CK
	NR_CHECKS
};

const char *dmc_check_name(enum check_id id);
const char *dmc_check_summary(enum check_id id);
int dmc_check_by_name(const char *name);		/* -1 if unknown */
void dmc_check_set_enabled(enum check_id id, bool on);

/* Report a finding; dropped if the check is off or suppressed in the source. */
void dmc_report(enum check_id id, struct position pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "file:line" of a position, for messages that point back at an event. */
const char *dmc_where(struct position pos);
/* A note about the analysis itself (work limit hit), on stderr. */
void dmc_note(struct position pos, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Where the child process writes its finding records (see loop.c). */
void dmc_diag_set_output(FILE *records);
/* The translation unit findings are made in, and whether it parsed completely. */
void dmc_diag_set_file(const char *tu, bool complete);
/* Source text at a position: the identifier there; the assignment's target. */
const char *dmc_source_ident(struct position pos);
const char *dmc_source_lhs(struct position pos);
const char *dmc_source_lvalue(struct position pos);

/* ---- calls as the checks see them (calls.c) ---- */

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

pseudo_t dmc_call_arg(const struct call_site *cs, int idx);	/* NULL if absent */
/* Fill @cs for a direct call (OP_CALL or OP_INLINED_CALL); false otherwise. */
bool dmc_decode_call(struct instruction *insn, struct call_site *cs);
/*
 * The calls of @ep, inlined API wrappers folded into one call each: the
 * array is valid until the next function's.
 */
struct call_site *dmc_collect_calls(struct entrypoint *ep, int *nr);
/* The call site of a call instruction of the current function, or NULL. */
struct call_site *dmc_call_site_of(struct instruction *insn);
/* The same for the @n-th call of engine_calls(), without a lookup. */
struct call_site *dmc_call_site_nth(struct instruction *insn, int n);
/* A store made by an inlined writel() & co: part of the kick. */
bool dmc_insn_is_folded(struct instruction *insn);

/* ---- sparse's values (values.c) ---- */

/* @p without the casts and copies in front of it. */
pseudo_t dmc_strip_casts(pseudo_t p);
/* A constant value of @p if it has one (looking through casts). */
bool dmc_pseudo_const(pseudo_t p, long long *val);
/* Could @p have any bit of @mask set?  Follows ORs, casts and phis. */
bool dmc_pseudo_may_have_bits(pseudo_t p, unsigned long long mask);

/* ---- the checks and the passes (core.c) ---- */

struct dmc_hooks;
/* Call every check's ck_<name>() (checks/check_list.h), in list order. */
void dmc_register_checks(void);
/* A check's hooks (engine/engine.h): from its ck_<name>(). */
void dmc_add_hooks(const struct dmc_hooks *hooks);

/* Analyse one translation unit's symbols. */
void dmc_analyse(struct symbol_list *list);

/* per-function work limit (instructions visited, counting revisits) */
extern unsigned long dmc_work_limit;
/* where the time of a file went (--stats) */
extern struct dmc_stats {
	double linearize;	/* sparse: expand + linearize + optimize */
	double analysis;	/* dmacheck's passes */
} dmc_stats;

/* ---- the driver model (model/model.h) of the unit being checked ---- */

struct model;
/*
 * The model of the files being analysed (one translation unit, or with
 * --unit every file given), solved before the analysis starts.
 */
struct model *dmc_model(void);

/* ---- helpers (util.c) ---- */

/* @v with room for twice *@cap elements (64 at first); dies without memory */
void *dmc_grow(void *v, int *cap, size_t elem);
/* a monotonic clock, for --stats */
double dmc_seconds(void);
/* A stable C string for an identifier ("?" for none). */
const char *dmc_ident_name(const struct ident *id);

#endif /* DMACHECK_H */
