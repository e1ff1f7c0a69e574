/* SPDX-License-Identifier: GPL-2.0 */
/*
 * taken-not-given-back: a part taken for the CPU and handed back on no
 * path before a kick or a device callback's return; and the near misses.
 */
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>

struct tdesc {
	u32 status;
	u32 len;
	u32 buf;
	u32 next;
};

struct tpriv {
	struct device *dev;
	void __iomem *mmio;
	struct tdesc *ring;
	dma_addr_t ring_dma;
	unsigned int cur;
	int errors;
};

static void t_take(struct tpriv *p, struct tdesc *d)
{
	dma_sync_single_for_cpu(p->dev, p->ring_dma + ((char *)d - (char *)p->ring),
				sizeof(*d), DMA_BIDIRECTIONAL);
}

static void t_give(struct tpriv *p, struct tdesc *d)
{
	dma_sync_single_for_device(p->dev, p->ring_dma + ((char *)d - (char *)p->ring),
				   sizeof(*d), DMA_BIDIRECTIONAL);
}

/* Read, then the device started at it while the CPU still owns it. */
void t_restart(struct tpriv *p);
void t_restart(struct tpriv *p)
{
	struct tdesc *d = &p->ring[p->cur];

	t_take(p, d);		/* expect: taken-not-given-back */
	if (d->status & 1)
		writel(p->cur, p->mmio);
}

/* Near miss: handed back on every path first. */
void t_restart_ok(struct tpriv *p);
void t_restart_ok(struct tpriv *p)
{
	struct tdesc *d = &p->ring[p->cur];

	t_take(p, d);
	if (d->status & 1) {
		t_give(p, d);
		writel(p->cur, p->mmio);
		return;
	}
	t_give(p, d);
}

/* Near miss: a reset on the way out of a failure. */
int t_check(struct tpriv *p);
int t_check(struct tpriv *p)
{
	struct tdesc *d = &p->ring[p->cur];

	t_take(p, d);
	if (d->status & 0x100) {
		writel(0, p->mmio);	/* reset */
		return -EIO;
	}
	t_give(p, d);
	return 0;
}

/*
 * Near miss: a helper that returns with the descriptor taken; its summary
 * says so and its caller hands it back.
 */
static int t_peek(struct tpriv *p, struct tdesc *d)
{
	t_take(p, d);
	return d->status & 1;
}

void t_poll_ok(struct tpriv *p);
void t_poll_ok(struct tpriv *p)
{
	struct tdesc *d = &p->ring[p->cur];
	int done = t_peek(p, d);

	t_give(p, d);
	if (done)
		writel(1, p->mmio);
}

/* ... and a caller that does not: judged at its kick. */
void t_poll_bad(struct tpriv *p);
void t_poll_bad(struct tpriv *p)
{
	struct tdesc *d = &p->ring[p->cur];

	if (t_peek(p, d))	/* expect: taken-not-given-back */
		writel(1, p->mmio);
}

/* Near miss: the device stopped first, the status read for statistics. */
void t_stop(struct tpriv *p);
void t_stop(struct tpriv *p)
{
	struct tdesc *d = &p->ring[p->cur];

	writel(0, p->mmio);
	t_take(p, d);
	if (d->status & 0x100)
		p->errors++;
}

/* An interrupt handler that returns with it. */
static irqreturn_t t_irq(int irq, void *data)
{
	struct tpriv *p = data;
	struct tdesc *d = &p->ring[p->cur];

	t_take(p, d);		/* expect: taken-not-given-back */
	if (d->status & 0x100)
		p->errors++;
	return IRQ_HANDLED;
}

/* Near miss: a store after the take is missing-sync-for-device's. */
void t_write(struct tpriv *p);
void t_write(struct tpriv *p)
{
	struct tdesc *d = &p->ring[p->cur];

	t_take(p, d);
	d->status = 0;
	writel(1, p->mmio);	/* expect: missing-sync-for-device */
}

int t_open(struct tpriv *p);
int t_open(struct tpriv *p)
{
	p->ring = dma_alloc_noncoherent(p->dev, 16 * sizeof(struct tdesc), &p->ring_dma,
					DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!p->ring)
		return -ENOMEM;
	return request_irq(3, t_irq, 0, "t", p);
}
