// SPDX-License-Identifier: GPL-2.0
/*
 * Harness for cache_sync_base.c: a simulated non-coherent checksum engine.
 * On a write to the GO register it reads the command area over DMA, adds
 * the bytes up and writes the sum into the result word.  Prints what the
 * device read and what the driver got back: the legacy driver and its
 * conversion must print the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <dmaref/sim.h>
#include DRIVER_FILE

static void csum_engine(struct device *dev, unsigned long offset,
			unsigned int size, void *arg)
{
	struct csum_priv *priv = arg;
	u8 data[CSUM_RES_OFF];
	dma_addr_t addr;
	u32 len, sum = 0, i;

	if (offset != CSUM_REG_GO)
		return;
	addr = readl(priv->regs + CSUM_REG_ADDR);
	len = readl(priv->regs + CSUM_REG_LEN);
	if (len > sizeof(data) || dmaref_device_read(dev, addr, data, len))
		return;
	printf("device read %u bytes:", len);
	for (i = 0; i < len; i++) {
		sum += data[i];
		printf(" %02x", data[i]);
	}
	printf("\n");
	dmaref_device_write(dev, addr + CSUM_RES_OFF, &sum, sizeof(sum));
}

int main(void)
{
	struct dmaref_device_config cfg = { .name = "csum", .coherent = false };
	struct csum_priv priv = { 0 };
	static const char *msgs[] = { "hello", "non-coherent", "dma" };
	unsigned int i;

	priv.dev = dmaref_device_new(&cfg);
	if (!priv.dev)
		return 1;
	priv.regs = dmaref_iomem_alloc(priv.dev, 16, csum_engine, &priv);
	if (!priv.regs || csum_init(&priv))
		return 1;
	for (i = 0; i < ARRAY_SIZE(msgs); i++)
		printf("sum(%s) = %u\n", msgs[i],
		       csum_run(&priv, msgs[i], strlen(msgs[i])));
	csum_exit(&priv);
	dmaref_device_free(priv.dev);
	printf("errors: %lu\n", dmaref_error_count());
	return dmaref_error_count() ? 1 : 0;
}
