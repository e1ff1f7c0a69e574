/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helper summaries: what a driver's own function does to its parameters
 * (and to the buffers it reaches through struct fields), whether it
 * starts the device, whether it turns a CPU pointer into a handle.  A
 * call to a summarised helper is the helper's effects at the call site.
 * Learnt by engine/summary.c; read by the engine and by resolve.c.
 */
#ifndef DMACHECK_SUMMARY_H
#define DMACHECK_SUMMARY_H

#include "engine.h"

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

/* The summary of the function named @fn, or NULL. */
const struct summary *summary_of(struct ident *fn);

#endif /* DMACHECK_SUMMARY_H */
