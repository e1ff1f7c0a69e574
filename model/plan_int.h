/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the planner's files (plan.c, plan_sync.c, plan_macro.c).
 */
#ifndef MODEL_PLAN_INT_H
#define MODEL_PLAN_INT_H

#include "internal.h"
#include "plan.h"

/* one decision for one call (a macro's use is one call) */
struct decision {
	struct plan_site site;
	struct call *call;
	struct dm_holder holder;	/* the holder in the call's function */
	const char *ptext;		/* the pointer as written at the site */
	bool needs_helper;		/* handle through a generated helper */
	int pos_level;			/* where the position was read: 0 the function, 1 its callers, ... */
};

struct planner {
	struct model *m;
	const struct plan_opts *opts;
	struct plan *p;
	struct decision *d;
	int nr_d, cap_d;
};

void plan_sync(struct planner *pl, struct call *c, struct decision *d);
void plan_merge_macros(struct planner *pl);
const char *plan_dir(struct planner *pl, struct dm_alloc *a);
void plan_leave(struct decision *d, const char *category, const char *why);
struct plan_helper *plan_helper_for(struct planner *pl, struct dm_alloc *a,
				    const struct dm_holder *h);
/* @s with every whole word @from replaced by @to */
const char *plan_replace_word(const char *s, const char *from, const char *to);

#endif /* MODEL_PLAN_INT_H */
