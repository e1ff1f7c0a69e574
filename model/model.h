/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver-wide DMA buffer model: for one driver unit (every file sparse
 * parsed for it, one after the other in one process), which DMA
 * allocations it makes and what every pointer, handle and device value
 * may point into.  Field-based, flow-insensitive points-to over sparse's
 * evaluated AST (docs/design/driver-model.md, section 2).
 *
 * Use:
 *	m = model_new("sgiseeq");
 *	for each file: list = model_parse_file(file);   (model/parse.h)
 *		       model_add_file(m, file, list);	 before any linearize
 *	model_solve(m);
 *	queries ...; plan_unit(m, ...) (model/plan.h); model_free(m);
 *
 * The model reads the DMA API from checker/api/dma_api.def and the
 * accessors from checker/api/accessors.def: it restates neither.
 */
#ifndef MODEL_MODEL_H
#define MODEL_MODEL_H

#include <stdbool.h>
#include <stdio.h>

#include "lib.h"
#include "symbol.h"
#include "expression.h"
#include "parse.h"

struct model;
struct dm_alloc;
struct dm_loc;

/* ---- what a value may be ---- */

enum dm_kind {
	DM_UNKNOWN,		/* nothing the model can name */
	DM_ALLOC,		/* a CPU pointer into a DMA allocation */
	DM_HANDLE,		/* a dma_addr_t of a DMA allocation */
	DM_DEVICE,		/* a struct device * (what names it: dm_target.what) */
	/* not DMA memory: the categories of section 2 */
	DM_STREAMING,		/* mapped with dma_map_single()/dma_map_page() */
	DM_SKB,			/* skb->data, skb_put() ... */
	DM_STACK,		/* address of a local array or struct */
	DM_KMALLOC,		/* kmalloc()/kzalloc() ... never mapped */
	DM_USER,		/* a __user pointer, or one given to copy_*_user() */
	DM_BUS_TO_VIRT,		/* bus_to_virt()/phys_to_virt() of an address */
	DM_MIXED,		/* may be several of the above (a helper's parameter) */
	DM_NR_KINDS
};

/* "alloc", "streaming", "skb", ... as the facts file spells them */
const char *dm_kind_name(enum dm_kind kind);

enum dm_off_kind {
	OFF_CONST,		/* a byte offset known at compile time */
	OFF_TERM,		/* base + symbolic terms (text below) */
	OFF_UNKNOWN,		/* walked around, merged: only a helper can say */
};

struct dm_offset {
	enum dm_off_kind kind;
	long value;		/* OFF_CONST: bytes; OFF_TERM: its constant part */
	const char *terms;	/* OFF_TERM: " + i * sizeof(struct d)" style text */
};

/* What one expression or location may point into (or be). */
struct dm_target {
	enum dm_kind kind;
	struct dm_alloc *alloc;		/* DM_ALLOC, DM_HANDLE */
	struct dm_offset off;		/* DM_ALLOC, DM_HANDLE */
	/*
	 * DM_STREAMING: the location that holds the mapping's handle (or
	 * NULL) and the mapping call; other categories: the call or the
	 * symbol that made the memory
	 */
	const struct dm_loc *handle_loc;
	struct position where;
	const char *what;		/* short source text of the origin */
};

/* ---- allocations ---- */

enum dm_dir_bits {
	DIR_BIT_BIDI = 1 << 0, DIR_BIT_TO_DEVICE = 1 << 1,
	DIR_BIT_FROM_DEVICE = 1 << 2, DIR_BIT_UNKNOWN = 1 << 3,
};

struct dm_alloc {
	int id;				/* 1, 2, ... in source order */
	const char *call;		/* dma_alloc_attrs, dma_alloc_noncoherent ... */
	int nargs;
	struct position pos;		/* of the call's '(' (sparse) */
	struct expression *expr;	/* the EXPR_CALL */
	struct symbol *fn;		/* function making it */
	bool legacy;			/* DMA_ATTR_NON_CONSISTENT or 4-argument */
	const char *cpu;		/* where the CPU address goes: "sp->srings" */
	const char *handle;		/* where the handle goes: "sp->srings_dma" */
	const char *dev;		/* device argument as written */
	const char *size;		/* size argument as written */
	const struct dm_loc *cpu_loc;	/* best location of the CPU address */
	const struct dm_loc *handle_loc; /* best location of the handle */
	unsigned int dirs;		/* enum dm_dir_bits of the syncs naming it */
	int nr_syncs;			/* syncs (old or new API) that name it */
	const char *translator;		/* driver's VIRT_TO_DMA-style helper, or NULL */
	int translator_holder;		/* its argument that takes the holder */
	int translator_ptr;		/* its argument that takes the pointer */
	bool translator_is_macro;
	bool complete;			/* false: made in a file parsed best-effort */
	/* the model's own: where the call writes the handle, the CPU address's type */
	const struct dm_loc *handle_seed;
	struct symbol *cpu_type;
};

int model_nr_allocs(const struct model *m);
struct dm_alloc *model_alloc(const struct model *m, int i);	/* 0-based */

/* ---- locations (section 2: field, global, local, parameter, return) ---- */

enum dm_loc_kind { LOC_FIELD, LOC_GLOBAL, LOC_LOCAL, LOC_PARAM, LOC_RET };

struct dm_loc {
	enum dm_loc_kind kind;
	struct ident *type;		/* LOC_FIELD: struct tag (or typedef name) */
	unsigned long offset;		/* LOC_FIELD: byte offset; LOC_PARAM: index */
	struct ident *name;		/* member, global, local or function name */
	struct symbol *sym;		/* LOC_GLOBAL/LOC_LOCAL: the symbol */
	struct ident *fn;		/* LOC_LOCAL, LOC_PARAM, LOC_RET */
	struct symbol *ctype;		/* the location's type */
};

/* "struct sgiseeq_private.srings", "param dma_sync_desc_cpu#1" ... */
const char *dm_loc_name(const struct dm_loc *loc);

/* ---- lifetime ---- */

struct model *model_new(const char *unit);
/* Collect one file (before anything linearizes or inlines its symbols). */
void model_add_file(struct model *m, const char *file, struct symbol_list *list);
/* Mark the file's facts incomplete (a best-effort parse, model/parse.h). */
void model_file_incomplete(struct model *m, const char *file);
/* Solve the points-to constraints of every file added; call once. */
void model_solve(struct model *m);
void model_free(struct model *m);
const char *model_unit(const struct model *m);

/* ---- queries for the planner: AST expressions in a function ---- */

/* What @e (evaluated, inside function @fn) points into; DM_UNKNOWN if nothing. */
struct dm_target model_expr(struct model *m, struct symbol *fn, struct expression *e);

/* ---- queries for the checker: SSA roots ---- */

/* A load of the member at @offset of @struct_type (a SYM_STRUCT/UNION). */
struct dm_target model_field(struct model *m, struct symbol *struct_type, unsigned long offset);
struct dm_target model_global(struct model *m, struct symbol *sym);
/* Parameter @index (0-based) of function @fn. */
struct dm_target model_param(struct model *m, struct symbol *fn, int index);
/* The value a call of @fn returns. */
struct dm_target model_call_result(struct model *m, struct symbol *fn);
/* The allocation an allocation call (EXPR_CALL or its position) makes. */
struct dm_alloc *model_alloc_at(struct model *m, struct position pos);

/* ---- holders: reaching an allocation's handle from a function ---- */

struct dm_decl {		/* a typed local the rewrite must add */
	const char *type;	/* "struct sgiseeq_private *" */
	const char *name;	/* "sp" */
	const char *init;	/* "netdev_priv(dev)" */
};

struct dm_holder {
	const char *expr;	/* "hostdata", "sp", "hal2->dac" (the holder) */
	const char *handle;	/* A's handle through it: "sp->srings_dma" */
	const char *cpu;	/* A's CPU address through it, or NULL */
	const char *dev;	/* a struct device * reachable there, or NULL */
	struct dm_decl decl;	/* decl.name != NULL: add this local first */
	struct symbol *type;	/* the holder's struct */
	bool ambiguous;		/* several members lead there (dac, adc) */
};

/* How function @fn reaches @a's handle; false if it cannot. */
bool model_holder(struct model *m, struct dm_alloc *a, struct symbol *fn,
		  struct dm_holder *out);

/*
 * The handle text for pointer @p into @a at a site of @fn, through
 * @holder: "h + off", "h + i * sizeof(struct d)", the driver's
 * translation helper, or NULL when only a generated helper can say
 * (model_helper_name() gives its name).
 */
const char *model_handle_text(struct model *m, struct symbol *fn,
			      struct expression *p, struct dm_alloc *a,
			      const struct dm_holder *holder);
/* "<prefix><buffer>_to_dma", the prefix the driver gives its functions: the helper generated for @a. */
const char *model_helper_name(struct model *m, struct dm_alloc *a);

/* ---- source text ---- */

/*
 * @e as C source text.  A part that came from a macro expansion is
 * printed as the macro invocation written in the source (VIRT_TO_DMA(sp,
 * v)), not as its expansion.  The string lives as long as the model.
 */
const char *model_expr_text(struct model *m, struct expression *e);

/*
 * spatch's position of a call: file, 1-based line, 0-based byte column
 * of its first token; for a call inside a #define, its place there.
 */
struct dm_pos {
	const char *file;
	int line, column;
	const char *macro;	/* the #define the call sits in, or NULL */
	struct position use;	/* the macro's use (when macro != NULL) */
};

bool model_call_position(struct model *m, struct expression *call, struct dm_pos *out);

/* ---- sites of the unit's calls ---- */

struct dm_call {
	struct expression *expr;	/* EXPR_CALL */
	struct symbol *fn;		/* the function it sits in */
	const char *name;		/* callee */
	int nargs;
	struct expression *args[8];
	const char *file;
	bool complete;
};

/*
 * Every call to @name (NULL: every DMA API call) in the unit, in the
 * order collected; *@out is allocated, free() it.
 */
int model_calls(struct model *m, const char *name, struct dm_call **out);

/* ---- dump (tests, dmamodel --dump) ---- */

void model_dump(struct model *m, FILE *out);

#endif /* MODEL_MODEL_H */
