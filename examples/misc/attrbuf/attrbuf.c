// SPDX-License-Identifier: GPL-2.0
/*
 * attrbuf: a management controller reached through a mailbox in memory,
 * in the style of the au1000 Ethernet driver's descriptors.  The mailbox
 * is allocated with DMA_ATTR_NON_CONSISTENT but never synced: the driver
 * relies on the platform handing out consistent memory, so what it really
 * wants is dma_alloc_coherent().
 */
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#include "attrbuf.h"

int attrbuf_probe(struct attrbuf_priv *aux, struct device *dev,
		  void __iomem *regs)
{
	aux->dev = dev;
	aux->regs = regs;
	aux->mbox = dma_alloc_attrs(aux->dev, sizeof(*aux->mbox),
				    &aux->mbox_dma, GFP_KERNEL,
				    DMA_ATTR_NON_CONSISTENT);
	if (!aux->mbox)
		return -ENOMEM;
	writel(aux->mbox_dma, aux->regs + ATTRBUF_REG_MBOX);
	return 0;
}

/* Posts one command and returns the controller's reply. */
u32 attrbuf_command(struct attrbuf_priv *aux, u32 cmd, u32 arg)
{
	aux->mbox->cmd = cpu_to_le32(cmd);
	aux->mbox->arg = cpu_to_le32(arg);
	aux->mbox->reply = 0;
	writel(1, aux->regs + ATTRBUF_REG_DOORBELL);
	return le32_to_cpu(aux->mbox->reply);
}

void attrbuf_remove(struct attrbuf_priv *aux)
{
	dma_free_attrs(aux->dev, sizeof(*aux->mbox), aux->mbox, aux->mbox_dma,
		       DMA_ATTR_NON_CONSISTENT);
	aux->mbox = NULL;
}
