/* SPDX-License-Identifier: GPL-2.0 */
/* dmacheck-flags: -DDMAREF_API_5_9 -Wno-legacy-api */
/*
 * Kernel-style fixture: a pre-5.10 driver, audited before conversion.
 * dma_cache_sync(DMA_TO_DEVICE) hands the buffer to the device;
 * dma_cache_sync(DMA_FROM_DEVICE) before the CPU reads takes it back.
 * The old calls themselves are silenced here (legacy_api.c covers them).
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct i596 {
	struct device *dev;
	void __iomem *ca;
	u32 *cmd;
	dma_addr_t cmd_dma;
};

#define DMA_WBACK(p, a, n)	dma_cache_sync((p)->dev, (void *)(a), n, DMA_TO_DEVICE)
#define DMA_INV(p, a, n)	dma_cache_sync((p)->dev, (void *)(a), n, DMA_FROM_DEVICE)

static void i596_cmd(struct i596 *p, u32 cmd)
{
	p->cmd[0] = cmd;
	DMA_WBACK(p, p->cmd, 64);
	writel(0, p->ca);
}

static void i596_cmd_nosync(struct i596 *p, u32 cmd)
{
	p->cmd[0] = cmd;
	writel(0, p->ca);	/* expect: missing-sync-for-device */
}

static void i596_cmd_late(struct i596 *p, u32 cmd)
{
	DMA_WBACK(p, p->cmd, 64);
	p->cmd[1] = cmd;	/* expect: cpu-write-device-owned */
	writel(0, p->ca);
}

static u32 i596_status(struct i596 *p)
{
	DMA_INV(p, p->cmd, 64);
	return p->cmd[2];
}

int i596_probe(struct i596 *p);
int i596_probe(struct i596 *p)
{
	p->cmd = dma_alloc_attrs(p->dev, 4096, &p->cmd_dma, GFP_KERNEL,
				 DMA_ATTR_NON_CONSISTENT);
	if (!p->cmd)
		return -ENOMEM;
	i596_cmd(p, 1);
	i596_cmd_nosync(p, 2);
	i596_cmd_late(p, 3);
	return i596_status(p);
}
