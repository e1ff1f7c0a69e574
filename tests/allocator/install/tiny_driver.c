// SPDX-License-Identifier: GPL-2.0
/*
 * The smallest driver test, built by test_install.sh against an installed
 * libdmaref with nothing but pkg-config.  A non-coherent device reads a
 * buffer the CPU filled: stale without a hand-off (and reported), right
 * after dma_sync_single_for_device().  Exits 0 when both happen.
 */
#include <stdio.h>
#include <string.h>

#include <linux/dma-mapping.h>
#include <dmaref/sim.h>

int main(void)
{
	struct dmaref_device_config cfg = {
		.name = "tiny", .dma_mask = DMA_BIT_MASK(32),
	};
	struct device *dev = dmaref_device_new(&cfg);
	char stale[6] = "", fresh[6] = "";
	unsigned long reports;
	dma_addr_t h;
	char *p;

	if (!dev)
		return 1;
	p = dma_alloc_noncoherent(dev, 64, &h, DMA_TO_DEVICE, GFP_KERNEL);
	if (!p)
		return 1;
	memcpy(p, "hello", 6);
	/* No hand-off yet: the store sits in the CPU's cache. */
	dmaref_device_read(dev, h, stale, sizeof(stale));
	reports = dmaref_error_count();
	dma_sync_single_for_device(dev, h, 64, DMA_TO_DEVICE);
	dmaref_device_read(dev, h, fresh, sizeof(fresh));
	dma_free_noncoherent(dev, 64, p, h, DMA_TO_DEVICE);
	dmaref_device_free(dev);
	printf("tiny: without sync the device read '%s' (%lu report), after it '%s'\n",
	       stale, reports, fresh);
	return !(stale[0] == '\0' && reports == 1 && !strcmp(fresh, "hello") &&
		 dmaref_error_count() == 1);
}
