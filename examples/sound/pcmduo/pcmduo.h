/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcmduo: a sound chip with one playback and one capture ring of periods
 * in memory, in the style of the SGI HAL2.
 */
#ifndef _PCMDUO_H
#define _PCMDUO_H

#include <linux/types.h>
#include <linux/device.h>

/* Registers */
#define PCMDUO_REG_PLAY_BASE	0x00	/* bus address of the playback ring */
#define PCMDUO_REG_REC_BASE	0x04	/* bus address of the capture ring */
#define PCMDUO_REG_PLAY_GO	0x08	/* write: play the period at this offset */
#define PCMDUO_REG_REC_GO	0x0c	/* write: record into this offset */
#define PCMDUO_REGS_SIZE	0x10

#define PCMDUO_PERIODS		4
/* A period fills whole cache lines: the chip and the CPU never share one. */
#define PCMDUO_PERIOD_FRAMES	16
#define PCMDUO_PERIOD_BYTES	(PCMDUO_PERIOD_FRAMES * 2 * sizeof(s16))
#define PCMDUO_BUFFER_BYTES	(PCMDUO_PERIODS * PCMDUO_PERIOD_BYTES)

struct snd_pcmduo {
	struct device *dev;
	void __iomem *regs;
	void *play_buffer;		/* CPU fills, the chip reads */
	dma_addr_t play_dma;
	void *rec_buffer;		/* the chip fills, the CPU reads */
	dma_addr_t rec_dma;
	unsigned int play_period, rec_period;
};

int pcmduo_open(struct snd_pcmduo *chip, struct device *dev,
		void __iomem *regs);
void pcmduo_play_period(struct snd_pcmduo *chip, const s16 *frames);
void pcmduo_capture_period(struct snd_pcmduo *chip, s16 *frames);
void pcmduo_close(struct snd_pcmduo *chip);

#endif /* _PCMDUO_H */
