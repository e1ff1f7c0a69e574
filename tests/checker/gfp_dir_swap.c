/* SPDX-License-Identifier: GPL-2.0 */
/* gfp-dir-swap: the 5-argument allocators take dir before gfp. */
#include <linux/dma-mapping.h>

static void swapped(struct device *dev)
{
	dma_addr_t h, h2;
	void *a = dma_alloc_noncoherent(dev, 4096, &h, GFP_KERNEL, DMA_TO_DEVICE);	/* expect: gfp-dir-swap */
	struct page *p = dma_alloc_pages(dev, 4096, &h2, GFP_ATOMIC, DMA_FROM_DEVICE);	/* expect: gfp-dir-swap */
	struct sg_table *sgt = dma_alloc_noncontiguous(dev, 8192, GFP_KERNEL,	/* expect: gfp-dir-swap */
						       DMA_BIDIRECTIONAL, 0);

	/* near misses: the right order */
	void *b = dma_alloc_noncoherent(dev, 4096, &h, DMA_TO_DEVICE, GFP_KERNEL);
	struct page *q = dma_alloc_pages(dev, 4096, &h2, DMA_FROM_DEVICE, GFP_ATOMIC);

	dma_free_noncoherent(dev, 4096, b, h, DMA_TO_DEVICE);
	dma_free_pages(dev, 4096, q, h2, DMA_FROM_DEVICE);
	(void)a;
	(void)p;
	(void)sgt;
}

void use(struct device *dev);
void use(struct device *dev)
{
	swapped(dev);
}

/*
 * Reported once, at the allocation: the syncs and the free that follow
 * are not judged against the gfp value taken for a direction.
 */
void swapped_then_synced(struct device *dev);
void swapped_then_synced(struct device *dev);
void swapped_then_synced(struct device *dev)
{
	dma_addr_t h;
	u8 *a = dma_alloc_noncoherent(dev, 4096, &h, GFP_KERNEL, DMA_TO_DEVICE);	/* expect: gfp-dir-swap */

	if (!a)
		return;
	a[0] = 1;
	dma_sync_single_for_device(dev, h, 4096, DMA_TO_DEVICE);
	dma_sync_single_for_cpu(dev, h, 4096, DMA_TO_DEVICE);
	dma_free_noncoherent(dev, 4096, a, h, DMA_TO_DEVICE);
}
