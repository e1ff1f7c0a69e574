// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): a patch macro that only
 * gets the device, used from two functions that name the holder
 * differently; the patch would have to pass one text for both.
 */
#include "kstub.h"

struct hl_host {
	struct device *dev;
	u32 *script;
	dma_addr_t script_dma;
	void __iomem *base;
};

#define hl_patch(dev, script, off, val) \
	do { \
		(script)[off] = (val); \
		dma_cache_sync(dev, &(script)[off], sizeof(u32), DMA_TO_DEVICE); \
	} while (0)

static void hl_start(struct hl_host *hostdata)
{
	hl_patch(hostdata->dev, hostdata->script, 4, 1);
	writel(1, hostdata->base);
}

static int hl_probe(struct hl_host *h)
{
	h->script = dma_alloc_attrs(h->dev, 4096, &h->script_dma, GFP_KERNEL,
				    DMA_ATTR_NON_CONSISTENT);
	if (!h->script)
		return -ENOMEM;
	hl_patch(h->dev, h->script, 0, h->script_dma);
	writel(0, h->base);
	return 0;
}

static void *hl_entry[] __attribute__((used)) = { hl_probe, hl_start };
