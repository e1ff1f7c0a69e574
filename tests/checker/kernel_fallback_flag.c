/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-style fixture: coherent memory where the device allows it,
 * non-coherent memory with syncs otherwise, chosen by a flag (the
 * uvcvideo/stk1160 shape).  Syncs guarded by the flag are not missing,
 * and each free matches the allocation it is paired with.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct urbuf {
	struct device *dev;
	void __iomem *mmio;
	bool noncoherent;
	u8 *data;
	dma_addr_t dma;
};

static int ub_alloc(struct urbuf *u)
{
	if (dma_can_alloc_noncoherent(u->dev)) {
		u->data = dma_alloc_noncoherent(u->dev, 8192, &u->dma,
						DMA_FROM_DEVICE, GFP_KERNEL);
		u->noncoherent = true;
	} else {
		u->data = dma_alloc_coherent(u->dev, 8192, &u->dma, GFP_KERNEL);
		u->noncoherent = false;
	}
	return u->data ? 0 : -ENOMEM;
}

static void ub_submit(struct urbuf *u)
{
	u->data[0] = 0;
	if (u->noncoherent)
		dma_sync_single_for_device(u->dev, u->dma, 8192, DMA_FROM_DEVICE);
	writel(1, u->mmio);
}

static void ub_submit_unsynced(struct urbuf *u)
{
	u->data[0] = 0;
	writel(1, u->mmio);	/* expect: missing-sync-for-device */
}

static u8 ub_complete(struct urbuf *u)
{
	if (u->noncoherent)
		dma_sync_single_for_cpu(u->dev, u->dma, 8192, DMA_FROM_DEVICE);
	return u->data[0];
}

static void ub_free(struct urbuf *u)
{
	if (u->noncoherent)
		dma_free_noncoherent(u->dev, 8192, u->data, u->dma, DMA_FROM_DEVICE);
	else
		dma_free_coherent(u->dev, 8192, u->data, u->dma);
}

int ub_run(struct urbuf *u);
int ub_run(struct urbuf *u)
{
	int ret = ub_alloc(u);

	if (ret)
		return ret;
	ub_submit(u);
	ub_submit_unsynced(u);
	ret = ub_complete(u);
	ub_free(u);
	return ret;
}
