/* SPDX-License-Identifier: GPL-2.0 */
/* ownership-imbalance: taken with _for_cpu, given back on some paths only. */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct ring {
	struct device *dev;
	void __iomem *mmio;
	u32 *status;
	dma_addr_t status_dma;
};

/* The "busy, try again" path returns with the buffer still the CPU's. */
static int reap(struct ring *r)
{
	dma_sync_single_for_cpu(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);	/* expect: ownership-imbalance */
	if (r->status[0] & 0x80)
		return 1;
	r->status[0] = 0;
	dma_sync_single_for_device(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);
	return 0;
}

/* Started while one path kept the buffer: warns at the take, naming the kick. */
static void restart(struct ring *r, int clear)
{
	dma_sync_single_for_cpu(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);	/* expect: ownership-imbalance */
	if (clear) {
		r->status[1] = 0;
		dma_sync_single_for_device(r->dev, r->status_dma, 64,
					   DMA_BIDIRECTIONAL);
	}
	writel(1, r->mmio);
}

/* Near miss: given back on every path. */
static int reap_balanced(struct ring *r)
{
	int err = 0;

	dma_sync_single_for_cpu(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);
	if (r->status[0] & 0x80)
		err = -EIO;
	else
		r->status[0] = 0;
	dma_sync_single_for_device(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);
	return err;
}

/* Near misses: failure paths, returning an error (after a device reset). */
static int reap_or_fail(struct ring *r)
{
	dma_sync_single_for_cpu(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);
	if (r->status[0] & 0x80)
		return -EIO;
	r->status[0] = 0;
	dma_sync_single_for_device(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);
	return 0;
}

static int reap_or_reset(struct ring *r)
{
	dma_sync_single_for_cpu(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);
	if (r->status[0] & 0x80) {
		writel(0, r->mmio);
		return -EIO;
	}
	r->status[0] = 0;
	dma_sync_single_for_device(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);
	return 0;
}

/* Near miss: taken for good (never given back anywhere here). */
static u32 final_status(struct ring *r)
{
	dma_sync_single_for_cpu(r->dev, r->status_dma, 64, DMA_BIDIRECTIONAL);
	return r->status[0];
}

int ring_poll(struct ring *r);
int ring_poll(struct ring *r)
{
	r->status = dma_alloc_noncoherent(r->dev, 64, &r->status_dma,
					  DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!r->status)
		return -ENOMEM;
	restart(r, 1);
	return reap(r) + reap_balanced(r) + reap_or_fail(r) + reap_or_reset(r) +
	       final_status(r);
}
