// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: dma_cache_sync() sites the patch cannot convert, each
 * left alone and reported with its reason.
 *  - mbx_push(): a pointer from the caller, and the device has two
 *    non-consistent buffers: which handle it needs is unknown.
 *  - mbx_sync(): the direction is a variable: the position rules need a
 *    constant DMA_* direction.
 * The allocations stay non-coherent (their buffers are synced).
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/dma-mapping.h>

#define MBX_SIZE	1024

struct mbx_priv {
	struct device *dev;
	u8 *in;
	dma_addr_t in_dma;
	u8 *out;
	dma_addr_t out_dma;
};

static int mbx_init(struct mbx_priv *priv)
{
	priv->in = dma_alloc_attrs(priv->dev, MBX_SIZE, &priv->in_dma,
				   GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->in)
		return -ENOMEM;
	priv->out = dma_alloc_attrs(priv->dev, MBX_SIZE, &priv->out_dma,
				    GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->out) {
		dma_free_attrs(priv->dev, MBX_SIZE, priv->in, priv->in_dma,
			       DMA_ATTR_NON_CONSISTENT);
		return -ENOMEM;
	}
	return 0;
}

static void mbx_exit(struct mbx_priv *priv)
{
	dma_free_attrs(priv->dev, MBX_SIZE, priv->out, priv->out_dma,
		       DMA_ATTR_NON_CONSISTENT);
	dma_free_attrs(priv->dev, MBX_SIZE, priv->in, priv->in_dma,
		       DMA_ATTR_NON_CONSISTENT);
}

static void mbx_push(struct mbx_priv *priv, void *msg, size_t len)
{
	/* cocci-expect: dma_cache_sync: not converted: cannot tell from the code in mbx_push() which allocation 'msg' points into */
	dma_cache_sync(priv->dev, msg, len, DMA_TO_DEVICE);
}

static void mbx_sync(struct mbx_priv *priv, size_t len,
		     enum dma_data_direction dir)
{
	/* cocci-expect: dma_cache_sync: not converted: direction 'dir' is not a constant */
	dma_cache_sync(priv->dev, priv->out, len, dir);
}
