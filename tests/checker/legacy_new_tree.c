/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pre-5.10 code checked against 5.10+ headers (include/ without
 * -DDMAREF_API_5_9): the removed API is undeclared there, so dmacheck
 * force-includes include/dmaconv/legacy-dma.h and reports every legacy
 * site instead of losing the statements sparse's errors would drop.
 */
#include <linux/dma-mapping.h>

struct old_priv {
	struct device *dev;
	void *ring;
	dma_addr_t ring_dma;
	void *desc;
	dma_addr_t desc_dma;
};

static int old_probe(struct old_priv *p)
{
	p->ring = dma_alloc_attrs(p->dev, 4096, &p->ring_dma, GFP_KERNEL,	/* expect: legacy-api */
				  DMA_ATTR_NON_CONSISTENT);
	p->desc = dma_alloc_noncoherent(p->dev, 512, &p->desc_dma, GFP_KERNEL);	/* expect: legacy-api */
	if (!p->ring || !p->desc)
		return -1;
	return 0;
}

static void old_kick(struct old_priv *p)
{
	dma_cache_sync(p->dev, p->desc, 512, DMA_TO_DEVICE);	/* expect: legacy-api */
}

static void old_remove(struct old_priv *p)
{
	dma_free_noncoherent(p->dev, 512, p->desc, p->desc_dma);	/* expect: legacy-api */
	dma_free_attrs(p->dev, 4096, p->ring, p->ring_dma, DMA_ATTR_NON_CONSISTENT);	/* expect: legacy-api */
}

/* Near miss: the 5-argument call is the new API. */
static void *new_alloc(struct device *dev, dma_addr_t *h)
{
	return dma_alloc_noncoherent(dev, 64, h, DMA_TO_DEVICE, GFP_KERNEL);
}

void use(struct old_priv *p, dma_addr_t *h);
void use(struct old_priv *p, dma_addr_t *h)
{
	if (!old_probe(p))
		old_kick(p);
	old_remove(p);
	new_alloc(p->dev, h);
}
