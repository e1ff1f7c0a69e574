/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cocci fixture header for facts_header.c: the driver's buffer handling
 * lives in static inline helpers here.  Run with --include-headers and
 * --local-includes so that the helpers are converted with the driver that
 * allocates the buffer.
 */
#ifndef _FACTS_HEADER_H
#define _FACTS_HEADER_H

#include <linux/types.h>
#include <linux/dma-mapping.h>

#define SCC_NDESC	4

struct scc_desc {
	u32 buf;
	u32 count;
	u32 flags;
	u32 pad[13];
};

struct scc_private {
	struct device *dev;
	void __iomem *regs;
	struct scc_desc *descs;
	dma_addr_t descs_dma;
};

/* Hand a descriptor the CPU filled to the device. */
static inline void scc_desc_give(struct scc_private *sp, struct scc_desc *d)
{
	dma_cache_sync(sp->dev, d, sizeof(*d), DMA_TO_DEVICE);
}

/* Look at what the device wrote into a descriptor. */
static inline u32 scc_desc_flags(struct scc_private *sp, struct scc_desc *d)
{
	dma_cache_sync(sp->dev, d, sizeof(*d), DMA_FROM_DEVICE);
	return d->flags;
}

#endif /* _FACTS_HEADER_H */
