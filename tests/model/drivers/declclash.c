// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): a sync helper that only
 * gets the net device reaches its holder through netdev_priv(), typed as
 * the driver types it elsewhere ("struct dc_private *sp"), but already
 * has a local of that name: the declaration cannot be added.
 */
#include "kstub.h"

struct dc_private {
	struct device *dev;
	u8 *ring;
	dma_addr_t ring_dma;
	void __iomem *regs;
};

static void dc_sync(struct net_device *dev, void *addr)
{
	int sp = 16;

	dma_cache_sync(dev->dev.parent, addr, sp, DMA_TO_DEVICE);
}

static int dc_probe(struct net_device *dev)
{
	struct dc_private *sp = netdev_priv(dev);

	sp->ring = dma_alloc_attrs(sp->dev, 256, &sp->ring_dma, GFP_KERNEL,
				   DMA_ATTR_NON_CONSISTENT);
	if (!sp->ring)
		return -ENOMEM;
	dc_sync(dev, sp->ring);
	writel(1, sp->regs);
	return 0;
}

static void *dc_entry[] __attribute__((used)) = { dc_probe };
