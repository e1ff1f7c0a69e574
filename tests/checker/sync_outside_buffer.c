/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sync-outside-buffer: a translation helper turns a CPU pointer into a
 * handle of the block it translates from (handle + (p - base)); given
 * memory that is not in that block (a buffer mapped on its own, packet
 * data, a kmalloc()ed one), the handle names memory it does not cover.
 * The 53c700 shape: one sync helper for the script block, called with
 * the command's sense buffer and CDB too.
 */
#include <linux/dma-mapping.h>
#include <linux/slab.h>

#define OB_MSGOUT	256
#define OB_MSGIN	288
#define OB_TOTAL	4096
#define OB_SENSE	96

struct ob_params {
	struct device *dev;
	u8 *script;
	dma_addr_t pScript;
	u8 *msgout;
	u8 *msgin;
	u8 *log;
};

struct ob_cmnd {
	u8 cmnd[16];
	u8 *sense_buffer;
	dma_addr_t sense_dma;
	dma_addr_t cmnd_dma;
};

static inline dma_addr_t ob_virt_to_dma(struct ob_params *h, void *p)
{
	return h->pScript + ((uintptr_t)p - (uintptr_t)h->script);
}

static inline void ob_sync_to_dev(struct ob_params *h, void *addr, size_t size)
{
	dma_sync_single_for_device(h->dev, ob_virt_to_dma(h, addr), size,
				   DMA_BIDIRECTIONAL);
}

/* The sense buffer and the CDB are mapped on their own, synced as if in the block. */
void ob_request_sense(struct ob_params *h, struct ob_cmnd *c);
void ob_request_sense(struct ob_params *h, struct ob_cmnd *c)
{
	c->cmnd[0] = 0x03;
	c->cmnd_dma = dma_map_single(h->dev, c->cmnd, 16, DMA_TO_DEVICE);
	c->sense_dma = dma_map_single(h->dev, c->sense_buffer, OB_SENSE, DMA_FROM_DEVICE);
	h->msgout[0] = 0x80;
	ob_sync_to_dev(h, h->msgout, 1);
	ob_sync_to_dev(h, c->sense_buffer, OB_SENSE);	/* expect: sync-outside-buffer */
	ob_sync_to_dev(h, c->cmnd, 16);			/* expect: sync-outside-buffer */
}

/* Handle arithmetic written out, on memory from kmalloc(). */
void ob_log(struct ob_params *h);
void ob_log(struct ob_params *h)
{
	h->log[0] = 1;
	dma_sync_single_for_device(h->dev, h->pScript + (h->log - h->script), 1,	/* expect: sync-outside-buffer */
				   DMA_TO_DEVICE);
}

/* Near misses: pointers into the block, and a mapping synced with its own handle. */
void ob_messages(struct ob_params *h, struct ob_cmnd *c);
void ob_messages(struct ob_params *h, struct ob_cmnd *c)
{
	h->msgout[0] = 0x80;
	ob_sync_to_dev(h, h->msgout, 1);
	dma_sync_single_for_device(h->dev, h->pScript + (h->msgin - h->script), 8,
				   DMA_BIDIRECTIONAL);
	dma_sync_single_for_cpu(h->dev, c->sense_dma, OB_SENSE, DMA_FROM_DEVICE);
}

int ob_detect(struct ob_params *h, struct device *dev);
int ob_detect(struct ob_params *h, struct device *dev)
{
	dma_addr_t pScript;
	u8 *memory = dma_alloc_noncoherent(dev, OB_TOTAL, &pScript, DMA_BIDIRECTIONAL,
					   GFP_KERNEL);

	if (!memory)
		return -ENOMEM;
	h->dev = dev;
	h->script = memory;
	h->pScript = pScript;
	h->msgout = memory + OB_MSGOUT;
	h->msgin = memory + OB_MSGIN;
	h->log = kmalloc(64, GFP_KERNEL);
	return 0;
}
