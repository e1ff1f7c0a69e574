/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-style fixture: a descriptor ring synced through the driver's
 * own helpers (the shape of the upstream sgiseeq/lib82596 conversions),
 * with descriptor pointers into the ring.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

#define NR_DESC 16

struct xdesc {
	u32 status;
	u32 len;
	u32 buf;
	u32 next;
};

struct xpriv {
	struct device *dev;
	void __iomem *mmio;
	struct xdesc *ring;
	dma_addr_t ring_dma;
};

/* handle + (p - base): the handle of a descriptor */
static dma_addr_t x_virt_to_dma(struct xpriv *p, void *addr)
{
	return p->ring_dma + ((char *)addr - (char *)p->ring);
}

static void x_sync_dev(struct xpriv *p, struct xdesc *d)
{
	dma_sync_single_for_device(p->dev, x_virt_to_dma(p, d), sizeof(*d),
				   DMA_BIDIRECTIONAL);
}

static void x_sync_cpu(struct xpriv *p, struct xdesc *d)
{
	dma_sync_single_for_cpu(p->dev, x_virt_to_dma(p, d), sizeof(*d),
				DMA_BIDIRECTIONAL);
}

/* Hands a descriptor to the device, then touches it again. */
static void x_queue(struct xpriv *p, int i, u32 len)
{
	struct xdesc *d = &p->ring[i];
	struct xdesc *other = &p->ring[i + 1];

	d->len = len;
	d->status = 0x80000000;
	x_sync_dev(p, d);
	d->status |= 1;		/* expect: cpu-write-device-owned */
	other->len = 0;		/* another descriptor: still the CPU's */
	x_sync_dev(p, other);
	writel(i, p->mmio);
}

/* Near miss: the same with the take-back in between. */
static void x_requeue(struct xpriv *p, int i)
{
	struct xdesc *d = &p->ring[i];

	x_sync_cpu(p, d);
	if (d->status & 1)
		d->status = 0x80000000;
	x_sync_dev(p, d);
	writel(i, p->mmio);
}

/* The reap loop reads a status before taking the descriptor back. */
static int x_reap(struct xpriv *p, int i)
{
	struct xdesc *d = &p->ring[i];
	int done = d->status & 1;	/* expect: missing-sync-for-cpu */

	x_sync_cpu(p, d);
	done += d->len;
	x_sync_dev(p, d);
	return done;
}

int x_open(struct xpriv *p);
int x_open(struct xpriv *p)
{
	p->ring = dma_alloc_noncoherent(p->dev, NR_DESC * sizeof(struct xdesc),
					&p->ring_dma, DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!p->ring)
		return -ENOMEM;
	x_queue(p, 0, 64);
	x_requeue(p, 1);
	return x_reap(p, 2);
}
