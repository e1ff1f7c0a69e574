// SPDX-License-Identifier: GPL-2.0
/*
 * Physically contiguous DMA memory, as dma-direct gets it: the contiguous
 * area first for anything larger than a page, then the page allocator in
 * the zones the mask allows.  @size is already a whole number of pages.
 */
#include "internal.h"

bool dmaref_contig_alloc(struct device *dev, u64 mask, size_t size,
			 enum dmaref_source *src, phys_addr_t *pa)
{
	struct page *page;

	if (dmaref_cma_alloc(mask, size, pa)) {
		*src = SRC_CMA;
		return true;
	}
	page = dmaref_zone_alloc(mask, get_order(size));
	if (!page)
		return false;
	*src = SRC_BUDDY;
	*pa = dmaref_page_phys(page);
	return true;
}

void dmaref_contig_free(struct device *dev, enum dmaref_source src,
			phys_addr_t pa, size_t size)
{
	switch (src) {
	case SRC_CMA:
		dmaref_cma_free(pa, size);
		break;
	case SRC_BUDDY:
		dmaref_zone_free(dmaref_phys_to_page(pa), get_order(size));
		break;
	case SRC_DEV_POOL:
		dmaref_pool_free(dev->dmaref->pool, pa, size);
		break;
	case SRC_GLOBAL_POOL:
		dmaref_pool_free(dmaref_global_pool(), pa, size);
		break;
	default:
		break;
	}
}
