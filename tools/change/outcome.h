/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a conversion did to a driver, read from its converted sites: per
 * buffer, the allocation it got (non-coherent, pages, coherent, or none
 * changed: a streaming buffer), its direction, and the syncs that hand it
 * to the device or give it back to the CPU.  The commit message is
 * written from this, never from the semantic patches' own help text.
 */
#ifndef DMACONV_CHANGE_OUTCOME_H
#define DMACONV_CHANGE_OUTCOME_H

#include <stddef.h>
#include "change/driver.h"

enum alloc_kind { ALLOC_NONE, ALLOC_NONCOHERENT, ALLOC_PAGES, ALLOC_COHERENT };

struct buffer_use {
	char *name;		/* "sp->srings", or the handle's name */
	char *handle;		/* "sp->srings_dma" */
	char *dir;		/* the allocation's direction, or NULL */
	enum alloc_kind kind;
	int for_device, for_cpu;	/* syncs converted */
	int frees;
};

struct outcome {
	struct buffer_use *v;
	size_t n;
	int removed_sync;	/* dma_cache_sync() was used */
	int removed_attr;	/* DMA_ATTR_NON_CONSISTENT was used */
	int removed_4arg;	/* the 4-argument dma_alloc_noncoherent() */
	struct strlist rules;	/* semantic patches that made the change */
};

void outcome_read(const struct driver *d, struct outcome *o);
void outcome_free(struct outcome *o);
enum alloc_kind outcome_main_kind(const struct outcome *o);
int call_args(const char *text, const char *name, struct strlist *args,
	      char **lhs);

#endif
