// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: a patch macro whose device is its second parameter,
 * converted with the driver model's facts (facts_macro_param.facts.json,
 * as build/tests/model/dmamodel writes them for this file), and a
 * structure before it that needs no helper.
 * cocci-options: -D facts=facts_macro_param.facts.json
 * The facts change that parameter to the holder, the dma_cache_sync()
 * in its body takes the holder's device and the driver's translator,
 * and every caller passes the holder in the second place.  (A script
 * rule that dropped the structure's binding stopped every later rule.)
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define MPP_NWORDS	16

struct mpp_host {
	struct device *dev;
	u32 *script;
	dma_addr_t script_dma;
	void __iomem *regs;
};

#define MPP_VIRT_TO_DMA(h, v) ((h)->script_dma + \
	((unsigned long)(v) - (unsigned long)(h)->script))

#define MPP_PATCH(script, dev, i, v) \
{ \
	(script)[i] = (v); \
	dma_cache_sync((dev), &(script)[i], sizeof(u32), DMA_TO_DEVICE); \
}

static int mpp_init(struct mpp_host *host)
{
	host->script = dma_alloc_attrs(host->dev, MPP_NWORDS * sizeof(u32),
				       &host->script_dma, GFP_KERNEL,
				       DMA_ATTR_NON_CONSISTENT);
	if (!host->script)
		return -ENOMEM;
	MPP_PATCH(host->script, host->dev, 0, 1);
	writel(1, host->regs);
	return 0;
}

static void mpp_exit(struct mpp_host *host)
{
	dma_free_attrs(host->dev, MPP_NWORDS * sizeof(u32), host->script,
		       host->script_dma, DMA_ATTR_NON_CONSISTENT);
}

static void mpp_restart(struct mpp_host *host, u32 v)
{
	MPP_PATCH(host->script, host->dev, 1, v);
	writel(2, host->regs);
}

static void *mpp_entry[] __attribute__((used)) = { mpp_init, mpp_exit, mpp_restart };
