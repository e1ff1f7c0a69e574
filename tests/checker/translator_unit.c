/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A translation helper defined in another file of the unit
 * (translator_unit_helper.c, checked with --unit): the model finds it
 * (handle + (p - base)), so a sync of its value is a sync of the pointer
 * it is given, as when its body is in this file.
 */
/* dmacheck-flags: --unit translator_unit_helper.c */
#include "translator_unit.h"

int tu_init(struct tu_host *h, struct device *dev)
{
	h->script = dma_alloc_noncoherent(dev, 4096, &h->pscript, DMA_TO_DEVICE, GFP_KERNEL);
	if (!h->script)
		return -ENOMEM;
	h->dev = dev;
	h->msgout = h->script + 256;
	return 0;
}

/* Near miss: the message written, then synced through the helper. */
void tu_send(struct tu_host *h);
void tu_send(struct tu_host *h)
{
	h->msgout[0] = 0x80;
	dma_sync_single_for_device(h->dev, tu_to_dma(h, h->msgout), 1, DMA_TO_DEVICE);
	h->regs->go = 1;
}

/* The helper given the script's start: the message is not handed over. */
void tu_send_bad(struct tu_host *h);
void tu_send_bad(struct tu_host *h)
{
	h->msgout[0] = 0x80;
	dma_sync_single_for_device(h->dev, tu_to_dma(h, h->script), 1, DMA_TO_DEVICE);
	h->regs->go = 1;	/* expect: missing-sync-for-device */
}
