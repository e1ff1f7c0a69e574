// SPDX-License-Identifier: GPL-2.0
/*
 * The scriptio "chip": when the driver writes the script address to DSP
 * it fetches the script from memory (printing the words it runs), and
 * writes a status word back: a check of what it fetched, so that a stale
 * word gives a different status.
 */
#include <stdio.h>
#include <linux/io.h>
#include "hw.h"
#include "scriptio.h"

struct chip {
	struct device *dev;
	void __iomem *base;
};

static void run_script(struct device *dev, unsigned long offset,
		       unsigned int size, void *arg)
{
	struct chip *c = arg;
	dma_addr_t dsp;
	__le32 script[SCRIPTIO_SCRIPT_WORDS];
	u32 status = 0;

	if (offset != SCRIPTIO_REG_DSP)
		return;
	dsp = readl(c->base + SCRIPTIO_REG_DSP);
	if (hw_read(c->dev, dsp, script, sizeof(script)))
		return;
	hw_dump("chip fetched script", script, sizeof(script));
	for (int i = 0; i < SCRIPTIO_W_STATUS; i++)
		status = status * 31 + le32_to_cpu(script[i]);
	status = (status ^ status >> 16 ^ status >> 8) & 0xff;
	script[SCRIPTIO_W_STATUS] = cpu_to_le32(status);
	hw_write(c->dev, dsp + SCRIPTIO_W_STATUS * sizeof(u32),
		 &script[SCRIPTIO_W_STATUS], sizeof(u32));
	writel_relaxed(1, c->base + SCRIPTIO_REG_ISTAT);
}

int main(void)
{
	static const u8 inquiry[] = { 0x12, 0, 0, 0, 36, 0 };
	static const u8 read10[] = { 0x28, 0, 0, 0, 0x10, 0, 0, 0, 8, 0 };
	static const u8 tur[] = { 0, 0, 0, 0, 0, 0 };
	struct scriptio_hostdata h = { 0 };
	struct chip c;
	int ret;

	c.dev = hw_device("scriptio");
	c.base = hw_regs(c.dev, SCRIPTIO_REGS_SIZE, run_script, &c);
	ret = scriptio_probe(&h, c.dev, c.base);
	if (ret) {
		fprintf(stderr, "scriptio_probe: %d\n", ret);
		return 1;
	}
	printf("host status target 0: 0x%02x\n",
	       scriptio_queue_command(&h, 0, 0, inquiry, sizeof(inquiry)));
	printf("host status target 3: 0x%02x\n",
	       scriptio_queue_command(&h, 3, 1, read10, sizeof(read10)));
	printf("host status target 5: 0x%02x\n",
	       scriptio_queue_command(&h, 5, 0, tur, sizeof(tur)));
	scriptio_remove(&h);
	return hw_finish(c.dev);
}
