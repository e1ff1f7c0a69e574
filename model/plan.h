/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The conversion planner: for every legacy site of a unit (dma_cache_sync,
 * DMA_ATTR_NON_CONSISTENT allocations and frees, the 4-argument
 * dma_alloc_noncoherent/dma_free_noncoherent, the attribute on
 * dma_map_*_attrs), the rewrite as text the semantic patches paste
 * (docs/design/driver-model.md, section 3).  facts.c writes it out.
 */
#ifndef MODEL_PLAN_H
#define MODEL_PLAN_H

#include "model.h"

enum plan_action {
	ACT_SYNC,		/* dma_sync_single_for_{cpu,device}() */
	ACT_LEAVE,		/* left as it is; category + why */
	ACT_ALLOC,		/* dma_alloc_noncoherent() / dma_alloc_coherent() */
	ACT_FREE,		/* dma_free_noncoherent() / dma_free_coherent() */
	ACT_DROP_ATTR,		/* DMA_ATTR_NON_CONSISTENT removed from a map */
};

struct plan_decl {
	const char *type, *name, *init;
};

struct plan_site {
	struct dm_pos pos;		/* spatch's position (inside the #define for a macro) */
	const char *call;		/* the legacy call */
	const char *function;		/* enclosing function (the first use's, for a macro) */
	bool complete;
	enum plan_action action;
	struct dm_alloc *alloc;		/* or NULL */
	const char *fn;			/* the new call */
	const char *dev, *handle, *dir;
	struct plan_decl decls[2];
	int nr_decls;
	const char *doubt;		/* converted with a default: why to look */
	const char *category;		/* ACT_LEAVE: unknown, streaming, ... */
	const char *why;		/* ACT_LEAVE: what a human should do */
	int uses;			/* macro uses merged into this site */
};

struct plan_helper {			/* a generated <unit>_<buf>_to_dma() */
	const char *name, *file, *after, *text;
};

struct plan_macro {			/* a header macro that must take the holder */
	const char *name, *file;
	int line, param;
	const char *was, *now, *pass;
};

struct plan_opts {
	bool narrow;		/* --narrow: one direction when all syncs agree */
};

struct plan {
	struct model *model;
	bool narrow;			/* planned with --narrow */
	struct plan_site *sites;
	int nr_sites;
	struct plan_helper *helpers;
	int nr_helpers;
	struct plan_macro *macros;
	int nr_macros;
};

const char *plan_action_name(enum plan_action a);
/* The direction the rewrite gives allocation @a's syncs and calls. */
const char *plan_alloc_dir(const struct plan *p, const struct dm_alloc *a);
struct plan *plan_unit(struct model *m, const struct plan_opts *opts);
void plan_free(struct plan *p);

#endif /* MODEL_PLAN_H */
