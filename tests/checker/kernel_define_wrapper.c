/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-style fixture: syncs behind the driver's #define wrappers, as
 * 53c700 and lib82596 wrote them.  The checker sees through macros.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct scb {
	u32 cmd;
	u32 status;
};

struct host {
	struct device *dev;
	void __iomem *base;
	struct scb *scb;
	dma_addr_t scb_dma;
};

#define HOST_SYNC_DEV(h)						\
	dma_sync_single_for_device((h)->dev, (h)->scb_dma,		\
				   sizeof(struct scb), DMA_BIDIRECTIONAL)
#define HOST_SYNC_CPU(h)						\
	dma_sync_single_for_cpu((h)->dev, (h)->scb_dma,			\
				sizeof(struct scb), DMA_BIDIRECTIONAL)
#define HOST_KICK(h)	writel(1, (h)->base + 0x10)

static void host_command(struct host *h, u32 cmd)
{
	h->scb->cmd = cmd;
	HOST_SYNC_DEV(h);
	HOST_KICK(h);
}

static void host_command_late(struct host *h, u32 cmd)
{
	HOST_SYNC_DEV(h);
	h->scb->cmd = cmd;	/* expect: cpu-write-device-owned */
	HOST_KICK(h);
}

static u32 host_status(struct host *h)
{
	HOST_SYNC_CPU(h);
	return h->scb->status;
}

int host_init(struct host *h);
int host_init(struct host *h)
{
	h->scb = dma_alloc_noncoherent(h->dev, sizeof(struct scb), &h->scb_dma,
				       DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!h->scb)
		return -ENOMEM;
	host_command(h, 1);
	host_command_late(h, 2);
	return host_status(h);
}
