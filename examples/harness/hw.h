/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every example harness shares: a non-coherent simulated device, a
 * register block whose writes reach the harness (the "hardware"), and one
 * way to print what the device saw, so that the legacy and the converted
 * driver can be compared line by line.
 */
#ifndef EXAMPLES_HW_H
#define EXAMPLES_HW_H

#include <stddef.h>
#include <linux/types.h>
#include <linux/device.h>
#include <dmaref/sim.h>

struct device *hw_device(const char *name);
void __iomem *hw_regs(struct device *dev, size_t size, dmaref_mmio_fn fn,
		      void *arg);
void hw_dump(const char *tag, const void *data, size_t len);
int hw_read(struct device *dev, dma_addr_t addr, void *buf, size_t len);
int hw_write(struct device *dev, dma_addr_t addr, const void *buf, size_t len);
int hw_finish(struct device *dev);

#endif
