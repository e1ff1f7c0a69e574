// SPDX-License-Identifier: GPL-2.0
/*
 * A model test library (written for the tests), #included by two bus
 * drivers: lasi596.c defines the cache macros with dma_cache_sync() (a
 * non-coherent machine), sni596.c as no-ops (a coherent one).
 */
struct i596_dma {
	u32 scb_status;
	u32 scb_cmd;
	u32 rfd[32];
};

struct i596_private {
	struct i596_dma *dma;
	dma_addr_t dma_addr;
	void __iomem *ca;
};

#define virt_to_dma(lp, v) ((lp)->dma_addr + (dma_addr_t)((unsigned long)(v) - (unsigned long)((lp)->dma)))

static void i596_kick(struct net_device *dev, int cmd)
{
	struct i596_private *lp = netdev_priv(dev);

	lp->dma->scb_cmd = cmd;
	DMA_WBACK(dev, &lp->dma->scb_cmd, sizeof(u32));
	writel(virt_to_dma(lp, &lp->dma->scb_cmd), lp->ca);
}

static int i596_status(struct net_device *dev)
{
	struct i596_private *lp = netdev_priv(dev);

	DMA_INV(dev, &lp->dma->scb_status, sizeof(u32));
	return lp->dma->scb_status;
}

static int i596_probe(struct net_device *dev, struct device *gen)
{
	struct i596_private *lp = netdev_priv(dev);

	lp->dma = dma_alloc_attrs(gen, sizeof(struct i596_dma), &lp->dma_addr,
				  GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!lp->dma)
		return -ENOMEM;
	i596_kick(dev, 1);
	return i596_status(dev);
}
