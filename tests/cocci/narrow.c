// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: -D narrow.  Every sync of the playback buffer goes to the
 * device and every sync of the capture buffer comes from it, so with the
 * option the allocations, syncs and frees take DMA_TO_DEVICE and
 * DMA_FROM_DEVICE instead of DMA_BIDIRECTIONAL (hal2).
 * cocci-options: -D narrow
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define SND_BUF_SIZE	8192
#define SND_REG_PLAY	0x00
#define SND_REG_REC	0x04

struct snd_priv {
	struct device *dev;
	void __iomem *regs;
	u8 *play;
	dma_addr_t play_dma;
	u8 *rec;
	dma_addr_t rec_dma;
};

static int snd_alloc(struct snd_priv *priv)
{
	priv->play = dma_alloc_attrs(priv->dev, SND_BUF_SIZE, &priv->play_dma,
				     GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->play)
		return -ENOMEM;
	priv->rec = dma_alloc_attrs(priv->dev, SND_BUF_SIZE, &priv->rec_dma,
				    GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->rec) {
		dma_free_attrs(priv->dev, SND_BUF_SIZE, priv->play,
			       priv->play_dma, DMA_ATTR_NON_CONSISTENT);
		return -ENOMEM;
	}
	return 0;
}

static void snd_release(struct snd_priv *priv)
{
	dma_free_attrs(priv->dev, SND_BUF_SIZE, priv->rec, priv->rec_dma,
		       DMA_ATTR_NON_CONSISTENT);
	dma_free_attrs(priv->dev, SND_BUF_SIZE, priv->play, priv->play_dma,
		       DMA_ATTR_NON_CONSISTENT);
}

static void snd_play(struct snd_priv *priv, size_t off, const u8 *src,
		     size_t n)
{
	memcpy(priv->play + off, src, n);
	dma_cache_sync(priv->dev, priv->play + off, n, DMA_TO_DEVICE);
	writel(n, priv->regs + SND_REG_PLAY);
}

static void snd_record(struct snd_priv *priv, size_t off, u8 *dst, size_t n)
{
	dma_cache_sync(priv->dev, priv->rec + off, n, DMA_FROM_DEVICE);
	writel(n, priv->regs + SND_REG_REC);
	while (readl(priv->regs + SND_REG_REC))
		;
	dma_cache_sync(priv->dev, priv->rec + off, n, DMA_FROM_DEVICE);
	memcpy(dst, priv->rec + off, n);
}
