/* SPDX-License-Identifier: GPL-2.0 */
/* null-device: a NULL struct device given to an allocation, map or sync. */
#include <linux/dma-mapping.h>

#define NO_DEVICE	((struct device *)0)

struct isa_card {
	struct device *dev;
	void *ring;
	dma_addr_t ring_dma;
};

static void isa_era(struct isa_card *c, void *pkt)
{
	dma_addr_t h;

	c->ring = dma_alloc_coherent(NULL, 4096, &c->ring_dma, GFP_KERNEL);	/* expect: null-device */
	h = dma_map_single(NULL, pkt, 64, DMA_TO_DEVICE);			/* expect: null-device */
	dma_sync_single_for_cpu(0, h, 64, DMA_TO_DEVICE);			/* expect: null-device */
	dma_sync_single_for_device(NO_DEVICE, h, 64, DMA_TO_DEVICE);		/* expect: null-device */
	dma_unmap_single(c->dev, h, 64, DMA_TO_DEVICE);
}

/* Near misses: a real device, a device that may be NULL at run time, a free. */
static void with_device(struct isa_card *c, struct device *maybe, void *pkt)
{
	dma_addr_t h;

	c->ring = dma_alloc_coherent(c->dev, 4096, &c->ring_dma, GFP_KERNEL);
	h = dma_map_single(maybe, pkt, 64, DMA_TO_DEVICE);
	dma_unmap_single(maybe, h, 64, DMA_TO_DEVICE);
	/* the release follows its allocation: null-device reports the allocation */
	dma_free_coherent(NULL, 4096, c->ring, c->ring_dma);
}

/* Silenced in the source. */
static void silenced(struct isa_card *c)
{
	/* dmacheck: ignore null-device */
	c->ring = dma_alloc_coherent(NULL, 4096, &c->ring_dma, GFP_KERNEL);
}

void use(struct isa_card *c, struct device *d, void *p);
void use(struct isa_card *c, struct device *d, void *p)
{
	isa_era(c, p);
	with_device(c, d, p);
	silenced(c);
}
