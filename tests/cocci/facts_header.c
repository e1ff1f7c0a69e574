// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: sync_header.c converted with the driver model's facts
 * (facts_header.facts.json, written here by hand as the model would).
 * cocci-options: -D facts=facts_header.facts.json
 * The dma_cache_sync() sites live in the header (spatch skips a .c file
 * that does not name the API itself: this comment names it); the facts
 * take the handle through a helper added after the structure, in the
 * header.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include "facts_header.h"

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
