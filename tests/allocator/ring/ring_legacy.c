// SPDX-License-Identifier: GPL-2.0
/*
 * The loopback NIC driver as it was written for Linux 5.9: non-consistent
 * memory from the 4-argument dma_alloc_noncoherent() and cache maintenance
 * by CPU address with dma_cache_sync().
 */
#define DMAREF_API_5_9
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

static struct ring_desc *desc_at(struct ring_priv *priv, size_t off)
{
	return (struct ring_desc *)(priv->ring + off);
}

static struct ring_priv *legacy_open(struct device *dev, void __iomem *regs)
{
	struct ring_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	int i;

	if (!priv)
		return NULL;
	priv->dev = dev;
	priv->regs = regs;
	priv->ring = dma_alloc_noncoherent(dev, RING_BYTES, &priv->ring_dma,
					   GFP_KERNEL);
	if (!priv->ring) {
		kfree(priv);
		return NULL;
	}
	for (i = 0; i < RING_NDESC; i++)
		desc_at(priv, RX_DESC_OFF(i))->status = cpu_to_le32(DESC_HW);
	dma_cache_sync(dev, priv->ring, RING_BYTES, DMA_TO_DEVICE);
	writel(lower_32_bits(priv->ring_dma), regs + REG_BASE_LO);
	writel(upper_32_bits(priv->ring_dma), regs + REG_BASE_HI);
	return priv;
}

static int legacy_send(struct ring_priv *priv, const void *data, size_t len)
{
	unsigned int i = priv->tx_head % RING_NDESC;
	struct ring_desc *d = desc_at(priv, TX_DESC_OFF(i));
	u8 *slot = priv->ring + TX_SLOT_OFF(i);

	if (len > RING_SLOT)
		return -EINVAL;
	dma_cache_sync(priv->dev, d, sizeof(*d), DMA_FROM_DEVICE);
	if (le32_to_cpu(d->status) == DESC_HW)
		return -EBUSY;
	memcpy(slot, data, len);
	dma_cache_sync(priv->dev, slot, len, DMA_TO_DEVICE);
	d->len = cpu_to_le32(len);
	d->status = cpu_to_le32(DESC_HW);
	dma_cache_sync(priv->dev, d, sizeof(*d), DMA_TO_DEVICE);
	writel(++priv->tx_head, priv->regs + REG_TX_TAIL);
	return 0;
}

static int legacy_receive(struct ring_priv *priv, void *out, size_t max)
{
	unsigned int i = priv->rx_head % RING_NDESC;
	struct ring_desc *d = desc_at(priv, RX_DESC_OFF(i));
	u8 *slot = priv->ring + RX_SLOT_OFF(i);
	size_t len;

	dma_cache_sync(priv->dev, d, sizeof(*d), DMA_FROM_DEVICE);
	if (le32_to_cpu(d->status) != DESC_DONE)
		return 0;
	len = min_t(size_t, le32_to_cpu(d->len), max);
	dma_cache_sync(priv->dev, slot, len, DMA_FROM_DEVICE);
	memcpy(out, slot, len);
	d->status = cpu_to_le32(DESC_HW);
	dma_cache_sync(priv->dev, d, sizeof(*d), DMA_TO_DEVICE);
	priv->rx_head++;
	return len;
}

static void legacy_close(struct ring_priv *priv)
{
	dma_free_noncoherent(priv->dev, RING_BYTES, priv->ring, priv->ring_dma);
	kfree(priv);
}

const struct ring_driver ring_legacy = {
	.name = "legacy (5.9 API)",
	.open = legacy_open,
	.send = legacy_send,
	.receive = legacy_receive,
	.close = legacy_close,
};
