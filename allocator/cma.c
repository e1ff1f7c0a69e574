// SPDX-License-Identifier: GPL-2.0
/*
 * The contiguous area (the kernel's CMA): a run of ZONE_DMA32 reserved at
 * boot that serves multi-page DMA allocations first, so they succeed even
 * when the page allocator is fragmented.  Single pages never come from it,
 * and when it is full (or out of a device's reach) the caller falls back
 * to the page allocator, as dma_alloc_contiguous() callers do.
 */
#include <errno.h>

#include "internal.h"

static struct dmaref_area cma;
static size_t cma_allocs, cma_fallbacks;

int dmaref_cma_init(size_t size)
{
	const struct dmaref_bank *b = &dmaref_phys.bank[ZONE_DMA32];
	int ret;

	cma_allocs = cma_fallbacks = 0;
	if (!size)
		return 0;
	if (size > b->size || size % PAGE_SIZE)
		return -EINVAL;
	/* At the top of DMA32, where the kernel places it by default. */
	ret = dmaref_area_init(&cma, b->start + b->size - size,
			       size >> PAGE_SHIFT);
	if (!ret)
		dmaref_area_reserve_pages(&cma);
	return ret;
}

void dmaref_cma_exit(void)
{
	dmaref_area_exit(&cma);
}

/* Large allocations only; false means "use the page allocator". */
bool dmaref_cma_alloc(u64 mask, size_t size, phys_addr_t *pa)
{
	unsigned long nr = size >> PAGE_SHIFT;
	unsigned long align = 1UL << get_order(size);
	long first;

	if (nr <= 1 || !cma.nr_pages)
		return false;
	if (cma.base + ((phys_addr_t)cma.nr_pages << PAGE_SHIFT) - 1 > mask) {
		cma_fallbacks++;
		return false;
	}
	if (align > (1UL << (MAX_ORDER - 1)))
		align = 1UL << (MAX_ORDER - 1);
	first = dmaref_area_alloc(&cma, nr, align);
	if (first < 0) {
		cma_fallbacks++;
		return false;
	}
	cma_allocs++;
	*pa = cma.base + ((phys_addr_t)first << PAGE_SHIFT);
	return true;
}

bool dmaref_cma_free(phys_addr_t pa, size_t size)
{
	if (!dmaref_area_contains(&cma, pa))
		return false;
	dmaref_area_free(&cma, (pa - cma.base) >> PAGE_SHIFT,
			 size >> PAGE_SHIFT);
	return true;
}

void dmaref_cma_stats(struct dmaref_memory_stats *st)
{
	st->cma_free = (cma.nr_pages - cma.used) << PAGE_SHIFT;
	st->cma_allocs = cma_allocs;
	st->cma_fallbacks = cma_fallbacks;
}
