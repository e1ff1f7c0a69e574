/* SPDX-License-Identifier: GPL-2.0 */
/* dmacheck-flags: -DDMAREF_API_5_9 */
/* legacy-api: the calls and the attribute removed in Linux 5.10. */
#include <linux/dma-mapping.h>

#define RING_SIZE 4096

struct old_chip {
	struct device *dev;
	void *ring;
	dma_addr_t ring_dma;
	unsigned long attrs;
};

static int old_probe(struct old_chip *c, int wc)
{
	unsigned long attrs = DMA_ATTR_NON_CONSISTENT;

	c->ring = dma_alloc_noncoherent(c->dev, RING_SIZE, &c->ring_dma, GFP_KERNEL);	/* expect: legacy-api */
	if (!c->ring)
		return -ENOMEM;
	dma_cache_sync(c->dev, c->ring, RING_SIZE, DMA_TO_DEVICE);	/* expect: legacy-api */
	if (wc)
		attrs |= DMA_ATTR_WRITE_COMBINE;
	c->ring = dma_alloc_attrs(c->dev, RING_SIZE, &c->ring_dma, GFP_KERNEL, attrs);	/* expect: legacy-api */
	c->ring = dmam_alloc_attrs(c->dev, RING_SIZE, &c->ring_dma, GFP_KERNEL,	/* expect: legacy-api */
				   DMA_ATTR_NO_WARN | DMA_ATTR_NON_CONSISTENT);
	return 0;
}

static void old_remove(struct old_chip *c)
{
	dma_free_noncoherent(c->dev, RING_SIZE, c->ring, c->ring_dma);	/* expect: legacy-api */
}

/* Near misses: attributes without DMA_ATTR_NON_CONSISTENT; a driver
 * function whose name merely contains the old one. */
static void chip_dma_cache_sync(struct old_chip *c)
{
	c->attrs = DMA_ATTR_NO_WARN;
}

static void *modern(struct old_chip *c)
{
	chip_dma_cache_sync(c);
	return dma_alloc_attrs(c->dev, RING_SIZE, &c->ring_dma, GFP_KERNEL,
			       DMA_ATTR_NO_WARN | DMA_ATTR_WRITE_COMBINE);
}

/* Silenced by name. */
static void silenced(struct old_chip *c)
{
	dma_cache_sync(c->dev, c->ring, 64, DMA_FROM_DEVICE);	/* dmacheck: ignore legacy-api */
}

void *use(struct old_chip *c, int wc);
void *use(struct old_chip *c, int wc)
{
	old_probe(c, wc);
	old_remove(c);
	silenced(c);
	return modern(c);
}
