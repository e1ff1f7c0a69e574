// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: sync_macro.c converted with the driver model's facts
 * (facts_macro.facts.json, written here by hand as the model would).
 * cocci-options: -D facts=facts_macro.facts.json
 * The sites inside the #define bodies are keyed by their position in the
 * definition; the facts take each handle through a generated helper
 * added after struct i596_private.  DMA_INV's fact carries a doubt (its
 * uses disagree), which report mode shows.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define I596_REG_CMD	0x00

#define DMA_WBACK(lp, addr, len) \
	dma_cache_sync((lp)->dev, (void *)(addr), len, DMA_TO_DEVICE)

#define DMA_INV(lp, addr, len) /* cocci-expect: dma_cache_sync: converted to dma_sync_single_for_cpu, check by hand: the uses of DMA_INV disagree */ \
	dma_cache_sync((lp)->dev, (void *)(addr), len, DMA_FROM_DEVICE)

#define DMA_WBACK_INV(lp, addr, len) \
	dma_cache_sync((lp)->dev, (void *)(addr), len, DMA_BIDIRECTIONAL)

struct i596_cmd {
	u16 status;
	u16 command;
	u32 link;
};

struct i596_dma {
	struct i596_cmd cmd[4];
	u32 stat;
};

struct i596_private {
	struct device *dev;
	void __iomem *regs;
	struct i596_dma *dma;
	dma_addr_t dma_addr;
};

static int i596_probe(struct i596_private *lp)
{
	lp->dma = dma_alloc_attrs(lp->dev, sizeof(struct i596_dma),
				  &lp->dma_addr, GFP_KERNEL,
				  DMA_ATTR_NON_CONSISTENT);
	if (!lp->dma)
		return -ENOMEM;
	lp->dma->stat = 0;
	DMA_WBACK_INV(lp, lp->dma, sizeof(struct i596_dma));
	return 0;
}

static void i596_remove(struct i596_private *lp)
{
	dma_free_attrs(lp->dev, sizeof(struct i596_dma), lp->dma, lp->dma_addr,
		       DMA_ATTR_NON_CONSISTENT);
}

static int i596_exec(struct i596_private *lp, int slot, u16 command)
{
	struct i596_cmd *cmd = &lp->dma->cmd[slot];

	cmd->command = command;
	cmd->status = 0;
	DMA_WBACK(lp, cmd, sizeof(*cmd));
	writel(slot, lp->regs + I596_REG_CMD);
	DMA_INV(lp, cmd, sizeof(*cmd));
	return cmd->status;
}
