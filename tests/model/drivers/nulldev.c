// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): an old driver that
 * passes NULL as the device; the conversion needs the real one, which
 * the holder reaches.  A second buffer is never synced: coherent.
 */
#include "kstub.h"

struct nd_priv {
	struct device *dev;
	void *buf;
	dma_addr_t buf_dma;
	void *table;
	dma_addr_t table_dma;
	void __iomem *regs;
};

static int nd_probe(struct nd_priv *nd)
{
	nd->buf = dma_alloc_attrs(NULL, 2048, &nd->buf_dma, GFP_KERNEL,
				  DMA_ATTR_NON_CONSISTENT);
	nd->table = dma_alloc_noncoherent(nd->dev, 1024, &nd->table_dma, GFP_KERNEL);
	return nd->buf && nd->table ? 0 : -ENOMEM;
}

static void nd_send(struct nd_priv *nd, int len)
{
	dma_cache_sync(NULL, nd->buf, len, DMA_TO_DEVICE);
	writel(len, nd->regs);
}

static dma_addr_t nd_map(struct nd_priv *nd, void *frame, int len)
{
	/* the attribute means nothing on a mapping: dropped */
	return dma_map_single_attrs(nd->dev, frame, len, DMA_TO_DEVICE,
				    DMA_ATTR_NON_CONSISTENT);
}

static void nd_remove(struct nd_priv *nd)
{
	dma_free_noncoherent(nd->dev, 1024, nd->table, nd->table_dma);
	dma_free_attrs(NULL, 2048, nd->buf, nd->buf_dma, DMA_ATTR_NON_CONSISTENT);
}

static void *nd_entry[] __attribute__((used)) = { nd_probe, nd_send, nd_map, nd_remove };
