// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: the 4-argument dma_alloc_noncoherent() and
 * dma_free_noncoherent() of Linux 5.9 (a wrapper for DMA_ATTR_NON_CONSISTENT)
 * become the 5-argument calls of 5.10, direction before gfp.  The audio
 * buffer is filled by the CPU and synced for playback at an offset (hal2).
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/dma-mapping.h>

#define PCM_BUF_SIZE	16384

struct pcm_priv {
	struct device *dev;
	u8 *buffer;
	dma_addr_t buffer_dma;
};

static int pcm_open(struct pcm_priv *priv)
{
	priv->buffer = dma_alloc_noncoherent(priv->dev, PCM_BUF_SIZE,
					     &priv->buffer_dma, GFP_KERNEL);
	return priv->buffer ? 0 : -ENOMEM;
}

static void pcm_close(struct pcm_priv *priv)
{
	dma_free_noncoherent(priv->dev, PCM_BUF_SIZE, priv->buffer,
			     priv->buffer_dma);
}

static void pcm_play(struct pcm_priv *priv, size_t off, const u8 *src,
		     size_t n)
{
	memcpy(priv->buffer + off, src, n);
	dma_cache_sync(priv->dev, priv->buffer + off, n, DMA_TO_DEVICE);
}
