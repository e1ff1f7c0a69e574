// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): dma_cache_sync() on
 * memory that is not a DMA allocation, one site per category; none may
 * become a sync on the real allocation's handle.
 */
#include "kstub.h"

struct cat_private {
	struct device *dev;
	void *ring;
	dma_addr_t ring_dma;
	void *scratch;		/* kmalloc, never mapped */
	void *bounce;		/* kmalloc, mapped */
	dma_addr_t bounce_dma;
};

static void cat_skb(struct cat_private *p, struct sk_buff *skb)
{
	dma_cache_sync(p->dev, skb->data, skb->len, DMA_TO_DEVICE);
}

static void cat_stack(struct cat_private *p)
{
	u8 cmd[16];

	cmd[0] = 1;
	dma_cache_sync(p->dev, cmd, sizeof(cmd), DMA_TO_DEVICE);
}

static void cat_kmalloc(struct cat_private *p)
{
	dma_cache_sync(p->dev, p->scratch, 64, DMA_TO_DEVICE);
}

static void cat_user(struct cat_private *p, void __user *ubuf)
{
	dma_cache_sync(p->dev, (void __force *)ubuf, 64, DMA_TO_DEVICE);
}

static void cat_bus(struct cat_private *p, unsigned long bus)
{
	dma_cache_sync(p->dev, bus_to_virt(bus), 64, DMA_FROM_DEVICE);
}

static void cat_streaming(struct cat_private *p)
{
	dma_cache_sync(p->dev, p->bounce, 64, DMA_TO_DEVICE);
}

static int cat_probe(struct cat_private *p)
{
	p->ring = dma_alloc_attrs(p->dev, 4096, &p->ring_dma, GFP_KERNEL,
				  DMA_ATTR_NON_CONSISTENT);
	p->scratch = kmalloc(64, GFP_KERNEL);
	p->bounce = kmalloc(64, GFP_KERNEL);
	p->bounce_dma = dma_map_single(p->dev, p->bounce, 64, DMA_TO_DEVICE);
	dma_cache_sync(p->dev, p->ring, 64, DMA_TO_DEVICE);
	return 0;
}

static void *cat_entry[] __attribute__((used)) = { cat_probe, cat_skb, cat_stack, cat_kmalloc, cat_user, cat_bus, cat_streaming };
