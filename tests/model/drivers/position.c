// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): _for_cpu or _for_device
 * by what follows a site.  pos_sync() is called once before the device
 * is started and once before the CPU reads: its callers disagree.
 */
#include "kstub.h"

struct pos_priv {
	struct device *dev;
	u32 *mbox;
	dma_addr_t mbox_dma;
	void __iomem *doorbell;
};

/* one macro, used once before the device starts and once before a read */
#define POS_FLUSH(p, a) dma_cache_sync((p)->dev, (a), sizeof(u32), DMA_BIDIRECTIONAL)

static void pos_sync(struct pos_priv *p, u32 *slot)
{
	dma_cache_sync(p->dev, slot, sizeof(u32), DMA_BIDIRECTIONAL);
}

static void pos_post(struct pos_priv *p, u32 cmd)
{
	p->mbox[0] = cmd;
	pos_sync(p, &p->mbox[0]);
	writel(1, p->doorbell);
}

static u32 pos_poll(struct pos_priv *p)
{
	pos_sync(p, &p->mbox[1]);
	return p->mbox[1];
}

static u32 pos_kick_then_read(struct pos_priv *p)
{
	dma_cache_sync(p->dev, p->mbox, 8, DMA_TO_DEVICE);
	writel(2, p->doorbell);
	return p->mbox[1];
}

static u32 pos_read_in_loop(struct pos_priv *p)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		v += p->mbox[i];
		dma_cache_sync(p->dev, p->mbox, 16, DMA_FROM_DEVICE);
	}
	return v;
}

static u32 pos_macro_uses(struct pos_priv *p)
{
	POS_FLUSH(p, &p->mbox[2]);
	writel(3, p->doorbell);
	POS_FLUSH(p, &p->mbox[3]);
	return p->mbox[3];
}

/* nothing follows, and the direction says both ways: the default, with a doubt */
static void pos_quiet(struct pos_priv *p)
{
	dma_cache_sync(p->dev, &p->mbox[4], sizeof(u32), DMA_BIDIRECTIONAL);
}

/* DMA_TO_DEVICE, then a read of what the CPU itself wrote: still the device's */
static u32 pos_write_then_read_own(struct pos_priv *p)
{
	p->mbox[5] = 1;
	dma_cache_sync(p->dev, &p->mbox[5], sizeof(u32), DMA_TO_DEVICE);
	return p->mbox[5];
}

static int pos_probe(struct pos_priv *p)
{
	p->mbox = dma_alloc_attrs(p->dev, 64, &p->mbox_dma, GFP_KERNEL,
				  DMA_ATTR_NON_CONSISTENT);
	return p->mbox ? 0 : -ENOMEM;
}

static void *pos_entry[] __attribute__((used)) = { pos_probe, pos_post, pos_poll, pos_kick_then_read, pos_read_in_loop,
							    pos_macro_uses, pos_quiet, pos_write_then_read_own };
