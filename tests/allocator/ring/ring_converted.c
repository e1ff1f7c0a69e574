// SPDX-License-Identifier: GPL-2.0
/*
 * The loopback NIC driver converted to the 5.10 API, the way the upstream
 * conversions were done: dma_alloc_noncoherent() with a direction, a
 * handle helper (base handle + offset), and each dma_cache_sync() replaced
 * by the sync its position calls for: _for_device before the hardware
 * looks, _for_cpu before the CPU reads what the hardware wrote.
 *
 * ring_broken.c builds this file with RING_BROKEN: the same driver with
 * the sync of the transmit data left out.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "ring.h"

struct ring_priv {
	struct device *dev;
	void __iomem *regs;
	u8 *ring;
	dma_addr_t ring_dma;
	u32 tx_head;
	u32 rx_head;
};

static dma_addr_t ring_virt_to_dma(struct ring_priv *priv, void *p)
{
	return priv->ring_dma + ((u8 *)p - priv->ring);
}

static void ring_sync_dev(struct ring_priv *priv, void *p, size_t len)
{
	dma_sync_single_for_device(priv->dev, ring_virt_to_dma(priv, p), len,
				   DMA_BIDIRECTIONAL);
}

static void ring_sync_cpu(struct ring_priv *priv, void *p, size_t len)
{
	dma_sync_single_for_cpu(priv->dev, ring_virt_to_dma(priv, p), len,
				DMA_BIDIRECTIONAL);
}

static struct ring_desc *desc_at(struct ring_priv *priv, size_t off)
{
	return (struct ring_desc *)(priv->ring + off);
}

static struct ring_priv *conv_open(struct device *dev, void __iomem *regs)
{
	struct ring_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	int i;

	if (!priv)
		return NULL;
	priv->dev = dev;
	priv->regs = regs;
	priv->ring = dma_alloc_noncoherent(dev, RING_BYTES, &priv->ring_dma,
					   DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!priv->ring) {
		kfree(priv);
		return NULL;
	}
	for (i = 0; i < RING_NDESC; i++)
		desc_at(priv, RX_DESC_OFF(i))->status = cpu_to_le32(DESC_HW);
	/* Everything goes to the hardware; the CPU takes back what it needs. */
	ring_sync_dev(priv, priv->ring, RING_BYTES);
	writel(lower_32_bits(priv->ring_dma), regs + REG_BASE_LO);
	writel(upper_32_bits(priv->ring_dma), regs + REG_BASE_HI);
	return priv;
}

static int conv_send(struct ring_priv *priv, const void *data, size_t len)
{
	unsigned int i = priv->tx_head % RING_NDESC;
	struct ring_desc *d = desc_at(priv, TX_DESC_OFF(i));
	u8 *slot = priv->ring + TX_SLOT_OFF(i);

	if (len > RING_SLOT)
		return -EINVAL;
	ring_sync_cpu(priv, d, sizeof(*d));
	if (le32_to_cpu(d->status) == DESC_HW) {
		ring_sync_dev(priv, d, sizeof(*d));
		return -EBUSY;
	}
	ring_sync_cpu(priv, slot, RING_SLOT);
	memcpy(slot, data, len);
#ifndef RING_BROKEN
	ring_sync_dev(priv, slot, RING_SLOT);
#endif
	d->len = cpu_to_le32(len);
	d->status = cpu_to_le32(DESC_HW);
	ring_sync_dev(priv, d, sizeof(*d));
	writel(++priv->tx_head, priv->regs + REG_TX_TAIL);
	return 0;
}

static int conv_receive(struct ring_priv *priv, void *out, size_t max)
{
	unsigned int i = priv->rx_head % RING_NDESC;
	struct ring_desc *d = desc_at(priv, RX_DESC_OFF(i));
	u8 *slot = priv->ring + RX_SLOT_OFF(i);
	size_t len;

	ring_sync_cpu(priv, d, sizeof(*d));
	if (le32_to_cpu(d->status) != DESC_DONE) {
		ring_sync_dev(priv, d, sizeof(*d));
		return 0;
	}
	len = min_t(size_t, le32_to_cpu(d->len), max);
	ring_sync_cpu(priv, slot, RING_SLOT);
	memcpy(out, slot, len);
	ring_sync_dev(priv, slot, RING_SLOT);
	d->status = cpu_to_le32(DESC_HW);
	ring_sync_dev(priv, d, sizeof(*d));
	priv->rx_head++;
	return len;
}

static void conv_close(struct ring_priv *priv)
{
	/* Take the whole buffer back before freeing it. */
	ring_sync_cpu(priv, priv->ring, RING_BYTES);
	dma_free_noncoherent(priv->dev, RING_BYTES, priv->ring, priv->ring_dma,
			     DMA_BIDIRECTIONAL);
	kfree(priv);
}

#ifdef RING_BROKEN
const struct ring_driver ring_broken = {
	.name = "converted, transmit sync missing",
#else
const struct ring_driver ring_converted = {
	.name = "converted (5.10 API)",
#endif
	.open = conv_open,
	.send = conv_send,
	.receive = conv_receive,
	.close = conv_close,
};
