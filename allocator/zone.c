// SPDX-License-Identifier: GPL-2.0
/*
 * Zones: which buddy allocator may serve a given DMA mask.
 *
 * As in dma-direct, the mask picks the highest zone worth trying and the
 * allocation falls back to lower zones (NORMAL -> DMA32 -> DMA); a block
 * that still ends above the mask (a 30-bit mask and ZONE_DMA32, say) is
 * given back and the next lower zone is tried.
 *
 * Single pages go through a small per-zone cache first, as the kernel's
 * per-CPU page lists do: freeing and reallocating a page then costs no
 * buddy splitting and merging.  Statistics and fragmentation drain it.
 */
#include <string.h>

#include "internal.h"

#define PCP_PAGES	32

struct pcp {
	struct page *page[PCP_PAGES];
	unsigned int count;
};

static struct pcp pcp[DMAREF_NR_ZONES];

void dmaref_zone_drain(void)
{
	int z;

	for (z = 0; z < DMAREF_NR_ZONES; z++)
		while (pcp[z].count)
			dmaref_buddy_free(&dmaref_zones[z],
					  pcp[z].page[--pcp[z].count], 0);
}

static struct page *zone_take(enum dmaref_zone z, unsigned int order)
{
	if (!order && pcp[z].count)
		return pcp[z].page[--pcp[z].count];
	return dmaref_buddy_alloc(&dmaref_zones[z], order);
}

static void zone_give(enum dmaref_zone z, struct page *page,
		      unsigned int order)
{
	if (!order && pcp[z].count < PCP_PAGES) {
		pcp[z].page[pcp[z].count++] = page;
		return;
	}
	dmaref_buddy_free(&dmaref_zones[z], page, order);
}

static enum dmaref_zone highest_zone_for(u64 mask)
{
	if (mask <= DMAREF_DMA_LIMIT - 1)
		return ZONE_DMA;
	if (mask <= DMAREF_DMA32_LIMIT - 1)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

struct page *dmaref_zone_alloc(u64 mask, unsigned int order)
{
	int z;

	for (z = highest_zone_for(mask); z >= ZONE_DMA; z--) {
		struct page *page = zone_take(z, order);
		phys_addr_t last;

		if (!page)
			continue;
		last = dmaref_page_phys(page) + (PAGE_SIZE << order) - 1;
		if (last <= mask)
			return page;
		zone_give(z, page, order);
	}
	return NULL;
}

void dmaref_zone_free(struct page *page, unsigned int order)
{
	zone_give(dmaref_phys_zone(dmaref_page_phys(page)), page, order);
}

int dmaref_zone_init(void)
{
	int z;

	memset(pcp, 0, sizeof(pcp));
	for (z = 0; z < DMAREF_NR_ZONES; z++) {
		const struct dmaref_bank *b = &dmaref_phys.bank[z];

		dmaref_buddy_init(&dmaref_zones[z], b->start >> PAGE_SHIFT,
				  b->size >> PAGE_SHIFT);
	}
	return 0;
}

/* ---- the kernel's page allocator entry points ---- */

static u64 mask_for_gfp(gfp_t gfp)
{
	unsigned int flags = (__force unsigned int)gfp;

	if (flags & ___GFP_DMA)
		return DMAREF_DMA_LIMIT - 1;
	if (flags & ___GFP_DMA32)
		return DMAREF_DMA32_LIMIT - 1;
	return ~0ULL;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (order >= MAX_ORDER || dmaref_ensure_machine())
		return NULL;
	dmaref_lock();
	page = dmaref_zone_alloc(mask_for_gfp(gfp), order);
	if (page)
		dmaref_zero_take(dmaref_page_phys(page), PAGE_SIZE << order);
	dmaref_unlock();
	if (page && ((__force unsigned int)gfp & ___GFP_ZERO))
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

void __free_pages(struct page *page, unsigned int order)
{
	if (!page || !page_address(page))
		return;
	dmaref_lock();
	dmaref_zone_free(page, order);
	dmaref_unlock();
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}
