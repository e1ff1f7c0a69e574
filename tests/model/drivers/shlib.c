// SPDX-License-Identifier: GPL-2.0
/*
 * A model test library (written for the tests), #included by two bus
 * drivers that each allocate the shared block themselves (the shape of
 * lib82596.c): shlasi.c syncs through its cache macros, shsni.c's are
 * no-ops.  The library's translator is only ever used inside another
 * macro (SWAP32), as lib82596.c's virt_to_dma() is.
 */
struct sh_dma {
	u32 scb;
	u32 cmd[8];
};

struct sh_private {
	struct sh_dma *dma;
	dma_addr_t dma_addr;
	void __iomem *ca;
};

#define SWAP32(x) ((u32)(x))
#define virt_to_dma(lp, v) ((lp)->dma_addr + (dma_addr_t)((unsigned long)(v) - (unsigned long)((lp)->dma)))

static void sh_start(struct net_device *dev)
{
	struct sh_private *lp = netdev_priv(dev);

	lp->dma->cmd[0] = SWAP32(virt_to_dma(lp, &lp->dma->cmd[1]));
	DMA_WBACK(dev, &lp->dma->cmd[0], sizeof(u32));
	writel(1, lp->ca);
}

static u32 sh_poll(struct net_device *dev)
{
	struct sh_private *lp = netdev_priv(dev);

	DMA_INV(dev, &lp->dma->scb, sizeof(u32));
	return lp->dma->scb;
}
