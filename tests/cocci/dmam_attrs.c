// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: a device-managed allocation with DMA_ATTR_NON_CONSISTENT
 * that is never synced: the driver wanted coherent memory, so it becomes
 * dmam_alloc_coherent() (freed at driver detach, as before).
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define MBOX_SIZE	128
#define MBOX_REG_ADDR	0x10

struct mbox_priv {
	struct device *dev;
	void __iomem *regs;
	u32 *mbox;
	dma_addr_t mbox_dma;
};

static int mbox_probe(struct mbox_priv *priv)
{
	priv->mbox = dmam_alloc_attrs(priv->dev, MBOX_SIZE, &priv->mbox_dma,
				      GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->mbox)
		return -ENOMEM;
	writel(lower_32_bits(priv->mbox_dma), priv->regs + MBOX_REG_ADDR);
	return 0;
}

static u32 mbox_peek(struct mbox_priv *priv)
{
	return READ_ONCE(priv->mbox[0]);
}
