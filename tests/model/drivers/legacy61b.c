// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): a second file of the unit
 * of legacy61.c, parsed in the same run, that includes headers the
 * first one does not (a net device, interrupts).  With a force-included
 * header that pulled the tree's headers in, their structs would be
 * defined twice.
 */
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/netdevice.h>

struct l61b_priv {
	struct net_device *ndev;
	u8 *buf;
	dma_addr_t buf_dma;
};

static irqreturn_t l61b_irq(int irq, void *data)
{
	struct l61b_priv *p = data;

	dma_cache_sync(&p->ndev->dev, p->buf, 64, DMA_FROM_DEVICE);
	return p->buf[0] ? IRQ_HANDLED : IRQ_NONE;
}

static int l61b_probe(struct l61b_priv *p)
{
	p->buf = dma_alloc_attrs(&p->ndev->dev, 64, &p->buf_dma, GFP_KERNEL,
				 DMA_ATTR_NON_CONSISTENT);
	return p->buf ? request_irq(0, l61b_irq, 0, "l61b", p) : -ENOMEM;
}

static void *l61b_entry[] __attribute__((used)) = { l61b_probe };
