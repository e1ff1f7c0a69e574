// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: one non-consistent buffer synced at its base and at
 * "base + offset".  A checksum engine: the CPU fills the command area and
 * writes it back (DMA_TO_DEVICE), invalidates the result word before it
 * starts the engine (DMA_FROM_DEVICE placed before the device runs: becomes
 * _for_device, as in 53c700), and invalidates the whole buffer before it
 * reads the result (DMA_FROM_DEVICE before a CPU read: becomes _for_cpu).
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define CSUM_BUF_SIZE	4096
#define CSUM_RES_OFF	2048
#define CSUM_REG_ADDR	0x00
#define CSUM_REG_LEN	0x04
#define CSUM_REG_GO	0x08

struct csum_priv {
	struct device *dev;
	void __iomem *regs;
	u8 *buf;
	dma_addr_t buf_dma;
};

static int csum_init(struct csum_priv *priv)
{
	priv->buf = dma_alloc_attrs(priv->dev, CSUM_BUF_SIZE, &priv->buf_dma,
				    GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!priv->buf)
		return -ENOMEM;
	return 0;
}

static void csum_exit(struct csum_priv *priv)
{
	dma_free_attrs(priv->dev, CSUM_BUF_SIZE, priv->buf, priv->buf_dma,
		       DMA_ATTR_NON_CONSISTENT);
}

static u32 csum_run(struct csum_priv *priv, const void *data, size_t len)
{
	u32 sum;

	if (len > CSUM_RES_OFF)
		return 0;
	memcpy(priv->buf, data, len);
	dma_cache_sync(priv->dev, priv->buf, len, DMA_TO_DEVICE);
	dma_cache_sync(priv->dev, priv->buf + CSUM_RES_OFF, sizeof(u32),
		       DMA_FROM_DEVICE);

	writel(lower_32_bits(priv->buf_dma), priv->regs + CSUM_REG_ADDR);
	writel(len, priv->regs + CSUM_REG_LEN);
	writel(1, priv->regs + CSUM_REG_GO);

	dma_cache_sync(priv->dev, priv->buf, CSUM_BUF_SIZE, DMA_FROM_DEVICE);
	memcpy(&sum, priv->buf + CSUM_RES_OFF, sizeof(sum));
	return sum;
}
