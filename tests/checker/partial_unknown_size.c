/* SPDX-License-Identifier: GPL-2.0 */
/* dmacheck-flags: -DDMAREF_API_5_9 -Wno-legacy-api */
/*
 * A sync of the first member of a struct whose size dmacheck does not
 * know (a command slot the driver reaches through a pointer, 53c700's
 * slot->SG) covers that member, not the whole struct: the CPU-only
 * fields after it stay the CPU's.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct sg_ent {
	u32 ins;
	u32 addr;
};

struct cmd_slot {
	struct sg_ent SG[4];
	u32 resume_offset;
	int state;
	void *cmnd;
};

void slot_queue(struct device *dev, struct cmd_slot *slot, void __iomem *base);
void slot_queue(struct device *dev, struct cmd_slot *slot, void __iomem *base)
{
	slot->SG[0].ins = 1;
	slot->SG[0].addr = 0x1000;
	dma_cache_sync(dev, slot->SG, sizeof(slot->SG[0]), DMA_TO_DEVICE);
	slot->state = 2;		/* not in the synced member: the CPU's */
	slot->resume_offset = 0;
	slot->SG[0].addr = 0x2000;	/* expect: cpu-write-device-owned */
	writel(1, base);
}
