/* SPDX-License-Identifier: GPL-2.0 */
/* translator_unit.c and translator_unit_helper.c: one unit. */
#include <linux/dma-mapping.h>

struct tu_regs {
	volatile u32 go;
};

struct tu_host {
	struct device *dev;
	struct tu_regs *regs;
	u8 *script;
	dma_addr_t pscript;
	u8 *msgout;
};

dma_addr_t tu_to_dma(struct tu_host *h, void *p);
int tu_init(struct tu_host *h, struct device *dev);
