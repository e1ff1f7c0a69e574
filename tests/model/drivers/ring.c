// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): a descriptor ring in one
 * non-consistent block, a translation macro, helpers that only receive
 * (dev, void *addr) (one static inline, as sgiseeq has them), a local
 * handle later copied into a field.
 */
#include "kstub.h"

#define RING_SIZE 16

struct ring_desc {
	u32 ctrl;
	u32 buf;
	u32 next;
	u32 pad;
};

struct ring_private {
	void __iomem *regs;
	struct ring_desc *tx;		/* points into block at 0 */
	struct ring_desc *rx;		/* points into block at 256 */
	void *block;
	dma_addr_t block_dma;
	int rx_next;
};

#define DESC_TO_DMA(rp, d) ((rp)->block_dma + ((unsigned long)(d) - (unsigned long)((rp)->tx)))

static inline void ring_sync_desc(struct net_device *dev, void *addr)
{
	dma_cache_sync(dev->dev.parent, addr, sizeof(struct ring_desc), DMA_TO_DEVICE);
}

static void ring_start(struct net_device *dev)
{
	struct ring_private *rp = netdev_priv(dev);
	int i;

	for (i = 0; i < RING_SIZE; i++) {
		rp->tx[i].ctrl = 0;
		rp->tx[i].next = DESC_TO_DMA(rp, &rp->tx[(i + 1) % RING_SIZE]);
		ring_sync_desc(dev, &rp->tx[i]);
	}
	writel(DESC_TO_DMA(rp, rp->tx), rp->regs);
}

static int ring_rx(struct net_device *dev)
{
	struct ring_private *rp = netdev_priv(dev);
	struct ring_desc *rd = &rp->rx[rp->rx_next];

	dma_cache_sync(dev->dev.parent, rd, sizeof(*rd), DMA_FROM_DEVICE);
	return rd->ctrl;
}

static int ring_probe(struct platform_device *pdev)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct ring_private));
	struct ring_private *rp = netdev_priv(dev);
	dma_addr_t dma;

	rp->block = dma_alloc_attrs(&pdev->dev, 4096, &dma, GFP_KERNEL,
				    DMA_ATTR_NON_CONSISTENT);
	if (!rp->block)
		return -ENOMEM;
	rp->block_dma = dma;
	rp->tx = rp->block;
	rp->rx = rp->block + 256;
	dev->dev.parent = &pdev->dev;
	platform_set_drvdata(pdev, dev);
	ring_start(dev);
	return ring_rx(dev);
}

static void ring_remove(struct platform_device *pdev)
{
	struct net_device *dev = platform_get_drvdata(pdev);
	struct ring_private *rp = netdev_priv(dev);

	dma_free_attrs(&pdev->dev, 4096, rp->block, rp->block_dma,
		       DMA_ATTR_NON_CONSISTENT);
}

static void *ring_entry[] __attribute__((used)) = { ring_probe, ring_remove };
