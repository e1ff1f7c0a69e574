// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: a .c file that several drivers #include (lib82596.c,
 * included by lasi_82596.c and sni_82596.c).  Each including driver
 * defines SHL_NAME and SHL_RX_BYTES before the #include; the buffer, its
 * syncs and the DMA_WBACK-style macro live here, so this file is converted
 * once, for all of them (the users in shared_lib.users/ are compiled
 * against the result).
 * Expected report: the macro and "lp->area->rx" (an array member, which
 * the patch cannot tell from a pointer member) are left: without facts
 * nothing here proves which allocation they point into.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#ifndef SHL_NAME
#define SHL_NAME	"shl"
#endif
#ifndef SHL_RX_BYTES
#define SHL_RX_BYTES	1024
#endif

#define SHL_REG_RX	0x00

#define SHL_WBACK(lp, addr, len) /* cocci-expect: dma_cache_sync: not converted: cannot tell from the code in macro SHL_WBACK which allocation '(addr)' points into */ \
	dma_cache_sync((lp)->dev, (addr), (len), DMA_TO_DEVICE)

struct shl_area {
	u32 cmd;
	u32 status;
	u8 rx[SHL_RX_BYTES];
};

struct shl_private {
	const char *name;
	struct device *dev;
	void __iomem *regs;
	struct shl_area *area;
	dma_addr_t area_dma;
};

static int shl_init(struct shl_private *lp)
{
	lp->name = SHL_NAME;
	lp->area = dma_alloc_attrs(lp->dev, sizeof(struct shl_area),
				   &lp->area_dma, GFP_KERNEL,
				   DMA_ATTR_NON_CONSISTENT);
	return lp->area ? 0 : -ENOMEM;
}

static void shl_exit(struct shl_private *lp)
{
	dma_free_attrs(lp->dev, sizeof(struct shl_area), lp->area,
		       lp->area_dma, DMA_ATTR_NON_CONSISTENT);
}

static int shl_receive(struct shl_private *lp, u8 *out)
{
	lp->area->cmd = 1;
	SHL_WBACK(lp, &lp->area->cmd, sizeof(u32));
	/* cocci-expect: dma_cache_sync: not converted: cannot tell from the code in shl_receive() which allocation 'lp->area->rx' points into */
	dma_cache_sync(lp->dev, lp->area->rx, SHL_RX_BYTES, DMA_FROM_DEVICE);
	writel(1, lp->regs + SHL_REG_RX);

	dma_cache_sync(lp->dev, lp->area, sizeof(struct shl_area),
		       DMA_FROM_DEVICE);
	if (!lp->area->status)
		return -EIO;
	memcpy(out, lp->area->rx, SHL_RX_BYTES);
	return SHL_RX_BYTES;
}
