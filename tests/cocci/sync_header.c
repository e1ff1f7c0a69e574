// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: dma_cache_sync() in static inline helpers of the driver's
 * own header (sgiseeq).  The helpers get a descriptor pointer from their
 * callers: without facts nothing proves which allocation it points into,
 * so both sites are left and reported.  facts_header.c is the same driver
 * converted with the model's facts (a generated scc_descs_to_dma()
 * helper after the structure in the header).
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include "sync_header.h"

#define SCC_REG_GO	0x00

static int scc_init(struct scc_private *sp)
{
	int i;

	sp->descs = dma_alloc_attrs(sp->dev, SCC_NDESC * sizeof(struct scc_desc),
				    &sp->descs_dma, GFP_KERNEL,
				    DMA_ATTR_NON_CONSISTENT);
	if (!sp->descs)
		return -ENOMEM;
	for (i = 0; i < SCC_NDESC; i++) {
		sp->descs[i].flags = 0;
		scc_desc_give(sp, &sp->descs[i]);
	}
	return 0;
}

static void scc_exit(struct scc_private *sp)
{
	dma_free_attrs(sp->dev, SCC_NDESC * sizeof(struct scc_desc), sp->descs,
		       sp->descs_dma, DMA_ATTR_NON_CONSISTENT);
}

static int scc_kick(struct scc_private *sp, int i)
{
	writel(1, sp->regs + SCC_REG_GO);
	return scc_desc_flags(sp, &sp->descs[i]);
}
