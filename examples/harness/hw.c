// SPDX-License-Identifier: GPL-2.0
/*
 * Shared harness code.  Output on stdout is only what the device saw or
 * produced (the device-visible data), so two runs compare with cmp(1);
 * libdmaref's reports (ownership, dma-debug) go to stderr with their
 * count on the last line.
 */
#include <stdio.h>
#include <stdlib.h>
#include "hw.h"

struct device *hw_device(const char *name)
{
	struct dmaref_device_config cfg = {
		.name = name,
		.coherent = false,	/* the point: CPU and memory views differ */
	};
	struct device *dev = dmaref_device_new(&cfg);

	if (!dev) {
		fprintf(stderr, "%s: cannot create the simulated device\n",
			name);
		exit(2);
	}
	return dev;
}

void __iomem *hw_regs(struct device *dev, size_t size, dmaref_mmio_fn fn,
		      void *arg)
{
	void __iomem *regs = dmaref_iomem_alloc(dev, size, fn, arg);

	if (!regs) {
		fprintf(stderr, "cannot create the register block\n");
		exit(2);
	}
	return regs;
}

void hw_dump(const char *tag, const void *data, size_t len)
{
	const unsigned char *p = data;

	printf("%s: %zu bytes:", tag, len);
	for (size_t i = 0; i < len; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

/* Device-side accesses; a failure is already reported by libdmaref. */
int hw_read(struct device *dev, dma_addr_t addr, void *buf, size_t len)
{
	return dmaref_device_read(dev, addr, buf, len);
}

int hw_write(struct device *dev, dma_addr_t addr, const void *buf, size_t len)
{
	return dmaref_device_write(dev, addr, buf, len);
}

int hw_finish(struct device *dev)
{
	unsigned long reports;

	dmaref_device_free(dev);
	reports = dmaref_error_count();
	fprintf(stderr, "libdmaref reports: %lu\n", reports);
	return 0;
}
