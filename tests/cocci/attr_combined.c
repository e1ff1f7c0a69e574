// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: DMA_ATTR_NON_CONSISTENT combined with DMA_ATTR_NO_WARN.
 * dma_alloc_noncoherent() takes no attributes: DMA_ATTR_NO_WARN becomes
 * __GFP_NOWARN in the gfp mask, in either order of the attributes.  The
 * frame buffer is synced (non-coherent); the statistics block never is
 * (coherent).
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define CAP_FRAME_SIZE	8192
#define CAP_STATS_SIZE	256
#define CAP_REG_GO	0x00

struct cap_priv {
	struct device *dev;
	void __iomem *regs;
	u8 *frame;
	dma_addr_t frame_dma;
	u32 *stats;
	dma_addr_t stats_dma;
};

static int cap_probe(struct cap_priv *priv)
{
	priv->frame = dma_alloc_attrs(priv->dev, CAP_FRAME_SIZE,
				      &priv->frame_dma, GFP_KERNEL,
				      DMA_ATTR_NON_CONSISTENT | DMA_ATTR_NO_WARN);
	if (!priv->frame)
		return -ENOMEM;
	priv->stats = dma_alloc_attrs(priv->dev, CAP_STATS_SIZE,
				      &priv->stats_dma, GFP_KERNEL,
				      DMA_ATTR_NO_WARN | DMA_ATTR_NON_CONSISTENT);
	if (!priv->stats) {
		dma_free_attrs(priv->dev, CAP_FRAME_SIZE, priv->frame,
			       priv->frame_dma,
			       DMA_ATTR_NON_CONSISTENT | DMA_ATTR_NO_WARN);
		return -ENOMEM;
	}
	return 0;
}

static void cap_remove(struct cap_priv *priv)
{
	dma_free_attrs(priv->dev, CAP_STATS_SIZE, priv->stats, priv->stats_dma,
		       DMA_ATTR_NO_WARN | DMA_ATTR_NON_CONSISTENT);
	dma_free_attrs(priv->dev, CAP_FRAME_SIZE, priv->frame, priv->frame_dma,
		       DMA_ATTR_NON_CONSISTENT | DMA_ATTR_NO_WARN);
}

static u8 cap_grab(struct cap_priv *priv)
{
	dma_cache_sync(priv->dev, priv->frame, CAP_FRAME_SIZE,
		       DMA_FROM_DEVICE);
	writel(1, priv->regs + CAP_REG_GO);
	while (readl(priv->regs + CAP_REG_GO))
		;
	dma_cache_sync(priv->dev, priv->frame, CAP_FRAME_SIZE,
		       DMA_FROM_DEVICE);
	return priv->frame[0] ^ (u8)priv->stats[0];
}
