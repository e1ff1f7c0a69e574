// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: where a DMA_FROM_DEVICE sync sits decides what it becomes.
 *  - rx_arm(): invalidate, then start the device: _for_device (53c700).
 *  - rx_poll(): invalidate, then the CPU reads: _for_cpu (lib82596 DMA_INV).
 *  - rx_period(): both at "base + off", with "off" written to the device
 *    in between (pcmduo, hal2 capture).
 *  - rx_prepare(): invalidate, then nothing this function can see: the
 *    documented default (_for_cpu) is applied and the site is reported.
 *  - rx_maybe(): the device is started on one path and the buffer read on
 *    the other: default, reported.
 * The status block is written by the CPU too (DMA_BIDIRECTIONAL, which
 * always becomes _for_device).
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/string.h>
#include <linux/dma-mapping.h>

#define RX_SIZE		2048
#define RX_REG_ADDR	0x00
#define RX_REG_GO	0x04

struct rx_status {
	u32 count;
	u32 flags;
};

struct rxq_priv {
	struct device *dev;
	void __iomem *regs;
	struct rx_status *st;
	dma_addr_t st_dma;
	u8 *data;
	dma_addr_t data_dma;
	int armed;
};

static int rx_setup(struct rxq_priv *priv)
{
	priv->st = dma_alloc_attrs(priv->dev, RX_SIZE, &priv->st_dma,
				   GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->st)
		return -ENOMEM;
	priv->data = dma_alloc_attrs(priv->dev, RX_SIZE, &priv->data_dma,
				     GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->data) {
		dma_free_attrs(priv->dev, RX_SIZE, priv->st, priv->st_dma,
			       DMA_ATTR_NON_CONSISTENT);
		return -ENOMEM;
	}
	priv->st->count = 0;
	priv->st->flags = 0;
	dma_cache_sync(priv->dev, priv->st, RX_SIZE, DMA_BIDIRECTIONAL);
	return 0;
}

static void rx_teardown(struct rxq_priv *priv)
{
	dma_free_attrs(priv->dev, RX_SIZE, priv->data, priv->data_dma,
		       DMA_ATTR_NON_CONSISTENT);
	dma_free_attrs(priv->dev, RX_SIZE, priv->st, priv->st_dma,
		       DMA_ATTR_NON_CONSISTENT);
}

static void rx_arm(struct rxq_priv *priv)
{
	dma_cache_sync(priv->dev, priv->st, RX_SIZE, DMA_FROM_DEVICE);
	writel(lower_32_bits(priv->st_dma), priv->regs + RX_REG_ADDR);
	writel(1, priv->regs + RX_REG_GO);
}

static u32 rx_poll(struct rxq_priv *priv, u8 *out, size_t len)
{
	dma_cache_sync(priv->dev, priv->st, sizeof(*priv->st),
		       DMA_FROM_DEVICE);
	if (!priv->st->count)
		return 0;
	dma_cache_sync(priv->dev, priv->data, len, DMA_FROM_DEVICE);
	memcpy(out, priv->data, len);
	return priv->st->count;
}

/* The offset goes to the device: a mention of it is not a CPU read. */
static void rx_period(struct rxq_priv *priv, size_t off, u8 *out, size_t n)
{
	dma_cache_sync(priv->dev, priv->data + off, n, DMA_FROM_DEVICE);
	writel(off, priv->regs + RX_REG_ADDR);
	writel(1, priv->regs + RX_REG_GO);
	dma_cache_sync(priv->dev, priv->data + off, n, DMA_FROM_DEVICE);
	memcpy(out, priv->data + off, n);
}

/* Arithmetic on a typed pointer: the offset counts elements, not bytes. */
static u32 rx_second(struct rxq_priv *priv)
{
	dma_cache_sync(priv->dev, priv->st + 1, sizeof(*priv->st),
		       DMA_FROM_DEVICE);
	return priv->st[1].count;
}

static void rx_prepare(struct rxq_priv *priv)
{
	/* cocci-expect: dma_cache_sync: converted to dma_sync_single_for_cpu by default */
	dma_cache_sync(priv->dev, priv->st, RX_SIZE, DMA_FROM_DEVICE);
	priv->armed = 1;
}

static u32 rx_maybe(struct rxq_priv *priv, int start)
{
	/* cocci-expect: dma_cache_sync: depending on the path */
	dma_cache_sync(priv->dev, priv->st, RX_SIZE, DMA_FROM_DEVICE);
	if (start) {
		writel(1, priv->regs + RX_REG_GO);
		return 0;
	}
	return priv->st->flags;
}
