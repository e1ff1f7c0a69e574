// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: a transmit ring.  The descriptors are synced through a
 * pointer to one descriptor ("d", set from &ring[i]), so the handle comes
 * from a generated ring_to_dma() helper; the packet buffers are synced at
 * "base + offset".  The CPU reads the descriptor status after a
 * DMA_FROM_DEVICE sync: _for_cpu.  Packet slots are not reused, so the CPU
 * never writes a slot the device still owns.
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define RING_SIZE	8
#define PKT_SIZE	256
#define DESC_DONE	0x1
#define REG_RING	0x00
#define REG_TAIL	0x04

/* One descriptor per cache line: a sync never covers a neighbour. */
struct ring_desc {
	u32 addr;
	u32 len;
	u32 status;
	u32 pad[13];
};

struct txr_priv {
	struct device *dev;
	void __iomem *regs;
	struct ring_desc *ring;
	dma_addr_t ring_dma;
	u8 *pkts;
	dma_addr_t pkts_dma;
	int head;
};

static int txr_open(struct txr_priv *priv)
{
	priv->ring = dma_alloc_attrs(priv->dev,
				     RING_SIZE * sizeof(struct ring_desc),
				     &priv->ring_dma, GFP_KERNEL,
				     DMA_ATTR_NON_CONSISTENT);
	if (!priv->ring)
		return -ENOMEM;
	priv->pkts = dma_alloc_attrs(priv->dev, RING_SIZE * PKT_SIZE,
				     &priv->pkts_dma, GFP_KERNEL,
				     DMA_ATTR_NON_CONSISTENT);
	if (!priv->pkts) {
		dma_free_attrs(priv->dev, RING_SIZE * sizeof(struct ring_desc),
			       priv->ring, priv->ring_dma,
			       DMA_ATTR_NON_CONSISTENT);
		return -ENOMEM;
	}
	writel(lower_32_bits(priv->ring_dma), priv->regs + REG_RING);
	return 0;
}

static void txr_close(struct txr_priv *priv)
{
	dma_free_attrs(priv->dev, RING_SIZE * PKT_SIZE, priv->pkts,
		       priv->pkts_dma, DMA_ATTR_NON_CONSISTENT);
	dma_free_attrs(priv->dev, RING_SIZE * sizeof(struct ring_desc),
		       priv->ring, priv->ring_dma, DMA_ATTR_NON_CONSISTENT);
}

static void txr_post(struct txr_priv *priv, int i, const void *data,
		      size_t len)
{
	struct ring_desc *d = &priv->ring[i];

	memcpy(priv->pkts + i * PKT_SIZE, data, len);
	dma_cache_sync(priv->dev, priv->pkts + i * PKT_SIZE, len,
		       DMA_TO_DEVICE);

	d->addr = lower_32_bits(priv->pkts_dma + i * PKT_SIZE);
	d->len = len;
	d->status = 0;
	dma_cache_sync(priv->dev, d, sizeof(*d), DMA_TO_DEVICE);
}

static int txr_xmit(struct txr_priv *priv, const char *const *msgs, int n)
{
	int first = priv->head, i, done = 0;

	for (i = 0; i < n && priv->head < RING_SIZE; i++)
		txr_post(priv, priv->head++, msgs[i], strlen(msgs[i]));
	writel(priv->head, priv->regs + REG_TAIL);

	for (i = first; i < priv->head; i++) {
		struct ring_desc *d = &priv->ring[i];

		dma_cache_sync(priv->dev, d, sizeof(*d), DMA_FROM_DEVICE);
		if (d->status & DESC_DONE)
			done++;
	}
	return done;
}
