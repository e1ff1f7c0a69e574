// SPDX-License-Identifier: GPL-2.0
/*
 * The IOVA space of an IOMMU device: bus addresses under the device's mask,
 * handed out top down (as the kernel's IOVA allocator does) from a sorted
 * list of free ranges that merges on free.  Physical pages behind an IOVA
 * range may be anywhere; the buffer keeps the page list.
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

size_t dmaref_iova_allocs;

int dmaref_iova_init(struct dmaref_iova *io, u64 base, u64 limit)
{
	struct dmaref_iova_range *r;

	io->free = NULL;
	io->base = base;
	io->limit = limit & PAGE_MASK;
	if (io->limit <= base)
		return -EINVAL;
	r = malloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->start = base;
	r->end = io->limit;
	r->next = NULL;
	io->free = r;
	return 0;
}

void dmaref_iova_exit(struct dmaref_iova *io)
{
	while (io->free) {
		struct dmaref_iova_range *next = io->free->next;

		free(io->free);
		io->free = next;
	}
}

/* Returns the bus address, or 0 when the space is exhausted. */
u64 dmaref_iova_alloc(struct dmaref_iova *io, size_t size)
{
	struct dmaref_iova_range *r, *best = NULL;
	u64 addr;

	size = PAGE_ALIGN(size);
	/* The highest range that fits: allocation goes top down. */
	for (r = io->free; r; r = r->next)
		if (r->end - r->start >= size)
			best = r;
	if (!best)
		return 0;
	best->end -= size;
	addr = best->end;
	dmaref_iova_allocs++;
	/* An emptied range stays in the list; zero-length ranges are harmless. */
	return addr;
}

void dmaref_iova_free(struct dmaref_iova *io, u64 addr, size_t size)
{
	struct dmaref_iova_range **link = &io->free, *r, *n;
	u64 end = addr + PAGE_ALIGN(size);

	while (*link && (*link)->end < addr)
		link = &(*link)->next;
	r = *link;
	if (r && r->end == addr) {
		r->end = end;
		/* Merge with the following range when they now touch. */
		n = r->next;
		if (n && n->start == r->end) {
			r->end = n->end;
			r->next = n->next;
			free(n);
		}
		return;
	}
	if (r && r->start == end) {
		r->start = addr;
		return;
	}
	n = malloc(sizeof(*n));
	if (!n)
		return;		/* the range leaks; the space shrinks */
	n->start = addr;
	n->end = end;
	n->next = r;
	*link = n;
}
