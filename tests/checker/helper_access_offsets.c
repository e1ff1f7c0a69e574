/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A helper's loads and stores through a pointer its caller passes keep
 * their offsets: 53c700's free_slot() writes a command slot's CPU-only
 * fields (state, the free list link) behind the SG list the chip reads,
 * and the caller's kick judges the part the helper wrote, not the SG
 * list the slot's pointer also names.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct hs_sg {
	u32 ins;
	u32 paddr;
};

struct hs_slot {
	struct hs_sg SG[8];	/* the chip reads these */
	u8 state;		/* the CPU's own */
	int tag;
	struct hs_slot *next_free;
};

struct hs_host {
	struct device *dev;
	void __iomem *mmio;
	u8 *memory;
	dma_addr_t pmemory;
	struct hs_slot *slots;
	struct hs_slot *free_list;
};

static inline dma_addr_t hs_to_dma(struct hs_host *h, void *p)
{
	return h->pmemory + ((unsigned long)p - (unsigned long)h->memory);
}

static void hs_free_slot(struct hs_slot *slot, struct hs_host *h)
{
	slot->state = 0;
	slot->tag = -1;
	slot->next_free = h->free_list;
	h->free_list = slot;
}

static void hs_fill_sg(struct hs_slot *slot, u32 addr)
{
	slot->SG[0].ins = 0x08000000;
	slot->SG[0].paddr = addr;
}

/* Near miss: the helper wrote only CPU fields; the SG list was handed over. */
void hs_done(struct hs_host *h, int n);
void hs_done(struct hs_host *h, int n)
{
	struct hs_slot *slot = &h->slots[n];

	slot->SG[0].ins = 0;
	dma_sync_single_for_device(h->dev, hs_to_dma(h, slot->SG), sizeof(slot->SG),
				   DMA_TO_DEVICE);
	hs_free_slot(slot, h);
	writel(1, h->mmio);
}

/* The helper writes the SG list, and nothing hands it over. */
void hs_start(struct hs_host *h, int n, u32 addr);
void hs_start(struct hs_host *h, int n, u32 addr)
{
	struct hs_slot *slot = &h->slots[n];

	hs_fill_sg(slot, addr);
	writel(1, h->mmio);	/* expect: missing-sync-for-device */
}

int hs_init(struct hs_host *h, struct device *dev);
int hs_init(struct hs_host *h, struct device *dev)
{
	h->memory = dma_alloc_noncoherent(dev, 4096, &h->pmemory, DMA_TO_DEVICE, GFP_KERNEL);
	if (!h->memory)
		return -ENOMEM;
	h->dev = dev;
	h->slots = (struct hs_slot *)(h->memory + 1024);
	return 0;
}
