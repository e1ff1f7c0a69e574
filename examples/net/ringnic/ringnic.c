// SPDX-License-Identifier: GPL-2.0
/*
 * ringnic: transmit and receive through one descriptor ring.
 *
 * The ring lives in non-consistent memory on the platforms this chip is
 * found on, so every hand-off goes through the cache macros below: write
 * back before the chip looks at a descriptor, invalidate before the CPU
 * polls the status the chip wrote.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#include "ringnic.h"

#define DMA_WBACK(lp, addr, len) \
	do { dma_cache_sync((lp)->dev, (void *)addr, len, DMA_TO_DEVICE); } while (0)

#define DMA_INV(lp, addr, len) \
	do { dma_cache_sync((lp)->dev, (void *)addr, len, DMA_FROM_DEVICE); } while (0)

static void ringnic_arm_rx(struct ringnic_private *lp, struct ringnic_desc *rd)
{
	rd->len = 0;
	rd->status = cpu_to_le32(RINGNIC_ST_CHIP);
	DMA_WBACK(lp, rd, sizeof(*rd));
}

int ringnic_open(struct ringnic_private *lp, struct device *dev,
		 void __iomem *regs)
{
	int i;

	lp->dev = dev;
	lp->regs = regs;
	lp->ring = dma_alloc_attrs(lp->dev, sizeof(struct ringnic_ring),
				   &lp->ring_dma, GFP_KERNEL,
				   DMA_ATTR_NON_CONSISTENT);
	if (!lp->ring)
		return -ENOMEM;
	memset(lp->ring, 0, sizeof(struct ringnic_ring));
	lp->tx_next = 0;
	lp->rx_next = 0;
	DMA_WBACK(lp, lp->ring->tx, sizeof(lp->ring->tx));

	for (i = 0; i < RINGNIC_RX_DESCS; i++)
		ringnic_arm_rx(lp, &lp->ring->rx[i]);

	writel(lp->ring_dma, lp->regs + RINGNIC_REG_RING);
	return 0;
}

int ringnic_xmit(struct ringnic_private *lp, const void *frame,
		 unsigned int len)
{
	struct ringnic_desc *td = &lp->ring->tx[lp->tx_next];

	if (len > RINGNIC_FRAME_MAX)
		return -EINVAL;
	DMA_INV(lp, td, sizeof(*td));
	if (le32_to_cpu(td->status) & RINGNIC_ST_CHIP)
		return -EBUSY;

	memcpy(td->data, frame, len);
	td->len = cpu_to_le32(len);
	td->status = cpu_to_le32(RINGNIC_ST_CHIP);
	DMA_WBACK(lp, td, sizeof(*td));

	lp->tx_next = (lp->tx_next + 1) % RINGNIC_TX_DESCS;
	writel(RINGNIC_CMD_TX, lp->regs + RINGNIC_REG_CMD);
	return 0;
}

/* Returns how many sent descriptors were given back to the CPU. */
int ringnic_tx_reclaim(struct ringnic_private *lp)
{
	int i, done = 0;

	for (i = 0; i < RINGNIC_TX_DESCS; i++) {
		struct ringnic_desc *td = &lp->ring->tx[i];

		DMA_INV(lp, td, sizeof(*td));
		if (!(le32_to_cpu(td->status) & RINGNIC_ST_DONE))
			continue;
		td->status = 0;
		DMA_WBACK(lp, td, sizeof(*td));
		done++;
	}
	return done;
}

/* Hands every received frame to @deliver and re-arms its descriptor. */
int ringnic_rx(struct ringnic_private *lp, ringnic_rx_fn deliver, void *arg)
{
	int received = 0;

	writel(RINGNIC_CMD_RX, lp->regs + RINGNIC_REG_CMD);
	for (;;) {
		struct ringnic_desc *rd = &lp->ring->rx[lp->rx_next];
		unsigned int len;

		DMA_INV(lp, rd, sizeof(*rd));
		if (!(le32_to_cpu(rd->status) & RINGNIC_ST_DONE))
			break;
		len = le32_to_cpu(rd->len);
		if (len > RINGNIC_FRAME_MAX)
			len = RINGNIC_FRAME_MAX;
		deliver(rd->data, len, arg);
		ringnic_arm_rx(lp, rd);
		lp->rx_next = (lp->rx_next + 1) % RINGNIC_RX_DESCS;
		received++;
	}
	return received;
}

void ringnic_close(struct ringnic_private *lp)
{
	dma_free_attrs(lp->dev, sizeof(struct ringnic_ring), lp->ring,
		       lp->ring_dma, DMA_ATTR_NON_CONSISTENT);
	lp->ring = NULL;
}
