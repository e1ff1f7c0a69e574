/* SPDX-License-Identifier: GPL-2.0 */
/* missing-sync-for-device: CPU stores reach a device kick unsynced. */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct regs {
	u32 ctrl;
	u32 addr;
};

struct chip {
	struct device *dev;
	void __iomem *mmio;
	volatile struct regs *regs;	/* an old driver's register block */
	u8 *buf;
	dma_addr_t buf_dma;
	u32 len;
};

/* The classic: fill, start, no sync in between. */
static void start_unsynced(struct chip *c)
{
	c->buf[0] = 0xaa;
	writel(1, c->mmio);	/* expect: missing-sync-for-device */
}

/* Near miss: the sync is there. */
static void start_synced(struct chip *c)
{
	c->buf[0] = 0xaa;
	dma_sync_single_for_device(c->dev, c->buf_dma, 4096, DMA_TO_DEVICE);
	writel(1, c->mmio);
}

/* A store through a volatile register struct starts the device too. */
static void start_by_register(struct chip *c)
{
	c->buf[1] = 0x55;
	c->regs->ctrl = 1;	/* expect: missing-sync-for-device */
}

/* A store through an __iomem pointer writes a register. */
struct iregs {
	u32 ctrl;
};

static void start_through_iomem(struct chip *c, struct iregs __iomem *r)
{
	c->buf[3] = 1;
	r->ctrl = 1;		/* expect: missing-sync-for-device */
}

/* Near miss: WRITE_ONCE()-style volatile stores to plain memory. */
static void start_with_plain_volatile(struct chip *c, u32 *flag)
{
	c->buf[4] = 1;
	*(volatile u32 *)flag = 1;
}

/* The driver's own wrapper around the MMIO write is a kick as well. */
static void chip_go(struct chip *c, u32 cmd)
{
	iowrite32(cmd, c->mmio + 4);
}

static void start_through_wrapper(struct chip *c)
{
	memset(c->buf, 0, 64);
	chip_go(c, 3);		/* expect: missing-sync-for-device */
}

/* The sync on one path only: the kick after the join still warns. */
static void synced_on_one_path(struct chip *c, int fast)
{
	c->buf[2] = 1;
	if (fast)
		dma_sync_single_for_device(c->dev, c->buf_dma, 4096, DMA_TO_DEVICE);
	writel(1, c->mmio);	/* expect: missing-sync-for-device */
}

/* Reads do not need a write back. */
static int start_after_read(struct chip *c)
{
	int v = c->buf[0];

	writel(1, c->mmio);
	return v;
}

int chip_probe(struct chip *c, int fast);
int chip_probe(struct chip *c, int fast)
{
	c->buf = dma_alloc_noncoherent(c->dev, 4096, &c->buf_dma, DMA_TO_DEVICE,
				       GFP_KERNEL);
	if (!c->buf)
		return -ENOMEM;
	start_unsynced(c);
	start_synced(c);
	start_by_register(c);
	start_through_iomem(c, (struct iregs __iomem *)c->mmio);
	start_with_plain_volatile(c, &c->len);
	start_through_wrapper(c);
	synced_on_one_path(c, fast);
	return start_after_read(c);
}
