/* SPDX-License-Identifier: GPL-2.0 */
/* dmacheck-flags: -DDMAREF_API_5_9 --inline-api */
/*
 * The API through OP_INLINED_CALL notes.  With --inline-api sparse
 * inlines the 5.9 dma_alloc_noncoherent() wrapper: what is left is a
 * call of dma_alloc_attrs() inside the header and a note naming the
 * wrapper.  The note is folded with the call: the finding is at the
 * driver's line, and the buffer is the wrapper's (a noncoherent one).
 */
#include <linux/dma-mapping.h>

static void late_write(struct device *dev)
{
	dma_addr_t h;
	u32 *p = dma_alloc_noncoherent(dev, 4096, &h, GFP_KERNEL);	/* expect: legacy-api */

	if (!p)
		return;
	p[0] = 1;
	dma_cache_sync(dev, p, 4096, DMA_TO_DEVICE);	/* expect: legacy-api */
	p[1] = 2;	/* expect: cpu-write-device-owned */
	dma_free_coherent(dev, 4096, p, h);	/* expect: wrong-free */
}

void use(struct device *dev);
void use(struct device *dev)
{
	late_write(dev);
}
