// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): the third file of the
 * unit of legacy61b.c, including <linux/irq.h> again in the same run.
 */
#include <linux/dma-mapping.h>
#include <linux/irq.h>

struct l61c_priv {
	struct device *dev;
	u32 *ring;
	dma_addr_t ring_dma;
};

static void l61c_flush(struct l61c_priv *p)
{
	dma_cache_sync(p->dev, p->ring, sizeof(u32), DMA_TO_DEVICE);
}

static int l61c_probe(struct l61c_priv *p)
{
	p->ring = dma_alloc_attrs(p->dev, 64, &p->ring_dma, GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!p->ring)
		return -ENOMEM;
	l61c_flush(p);
	return 0;
}

static void *l61c_entry[] __attribute__((used)) = { l61c_probe };
