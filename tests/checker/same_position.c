/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Two findings at one position: they print in the order the checks make
 * them (tests/checker/run.sh checks the order as well).
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct priv {
	struct device *dev;
	u32 *rx;
	dma_addr_t rx_dma;
	u32 *tx;
	dma_addr_t tx_dma;
	void __iomem *regs;
};

/* unmapped, then synced the wrong way: use-after-free, then sync-direction */
static void sync_after_unmap_wrong_dir(struct device *dev, void *frame)
{
	dma_addr_t h = dma_map_single(dev, frame, 64, DMA_FROM_DEVICE);

	dma_unmap_single(dev, h, 64, DMA_FROM_DEVICE);
	dma_sync_single_for_device(dev, h, 64, DMA_TO_DEVICE);	/* expect: use-after-free, sync-direction */
}

/*
 * one kick, two buffers, judged slot by slot: rx (first slot), reported
 * at its take, then tx, at the kick
 */
static void kick_two(struct priv *p, int again)
{
	dma_sync_single_for_cpu(p->dev, p->rx_dma, 64, DMA_FROM_DEVICE);	/* expect: ownership-imbalance */
	if (again)
		dma_sync_single_for_device(p->dev, p->rx_dma, 64, DMA_FROM_DEVICE);
	p->tx[0] = 1;
	writel(1, p->regs);	/* expect: missing-sync-for-device */
}

static int probe(struct priv *p)
{
	p->rx = dma_alloc_noncoherent(p->dev, 64, &p->rx_dma, DMA_FROM_DEVICE, GFP_KERNEL);
	p->tx = dma_alloc_noncoherent(p->dev, 64, &p->tx_dma, DMA_TO_DEVICE, GFP_KERNEL);
	return 0;
}
