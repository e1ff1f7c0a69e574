// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: allocations with DMA_ATTR_NON_CONSISTENT that the patch
 * leaves for a human, each reported with its reason.
 *  - the overlay buffer also asks for DMA_ATTR_WRITE_COMBINE, which
 *    dma_alloc_noncoherent() cannot express;
 *  - the command buffer is device-managed and synced: there is no dmam_
 *    variant of dma_alloc_noncoherent().
 * The syncs themselves are converted.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/dma-mapping.h>

#define OVL_SIZE	65536
#define CMD_SIZE	512

struct ovl_priv {
	struct device *dev;
	u8 *overlay;
	dma_addr_t overlay_dma;
	u8 *cmd;
	dma_addr_t cmd_dma;
};

static int ovl_probe(struct ovl_priv *priv)
{
	/* cocci-expect: non_consistent_attr: dma_alloc_attrs() not converted: attributes other than DMA_ATTR_NO_WARN */
	priv->overlay = dma_alloc_attrs(priv->dev, OVL_SIZE, &priv->overlay_dma,
					GFP_KERNEL, DMA_ATTR_NON_CONSISTENT |
					DMA_ATTR_WRITE_COMBINE);
	if (!priv->overlay)
		return -ENOMEM;
	/* cocci-expect: non_consistent_attr: dmam_alloc_attrs() not converted: a device-managed buffer that is synced */
	priv->cmd = dmam_alloc_attrs(priv->dev, CMD_SIZE, &priv->cmd_dma,
				     GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->cmd)
		return -ENOMEM;
	return 0;
}

static void ovl_remove(struct ovl_priv *priv)
{
	/* cocci-expect: non_consistent_attr: dma_free_attrs() not converted: attributes other than */
	dma_free_attrs(priv->dev, OVL_SIZE, priv->overlay, priv->overlay_dma,
		       DMA_ATTR_NON_CONSISTENT | DMA_ATTR_WRITE_COMBINE);
}

static void ovl_send(struct ovl_priv *priv, const u8 *cmd, size_t len)
{
	memcpy(priv->cmd, cmd, len);
	dma_cache_sync(priv->dev, priv->cmd, len, DMA_TO_DEVICE);
	memset(priv->overlay, 0, OVL_SIZE);
	dma_cache_sync(priv->dev, priv->overlay, OVL_SIZE, DMA_TO_DEVICE);
}
