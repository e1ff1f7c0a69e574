// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: the attribute is set but nothing in the driver ever syncs
 * the buffers (au1000_eth): the driver wanted coherent memory, so the
 * allocation becomes dma_alloc_coherent() and the free dma_free_coherent().
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define MAC_NUM_BUFS	4
#define MAC_BUF_SIZE	2048
#define MAC_REG_BUF	0x20

struct mac_priv {
	struct device *dev;
	void __iomem *regs;
	void *vaddr;
	dma_addr_t dma_addr;
};

static int mac_setup_buffers(struct mac_priv *priv)
{
	int i;

	priv->vaddr = dma_alloc_attrs(priv->dev, MAC_NUM_BUFS * MAC_BUF_SIZE,
				      &priv->dma_addr, GFP_KERNEL,
				      DMA_ATTR_NON_CONSISTENT);
	if (!priv->vaddr)
		return -ENOMEM;
	for (i = 0; i < MAC_NUM_BUFS; i++)
		writel(lower_32_bits(priv->dma_addr + i * MAC_BUF_SIZE),
		       priv->regs + MAC_REG_BUF + 4 * i);
	return 0;
}

static void mac_free_buffers(struct mac_priv *priv)
{
	dma_free_attrs(priv->dev, MAC_NUM_BUFS * MAC_BUF_SIZE, priv->vaddr,
		       priv->dma_addr, DMA_ATTR_NON_CONSISTENT);
}
