// SPDX-License-Identifier: GPL-2.0
/*
 * Registers and interrupts of simulated devices.
 *
 * A register block is plain zeroed memory; writeX() stores into it and then
 * calls dmaref_mmio_written(), which finds the block and runs the test's
 * hook: that is how a doorbell write starts the simulated hardware.
 * Interrupt lines map a number to the handler request_irq() registered;
 * dmaref_raise_irq() runs it in the calling thread.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include <linux/io.h>
#include "internal.h"

struct mmio_region {
	struct mmio_region *next;
	struct device *dev;
	u8 *base;
	size_t size;
	dmaref_mmio_fn on_write;
	void *arg;
};

/* Its own lock: hooks run unlocked and may use the DMA API. */
static pthread_mutex_t mmio_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mmio_region *regions;

void __iomem *dmaref_iomem_alloc(struct device *dev, size_t size,
				 dmaref_mmio_fn on_write, void *arg)
{
	struct mmio_region *r;
	bool ok;

	dmaref_lock();
	ok = dmaref_dev_valid(dev, "dmaref_iomem_alloc") &&
	     dmaref_check_size(dev, "dmaref_iomem_alloc", size);
	dmaref_unlock();
	if (!ok)
		return NULL;
	r = calloc(1, sizeof(*r));
	if (r)
		r->base = calloc(1, size);
	if (!r || !r->base) {
		free(r);
		dmaref_lock();
		dmaref_report(DMAREF_ERR_OUT_OF_MEMORY, dev,
			      "dmaref_iomem_alloc", NULL, 0, size, DMA_NONE,
			      "no host memory for a register block of %zu bytes",
			      size);
		dmaref_unlock();
		return NULL;
	}
	r->dev = dev;
	r->size = size;
	r->on_write = on_write;
	r->arg = arg;
	pthread_mutex_lock(&mmio_lock);
	r->next = regions;
	regions = r;
	pthread_mutex_unlock(&mmio_lock);
	return (void __iomem __force *)r->base;
}

/* Frees every region @match accepts; returns how many. */
static unsigned int unlink_where(bool (*match)(struct mmio_region *,
					       const void *),
				 const void *key)
{
	struct mmio_region **link, *r;
	unsigned int n = 0;

	pthread_mutex_lock(&mmio_lock);
	for (link = &regions; (r = *link);) {
		if (match(r, key)) {
			*link = r->next;
			free(r->base);
			free(r);
			n++;
		} else {
			link = &r->next;
		}
	}
	pthread_mutex_unlock(&mmio_lock);
	return n;
}

static bool match_base(struct mmio_region *r, const void *key)
{
	return r->base == key;
}

static bool match_dev(struct mmio_region *r, const void *key)
{
	return r->dev == key;
}

/* NULL is fine, as for iounmap(); anything else must be a live block. */
void dmaref_iomem_free(void __iomem *regs)
{
	if (!regs || unlink_where(match_base, (const void __force *)regs))
		return;
	dmaref_lock();
	dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, NULL, "dmaref_iomem_free",
		      NULL, 0, 0, DMA_NONE,
		      "%p is not a register block dmaref_iomem_alloc() gave (double or foreign free)",
		      (void __force *)regs);
	dmaref_unlock();
}

/* Called by dmaref_device_free() (with the DMA lock held: no hook runs). */
void dmaref_mmio_release(struct device *dev)
{
	unlink_where(match_dev, dev);
	dmaref_irq_release(dev);
}

void dmaref_mmio_written(volatile void __iomem *addr, unsigned int size)
{
	const u8 *p = (const u8 __force *)addr;
	dmaref_mmio_fn fn = NULL;
	struct mmio_region *r;
	struct device *dev = NULL;
	unsigned long off = 0;
	void *arg = NULL;

	pthread_mutex_lock(&mmio_lock);
	for (r = regions; r; r = r->next) {
		if (p >= r->base && p < r->base + r->size) {
			fn = r->on_write;
			dev = r->dev;
			off = p - r->base;
			arg = r->arg;
			break;
		}
	}
	pthread_mutex_unlock(&mmio_lock);
	if (fn)
		fn(dev, off, size, arg);
}

/* ---- interrupt lines ---- */

#define NR_IRQS 64

struct irq_line {
	irq_handler_t handler;
	void *dev_id;
};

static struct irq_line irqs[NR_IRQS];

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	int ret = 0;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	pthread_mutex_lock(&mmio_lock);
	if (irqs[irq].handler) {
		ret = -EBUSY;
	} else {
		irqs[irq].handler = handler;
		irqs[irq].dev_id = dev_id;
	}
	pthread_mutex_unlock(&mmio_lock);
	return ret;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	if (irq >= NR_IRQS)
		return NULL;
	pthread_mutex_lock(&mmio_lock);
	if (irqs[irq].dev_id == dev_id)
		irqs[irq].handler = NULL;
	pthread_mutex_unlock(&mmio_lock);
	return NULL;
}

void dmaref_irq_release(void *dev_id)
{
	unsigned int i;

	pthread_mutex_lock(&mmio_lock);
	for (i = 0; i < NR_IRQS; i++)
		if (irqs[i].dev_id == dev_id)
			irqs[i].handler = NULL;
	pthread_mutex_unlock(&mmio_lock);
}

int dmaref_raise_irq(unsigned int irq)
{
	irq_handler_t handler = NULL;
	void *dev_id = NULL;

	if (irq >= NR_IRQS)
		return -EINVAL;
	pthread_mutex_lock(&mmio_lock);
	if (irqs[irq].handler) {
		handler = irqs[irq].handler;
		dev_id = irqs[irq].dev_id;
	}
	pthread_mutex_unlock(&mmio_lock);
	if (!handler)
		return -ENOENT;
	return handler(irq, dev_id) == IRQ_HANDLED ? 0 : -ENODATA;
}
