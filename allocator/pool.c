// SPDX-License-Identifier: GPL-2.0
/*
 * Coherent pools: memory set aside for dma_alloc_coherent().
 *
 * A per-device pool (the kernel's dma_declare_coherent_memory() or a
 * "shared-dma-pool" node) serves every coherent allocation of its device;
 * when it is full the allocation fails, it does not fall back.  The global
 * pool plays the kernel's atomic pool: coherent memory for a non-coherent
 * device when the caller cannot sleep (no __GFP_DIRECT_RECLAIM).
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

struct dmaref_pool {
	struct dmaref_area area;
	struct page *block;		/* buddy block behind a device pool */
	unsigned int order;
};

static struct dmaref_pool global_pool;

struct dmaref_pool *dmaref_pool_new(size_t size, u64 mask)
{
	struct dmaref_pool *pool = calloc(1, sizeof(*pool));
	unsigned int order = get_order(size);

	if (!pool)
		return NULL;
	pool->order = order;
	pool->block = dmaref_zone_alloc(mask, order);
	if (pool->block)
		dmaref_zero_take(dmaref_page_phys(pool->block), PAGE_SIZE << order);
	if (!pool->block ||
	    dmaref_area_init(&pool->area, dmaref_page_phys(pool->block),
			     1UL << order)) {
		if (pool->block)
			dmaref_zone_free(pool->block, order);
		free(pool);
		return NULL;
	}
	return pool;
}

void dmaref_pool_destroy(struct dmaref_pool *pool)
{
	if (!pool)
		return;
	dmaref_area_exit(&pool->area);
	dmaref_zone_free(pool->block, pool->order);
	free(pool);
}

bool dmaref_pool_alloc(struct dmaref_pool *pool, size_t size, phys_addr_t *pa)
{
	unsigned long nr = size >> PAGE_SHIFT;
	long first = dmaref_area_alloc(&pool->area, nr, 1);

	if (first < 0)
		return false;
	*pa = pool->area.base + ((phys_addr_t)first << PAGE_SHIFT);
	return true;
}

bool dmaref_pool_free(struct dmaref_pool *pool, phys_addr_t pa, size_t size)
{
	if (!pool || !dmaref_area_contains(&pool->area, pa))
		return false;
	dmaref_area_free(&pool->area, (pa - pool->area.base) >> PAGE_SHIFT,
			 size >> PAGE_SHIFT);
	return true;
}

int dmaref_global_pool_init(size_t size)
{
	const struct dmaref_bank *b = &dmaref_phys.bank[ZONE_DMA32];
	int ret;

	if (!size)
		return 0;
	if (size % PAGE_SIZE || size > b->size / 2)
		return -EINVAL;
	/* At the bottom of DMA32: reachable by any 32-bit device. */
	ret = dmaref_area_init(&global_pool.area, b->start, size >> PAGE_SHIFT);
	if (!ret)
		dmaref_area_reserve_pages(&global_pool.area);
	return ret;
}

void dmaref_global_pool_exit(void)
{
	dmaref_area_exit(&global_pool.area);
}

struct dmaref_pool *dmaref_global_pool(void)
{
	return global_pool.area.nr_pages ? &global_pool : NULL;
}
