/* SPDX-License-Identifier: GPL-2.0 */
/* missing-sync-for-cpu: reading device-written data before _for_cpu. */
#include <linux/dma-mapping.h>

struct rx_desc {
	u32 status;
	u32 len;
};

struct rx {
	struct device *dev;
	struct rx_desc *desc;
	dma_addr_t desc_dma;
};

/* The status is read first, the sync comes after: stale data. */
static u32 rx_status_too_early(struct rx *rx)
{
	u32 status = rx->desc->status;	/* expect: missing-sync-for-cpu */

	dma_sync_single_for_cpu(rx->dev, rx->desc_dma, sizeof(*rx->desc),
				DMA_FROM_DEVICE);
	return status + rx->desc->len;
}

/* Near miss: sync, then read. */
static u32 rx_status(struct rx *rx)
{
	dma_sync_single_for_cpu(rx->dev, rx->desc_dma, sizeof(*rx->desc),
				DMA_FROM_DEVICE);
	return rx->desc->status;
}

/* Near miss: a function that never syncs says nothing about ownership. */
static u32 rx_peek(struct rx *rx)
{
	return rx->desc->len;
}

int rx_open(struct rx *rx);
int rx_open(struct rx *rx)
{
	rx->desc = dma_alloc_noncoherent(rx->dev, sizeof(*rx->desc),
					 &rx->desc_dma, DMA_FROM_DEVICE,
					 GFP_KERNEL);
	if (!rx->desc)
		return -ENOMEM;
	return rx_status_too_early(rx) + rx_status(rx) + rx_peek(rx);
}
