/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-style fixture: a buffer kept in a struct field, allocated in
 * probe() and used from the interrupt handler, defined before probe()
 * in the file as drivers do.
 */
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>

struct cap {
	struct device *dev;
	void __iomem *mmio;
	u8 *frame;
	dma_addr_t frame_dma;
	unsigned int len;
};

static void cap_consume(const u8 *data, unsigned int len);

/* Copies the frame out, then rearms: but wrote it after rearming. */
static irqreturn_t cap_irq(int irq, void *data)
{
	struct cap *c = data;

	dma_sync_single_for_cpu(c->dev, c->frame_dma, 4096, DMA_FROM_DEVICE);
	cap_consume(c->frame, c->len);
	dma_sync_single_for_device(c->dev, c->frame_dma, 4096, DMA_FROM_DEVICE);
	c->frame[0] = 0;	/* expect: cpu-write-device-owned */
	writel(1, c->mmio);
	return IRQ_HANDLED;
}

/* Near miss: the correct handler. */
static irqreturn_t cap_irq_fixed(int irq, void *data)
{
	struct cap *c = data;

	dma_sync_single_for_cpu(c->dev, c->frame_dma, 4096, DMA_FROM_DEVICE);
	cap_consume(c->frame, c->len);
	c->frame[0] = 0;
	dma_sync_single_for_device(c->dev, c->frame_dma, 4096, DMA_FROM_DEVICE);
	writel(1, c->mmio);
	return IRQ_HANDLED;
}

/* Reads the header before the sync. */
static irqreturn_t cap_irq_early(int irq, void *data)
{
	struct cap *c = data;
	unsigned int kind = c->frame[0];	/* expect: missing-sync-for-cpu */

	dma_sync_single_for_cpu(c->dev, c->frame_dma, 4096, DMA_FROM_DEVICE);
	cap_consume(c->frame + 1, kind);
	dma_sync_single_for_device(c->dev, c->frame_dma, 4096, DMA_FROM_DEVICE);
	return IRQ_HANDLED;
}

static void cap_consume(const u8 *data, unsigned int len)
{
	(void)data;
	(void)len;
}

int cap_probe(struct cap *c, int irq);
int cap_probe(struct cap *c, int irq)
{
	c->frame = dma_alloc_noncoherent(c->dev, 4096, &c->frame_dma,
					 DMA_FROM_DEVICE, GFP_KERNEL);
	if (!c->frame)
		return -ENOMEM;
	return request_irq(irq, cap_irq, 0, "cap", c) +
	       request_irq(irq, cap_irq_fixed, 0, "cap", c) +
	       request_irq(irq, cap_irq_early, 0, "cap", c);
}
