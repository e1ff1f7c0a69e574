// SPDX-License-Identifier: GPL-2.0
/* A model test bus driver (written for the tests): coherent, no-op cache macros, allocates the library's block. */
#include "kstub.h"

#define DMA_WBACK(ndev, addr, len) do { } while (0)
#define DMA_INV(ndev, addr, len) do { } while (0)

#include "shlib.c"

static int shsni_probe(struct net_device *dev, struct device *gen)
{
	struct sh_private *lp = netdev_priv(dev);

	lp->dma = dma_alloc_attrs(gen, sizeof(struct sh_dma), &lp->dma_addr,
				  GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!lp->dma)
		return -ENOMEM;
	sh_start(dev);
	return sh_poll(dev);
}

static void *shsni_entry[] __attribute__((used)) = { shsni_probe };
