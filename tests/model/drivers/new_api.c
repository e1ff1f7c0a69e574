// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): old and new calls side by
 * side in a 5.10+ view with include/dmaconv/legacy-dma.h forced in; the
 * 5-argument dma_alloc_noncoherent() must still be the real one.
 */
#include "kstub.h"

struct na_priv {
	struct device *dev;
	void *old_buf;
	dma_addr_t old_dma;
	void *new_buf;
	dma_addr_t new_dma;
	void __iomem *regs;
};

static int na_probe(struct na_priv *p)
{
	p->old_buf = dma_alloc_noncoherent(p->dev, 512, &p->old_dma, GFP_KERNEL);
	p->new_buf = dma_alloc_noncoherent(p->dev, 512, &p->new_dma, DMA_TO_DEVICE, GFP_KERNEL);
	dma_cache_sync(p->dev, p->old_buf, 512, DMA_TO_DEVICE);
	dma_sync_single_for_device(p->dev, p->new_dma, 512, DMA_TO_DEVICE);
	writel(1, p->regs);
	return 0;
}

static void *na_entry[] __attribute__((used)) = { na_probe };
