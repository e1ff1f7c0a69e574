// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests) shaped like a vendor BSP
 * file: its SoC headers are not at hand and it calls a function nothing
 * declares.  Best effort still finds the allocation and the sync.
 */
#include "kstub.h"
#include <soc/acme/regs.h>
#include "acme_board.h"

struct acme_priv {
	struct device *dev;
	void *fifo;
	dma_addr_t fifo_dma;
};

static int acme_probe(struct acme_priv *p)
{
	p->fifo = dma_alloc_attrs(p->dev, 1024, &p->fifo_dma, GFP_KERNEL,
				  DMA_ATTR_NON_CONSISTENT);
	acme_soc_flush(p->fifo);
	dma_cache_sync(p->dev, p->fifo, 1024, DMA_TO_DEVICE);
	return 0;
}

static void *acme_entry[] __attribute__((used)) = { acme_probe };
