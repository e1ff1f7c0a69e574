/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt handlers.  request_irq() registers the handler with the
 * simulator; a test raises the line with dmaref_raise_irq() (<dmaref/sim.h>),
 * from any thread, which is how interrupt context meets process context.
 */
#ifndef _DMAREF_LINUX_INTERRUPT_H
#define _DMAREF_LINUX_INTERRUPT_H

#include <linux/types.h>

enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1,
	IRQ_WAKE_THREAD = 2,
};
typedef enum irqreturn irqreturn_t;

#define IRQ_RETVAL(x)	((x) ? IRQ_HANDLED : IRQ_NONE)

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_SHARED	0x00000080UL

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id);
const void *free_irq(unsigned int irq, void *dev_id);

#endif /* _DMAREF_LINUX_INTERRUPT_H */
