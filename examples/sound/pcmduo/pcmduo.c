// SPDX-License-Identifier: GPL-2.0
/*
 * pcmduo: playback copies a period into the playback ring, writes it back
 * and tells the chip to play it; capture invalidates a period, tells the
 * chip to record into it, invalidates it again and copies it out.  Each
 * buffer only ever flows one way.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#include "pcmduo.h"

int pcmduo_open(struct snd_pcmduo *chip, struct device *dev,
		void __iomem *regs)
{
	chip->dev = dev;
	chip->regs = regs;
	chip->play_period = 0;
	chip->rec_period = 0;
	chip->play_buffer = dma_alloc_attrs(chip->dev, PCMDUO_BUFFER_BYTES,
					    &chip->play_dma, GFP_KERNEL,
					    DMA_ATTR_NON_CONSISTENT);
	if (!chip->play_buffer)
		return -ENOMEM;
	chip->rec_buffer = dma_alloc_attrs(chip->dev, PCMDUO_BUFFER_BYTES,
					   &chip->rec_dma, GFP_KERNEL,
					   DMA_ATTR_NON_CONSISTENT);
	if (!chip->rec_buffer) {
		dma_free_attrs(chip->dev, PCMDUO_BUFFER_BYTES,
			       chip->play_buffer, chip->play_dma,
			       DMA_ATTR_NON_CONSISTENT);
		return -ENOMEM;
	}
	writel(chip->play_dma, chip->regs + PCMDUO_REG_PLAY_BASE);
	writel(chip->rec_dma, chip->regs + PCMDUO_REG_REC_BASE);
	return 0;
}

void pcmduo_play_period(struct snd_pcmduo *chip, const s16 *frames)
{
	unsigned int off = chip->play_period * PCMDUO_PERIOD_BYTES;

	memcpy(chip->play_buffer + off, frames, PCMDUO_PERIOD_BYTES);
	dma_cache_sync(chip->dev, chip->play_buffer + off,
		       PCMDUO_PERIOD_BYTES, DMA_TO_DEVICE);
	writel(off, chip->regs + PCMDUO_REG_PLAY_GO);
	chip->play_period = (chip->play_period + 1) % PCMDUO_PERIODS;
}

void pcmduo_capture_period(struct snd_pcmduo *chip, s16 *frames)
{
	unsigned int off = chip->rec_period * PCMDUO_PERIOD_BYTES;

	/* No dirty line of the period may be written back over the chip's. */
	dma_cache_sync(chip->dev, chip->rec_buffer + off,
		       PCMDUO_PERIOD_BYTES, DMA_FROM_DEVICE);
	writel(off, chip->regs + PCMDUO_REG_REC_GO);
	dma_cache_sync(chip->dev, chip->rec_buffer + off,
		       PCMDUO_PERIOD_BYTES, DMA_FROM_DEVICE);
	memcpy(frames, chip->rec_buffer + off, PCMDUO_PERIOD_BYTES);
	chip->rec_period = (chip->rec_period + 1) % PCMDUO_PERIODS;
}

void pcmduo_close(struct snd_pcmduo *chip)
{
	dma_free_attrs(chip->dev, PCMDUO_BUFFER_BYTES, chip->rec_buffer,
		       chip->rec_dma, DMA_ATTR_NON_CONSISTENT);
	dma_free_attrs(chip->dev, PCMDUO_BUFFER_BYTES, chip->play_buffer,
		       chip->play_dma, DMA_ATTR_NON_CONSISTENT);
}
