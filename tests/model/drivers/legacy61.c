// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests) in the pre-5.10 style, for
 * a Linux 6.1 tree with include/dmaconv/legacy-dma.h forced in: the old
 * calls parse and are found; the 5-argument call stays the tree's own.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct l61_priv {
	struct device *dev;
	u32 *ring;
	dma_addr_t ring_dma;
	void *spare;
	dma_addr_t spare_dma;
	void __iomem *regs;
};

static int l61_probe(struct platform_device *pdev)
{
	struct l61_priv *p = devm_kzalloc(&pdev->dev, sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	p->dev = &pdev->dev;
	p->ring = dma_alloc_noncoherent(p->dev, PAGE_SIZE, &p->ring_dma, GFP_KERNEL);
	p->spare = dma_alloc_noncoherent(p->dev, PAGE_SIZE, &p->spare_dma,
					 DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!p->ring || !p->spare)
		return -ENOMEM;
	p->ring[0] = 1;
	dma_cache_sync(p->dev, p->ring, sizeof(u32), DMA_TO_DEVICE);
	writel(p->ring_dma, p->regs);
	platform_set_drvdata(pdev, p);
	return 0;
}

static int l61_remove(struct platform_device *pdev)
{
	struct l61_priv *p = platform_get_drvdata(pdev);

	dma_free_noncoherent(p->dev, PAGE_SIZE, p->ring, p->ring_dma);
	dma_free_noncoherent(p->dev, PAGE_SIZE, p->spare, p->spare_dma, DMA_BIDIRECTIONAL);
	return 0;
}

static struct platform_driver l61_driver = {
	.probe = l61_probe,
	.remove = l61_remove,
	.driver = { .name = "l61" },
};
module_platform_driver(l61_driver);
