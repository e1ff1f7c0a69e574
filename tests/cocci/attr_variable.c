// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: the attribute kept in a variable.  The firmware area
 * takes its attributes from a field set once in probe; the scratch
 * allocator from a local.  Both are followed to their one value, the calls
 * are converted and the assignments that only fed them are removed.  The
 * scratch buffer is returned through a pointer the patch cannot follow, so
 * it stays non-coherent.
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/dma-mapping.h>

#define DSP_FW_SIZE	16384
#define DSP_SCRATCH	4096

struct dsp_priv {
	struct device *dev;
	unsigned long dma_attrs;
	u8 *fw;
	dma_addr_t fw_dma;
};

static void *dsp_alloc_scratch(struct dsp_priv *priv, dma_addr_t *handle)
{
	unsigned long attrs = DMA_ATTR_NON_CONSISTENT;

	return dma_alloc_attrs(priv->dev, DSP_SCRATCH, handle, GFP_KERNEL,
			       attrs);
}

static int dsp_load(struct dsp_priv *priv, const u8 *image, size_t len)
{
	if (len > DSP_FW_SIZE)
		return -EINVAL;
	priv->dma_attrs = DMA_ATTR_NON_CONSISTENT | DMA_ATTR_NO_WARN;
	priv->fw = dma_alloc_attrs(priv->dev, DSP_FW_SIZE, &priv->fw_dma,
				   GFP_KERNEL, priv->dma_attrs);
	if (!priv->fw)
		return -ENOMEM;
	memcpy(priv->fw, image, len);
	dma_cache_sync(priv->dev, priv->fw, len, DMA_TO_DEVICE);
	return 0;
}

static void dsp_unload(struct dsp_priv *priv)
{
	dma_free_attrs(priv->dev, DSP_FW_SIZE, priv->fw, priv->fw_dma,
		       priv->dma_attrs);
}
