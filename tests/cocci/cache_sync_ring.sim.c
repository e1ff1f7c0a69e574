// SPDX-License-Identifier: GPL-2.0
/*
 * Harness for cache_sync_ring.c: a simulated non-coherent transmitter.  On
 * a tail write it walks the descriptors over DMA, "sends" each packet (prints
 * the bytes it read) and writes the descriptor back with DESC_DONE.  The
 * legacy driver and its conversion must make it print the same.
 */
#include <stdio.h>
#include <dmaref/sim.h>
#include DRIVER_FILE

static u32 first_pending;

static void txr_device(struct device *dev, unsigned long offset,
			unsigned int size, void *arg)
{
	struct txr_priv *priv = arg;
	dma_addr_t ring = readl(priv->regs + REG_RING);
	u32 tail = readl(priv->regs + REG_TAIL), i, j;

	if (offset != REG_TAIL)
		return;
	for (i = first_pending; i < tail; i++) {
		dma_addr_t at = ring + i * sizeof(struct ring_desc);
		struct ring_desc d;
		u8 pkt[PKT_SIZE];

		if (dmaref_device_read(dev, at, &d, sizeof(d)) ||
		    d.len > sizeof(pkt) ||
		    dmaref_device_read(dev, d.addr, pkt, d.len))
			return;
		printf("desc %u: %u bytes:", i, d.len);
		for (j = 0; j < d.len; j++)
			printf(" %02x", pkt[j]);
		printf("\n");
		d.status = DESC_DONE;
		dmaref_device_write(dev, at, &d, sizeof(d));
	}
	first_pending = tail;
}

int main(void)
{
	struct dmaref_device_config cfg = { .name = "ring", .coherent = false };
	static const char *const first[] = { "one", "two", "three" };
	static const char *const second[] = { "four", "five" };
	struct txr_priv priv = { 0 };

	priv.dev = dmaref_device_new(&cfg);
	if (!priv.dev)
		return 1;
	priv.regs = dmaref_iomem_alloc(priv.dev, 16, txr_device, &priv);
	if (!priv.regs || txr_open(&priv))
		return 1;
	printf("sent %d\n", txr_xmit(&priv, first, ARRAY_SIZE(first)));
	printf("sent %d\n", txr_xmit(&priv, second, ARRAY_SIZE(second)));
	txr_close(&priv);
	dmaref_device_free(priv.dev);
	printf("errors: %lu\n", dmaref_error_count());
	return dmaref_error_count() ? 1 : 0;
}
