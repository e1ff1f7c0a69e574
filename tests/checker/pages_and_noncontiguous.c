/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 5.10+ allocators that hand out a struct page or an sg_table: the
 * CPU reaches the memory through page_address() or
 * dma_vmap_noncontiguous(); the struct page and the table themselves are
 * not DMA memory.
 */
#include <linux/dma-mapping.h>
#include <linux/string.h>

struct cam {
	struct device *dev;
	struct sg_table *sgt;
	void *vaddr;
};

/* uvcvideo's shape: fill through the vmap, sync the table. */
static void cam_fill_late(struct cam *c)
{
	c->sgt = dma_alloc_noncontiguous(c->dev, 8192, DMA_BIDIRECTIONAL,
					 GFP_KERNEL, 0);
	if (!c->sgt)
		return;
	c->vaddr = dma_vmap_noncontiguous(c->dev, 8192, c->sgt);
	dma_sync_sgtable_for_device(c->dev, c->sgt, DMA_BIDIRECTIONAL);
	memset(c->vaddr, 0, 64);	/* expect: cpu-write-device-owned */
	dma_sync_sgtable_for_cpu(c->dev, c->sgt, DMA_BIDIRECTIONAL);
}

/* Near miss: looking at the table (nents) is not touching the memory. */
static unsigned int cam_nents(struct cam *c)
{
	dma_sync_sgtable_for_device(c->dev, c->sgt, DMA_BIDIRECTIONAL);
	return c->sgt->nents;
}

/* dma_alloc_pages(): page_address() names the same buffer. */
static u8 pages_read_late(struct device *dev)
{
	dma_addr_t h;
	struct page *page = dma_alloc_pages(dev, 4096, &h, DMA_FROM_DEVICE,
					    GFP_KERNEL);
	u8 *p;
	u8 v;

	if (!page)
		return 0;
	p = page_address(page);
	dma_sync_single_for_device(dev, h, 4096, DMA_FROM_DEVICE);
	v = p[0];			/* expect: cpu-read-device-owned */
	dma_free_pages(dev, 4096, page, h, DMA_FROM_DEVICE);
	return v;
}

/* Near miss: synced back first; freed with the matching call. */
static u8 pages_read(struct device *dev)
{
	dma_addr_t h;
	struct page *page = dma_alloc_pages(dev, 4096, &h, DMA_FROM_DEVICE,
					    GFP_KERNEL);
	u8 *p;
	u8 v;

	if (!page)
		return 0;
	p = page_address(page);
	dma_sync_single_for_device(dev, h, 4096, DMA_FROM_DEVICE);
	dma_sync_single_for_cpu(dev, h, 4096, DMA_FROM_DEVICE);
	v = p[0];
	dma_free_pages(dev, 4096, page, h, DMA_FROM_DEVICE);
	return v;
}

int use(struct cam *c);
int use(struct cam *c)
{
	cam_fill_late(c);
	return cam_nents(c) + pages_read_late(c->dev) + pages_read(c->dev);
}
