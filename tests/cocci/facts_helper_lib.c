// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: a library file two bus drivers #include (the shape of
 * lib82596.c), converted on its own with the unit's facts
 * (facts_helper_lib.facts.json): it has no legacy call itself, the
 * includers' cache macros do, and the facts put the handle helper after
 * its structure, here.
 * cocci-options: -D facts=facts_helper_lib.facts.json
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/dma-mapping.h>

struct fhl_private {
	struct device *dev;
	u32 *ring;
	dma_addr_t ring_dma;
};

static u32 fhl_status(struct fhl_private *p)
{
	return p->ring[0];
}

static void *fhl_entry[] __attribute__((used)) = { fhl_status };
