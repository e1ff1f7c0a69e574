// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): the au1000_eth shape, a
 * NULL device at an allocation nothing syncs, a platform device in
 * hand (and a net device local, whose embedded device is not the one
 * that does the DMA).
 */
#include "kstub.h"

struct pn_private {
	void *vaddr;
	dma_addr_t dma_addr;
};

static int pn_probe(struct platform_device *pdev)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct pn_private));
	struct pn_private *aup = netdev_priv(dev);

	aup->vaddr = dma_alloc_attrs(NULL, 4096, &aup->dma_addr, 0, DMA_ATTR_NON_CONSISTENT);
	if (!aup->vaddr)
		return -ENOMEM;
	platform_set_drvdata(pdev, dev);
	return 0;
}

static int pn_remove(struct platform_device *pdev)
{
	struct net_device *dev = platform_get_drvdata(pdev);
	struct pn_private *aup = netdev_priv(dev);

	dma_free_attrs(NULL, 4096, aup->vaddr, aup->dma_addr, DMA_ATTR_NON_CONSISTENT);
	return 0;
}

static void *pn_entry[] __attribute__((used)) = { pn_probe, pn_remove };
