// SPDX-License-Identifier: GPL-2.0
/*
 * The pcmduo "codec": a play doorbell makes it read the period from memory
 * and print it (what the speaker gets); a record doorbell makes it write a
 * period of a known waveform into memory.  The host prints what it
 * captured.
 */
#include <stdio.h>
#include <linux/io.h>
#include "hw.h"
#include "pcmduo.h"

struct codec {
	struct device *dev;
	void __iomem *regs;
	unsigned int rec_count;
};

static void codec_doorbell(struct device *dev, unsigned long offset,
			   unsigned int size, void *arg)
{
	struct codec *c = arg;
	s16 period[PCMDUO_PERIOD_BYTES / sizeof(s16)];
	u32 off = readl(c->regs + offset);
	dma_addr_t base;

	if (offset == PCMDUO_REG_PLAY_GO) {
		base = readl(c->regs + PCMDUO_REG_PLAY_BASE);
		if (!hw_read(c->dev, base + off, period, sizeof(period)))
			hw_dump("speaker", period, sizeof(period));
	} else if (offset == PCMDUO_REG_REC_GO) {
		base = readl(c->regs + PCMDUO_REG_REC_BASE);
		for (unsigned int i = 0; i < sizeof(period) / sizeof(s16); i++)
			period[i] = (s16)(1000 * c->rec_count + 37 * i);
		c->rec_count++;
		hw_write(c->dev, base + off, period, sizeof(period));
	}
}

int main(void)
{
	s16 frames[PCMDUO_PERIOD_BYTES / sizeof(s16)];
	struct snd_pcmduo chip = { 0 };
	struct codec c = { 0 };
	int ret;

	c.dev = hw_device("pcmduo");
	c.regs = hw_regs(c.dev, PCMDUO_REGS_SIZE, codec_doorbell, &c);
	ret = pcmduo_open(&chip, c.dev, c.regs);
	if (ret) {
		fprintf(stderr, "pcmduo_open: %d\n", ret);
		return 1;
	}
	for (int p = 0; p < 6; p++) {
		for (unsigned int i = 0; i < sizeof(frames) / sizeof(s16); i++)
			frames[i] = (s16)(p * 100 - (int)i * 11);
		pcmduo_play_period(&chip, frames);
		pcmduo_capture_period(&chip, frames);
		hw_dump("host captured", frames, sizeof(frames));
	}
	pcmduo_close(&chip);
	return hw_finish(c.dev);
}
