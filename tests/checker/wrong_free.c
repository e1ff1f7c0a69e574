/* SPDX-License-Identifier: GPL-2.0 */
/* wrong-free: released by another family's call, size or direction. */
#include <linux/dma-mapping.h>

static void wrong_family(struct device *dev)
{
	dma_addr_t h, h2;
	void *buf = dma_alloc_noncoherent(dev, 4096, &h, DMA_BIDIRECTIONAL, GFP_KERNEL);
	struct page *page = dma_alloc_pages(dev, 4096, &h2, DMA_TO_DEVICE, GFP_KERNEL);

	dma_free_coherent(dev, 4096, buf, h);	/* expect: wrong-free */
	dma_free_noncoherent(dev, 4096, page_address(page), h2, DMA_TO_DEVICE);	/* expect: wrong-free */
}

static void noncoherent_freed_as_pages(struct device *dev)
{
	dma_addr_t h;
	void *buf = dma_alloc_noncoherent(dev, 4096, &h, DMA_BIDIRECTIONAL, GFP_KERNEL);

	dma_free_pages(dev, 4096, virt_to_page(buf), h, DMA_BIDIRECTIONAL);	/* expect: wrong-free */
}

static void wrong_size_and_direction(struct device *dev)
{
	dma_addr_t h, h2;
	void *a = dma_alloc_noncoherent(dev, 4096, &h, DMA_TO_DEVICE, GFP_KERNEL);
	void *b = dma_alloc_noncoherent(dev, 512, &h2, DMA_TO_DEVICE, GFP_KERNEL);

	dma_free_noncoherent(dev, 2048, a, h, DMA_TO_DEVICE);	/* expect: wrong-free */
	dma_free_noncoherent(dev, 512, b, h2, DMA_FROM_DEVICE);	/* expect: wrong-free */
}

static void wrong_unmap(struct device *dev, void *frame)
{
	dma_addr_t h = dma_map_single(dev, frame, 1500, DMA_TO_DEVICE);

	if (dma_mapping_error(dev, h))
		return;
	dma_unmap_page(dev, h, 1500, DMA_TO_DEVICE);	/* expect: wrong-free */
}

/* Near misses: every release matches its allocation. */
static void all_right(struct device *dev, void *frame, size_t len)
{
	dma_addr_t h, h2, h3, h4;
	void *a = dma_alloc_noncoherent(dev, 4096, &h, DMA_TO_DEVICE, GFP_KERNEL);
	struct page *p = dma_alloc_pages(dev, 4096, &h2, DMA_FROM_DEVICE, GFP_KERNEL);
	void *c = dma_alloc_coherent(dev, 256, &h3, GFP_KERNEL);
	void *d = dma_alloc_noncoherent(dev, len, &h4, DMA_TO_DEVICE, GFP_KERNEL);
	dma_addr_t m = dma_map_single(dev, frame, 1500, DMA_TO_DEVICE);

	dma_free_noncoherent(dev, 4096, a, h, DMA_TO_DEVICE);
	dma_free_pages(dev, 4096, p, h2, DMA_FROM_DEVICE);
	dma_free_coherent(dev, 256, c, h3);
	dma_free_noncoherent(dev, len, d, h4, DMA_TO_DEVICE);
	dma_unmap_single(dev, m, 1500, DMA_TO_DEVICE);
}

void use(struct device *dev, void *frame, size_t len);
void use(struct device *dev, void *frame, size_t len)
{
	wrong_family(dev);
	noncoherent_freed_as_pages(dev);
	wrong_size_and_direction(dev);
	wrong_unmap(dev, frame);
	all_right(dev, frame, len);
}
