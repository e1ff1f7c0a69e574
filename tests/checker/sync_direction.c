/* SPDX-License-Identifier: GPL-2.0 */
/* sync-direction: a sync that contradicts the buffer's direction. */
#include <linux/dma-mapping.h>

static void directions(struct device *dev, void *frame)
{
	dma_addr_t tx_dma, rx_dma, bi_dma, h;
	void *tx = dma_alloc_noncoherent(dev, 2048, &tx_dma, DMA_TO_DEVICE, GFP_KERNEL);
	void *rx = dma_alloc_noncoherent(dev, 2048, &rx_dma, DMA_FROM_DEVICE, GFP_KERNEL);
	void *bi = dma_alloc_noncoherent(dev, 2048, &bi_dma, DMA_BIDIRECTIONAL, GFP_KERNEL);

	/* a TO_DEVICE buffer is never taken back for the CPU */
	dma_sync_single_for_cpu(dev, tx_dma, 2048, DMA_BIDIRECTIONAL);	/* expect: sync-direction */
	/* near miss: with its own direction that is a no-op dma-debug accepts */
	dma_sync_single_for_cpu(dev, tx_dma, 2048, DMA_TO_DEVICE);
	dma_sync_single_for_device(dev, tx_dma, 2048, DMA_TO_DEVICE);
	/* a FROM_DEVICE buffer synced as if the CPU wrote it */
	dma_sync_single_for_device(dev, rx_dma, 2048, DMA_TO_DEVICE);	/* expect: sync-direction */
	dma_sync_single_for_cpu(dev, rx_dma, 2048, DMA_FROM_DEVICE);
	/* any direction differing from a one-way allocation */
	dma_sync_single_for_device(dev, tx_dma, 2048, DMA_BIDIRECTIONAL);	/* expect: sync-direction */
	/* BIDIRECTIONAL memory may be synced either way */
	dma_sync_single_for_device(dev, bi_dma, 2048, DMA_TO_DEVICE);
	dma_sync_single_for_cpu(dev, bi_dma, 2048, DMA_FROM_DEVICE);
	/* DMA_NONE is never a direction */
	h = dma_map_single(dev, frame, 64, DMA_NONE);	/* expect: sync-direction */
	dma_unmap_single(dev, h, 64, DMA_NONE);	/* expect: sync-direction */

	dma_free_noncoherent(dev, 2048, tx, tx_dma, DMA_TO_DEVICE);
	dma_free_noncoherent(dev, 2048, rx, rx_dma, DMA_FROM_DEVICE);
	dma_free_noncoherent(dev, 2048, bi, bi_dma, DMA_BIDIRECTIONAL);
}

void use(struct device *dev, void *frame);
void use(struct device *dev, void *frame)
{
	directions(dev, frame);
}
