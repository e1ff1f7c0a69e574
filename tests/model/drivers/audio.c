// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): a sound chip with one
 * codec per direction, both buffers made by one allocation helper whose
 * handle goes to a local and is then copied into a field; playback
 * fills then syncs then starts the device, capture syncs then reads.
 */
#include "kstub.h"

#define BUF_SIZE 4096

struct snd_codec {
	void *buffer;
	dma_addr_t buffer_dma;
	u32 __iomem *ctrl;
	int dir;
};

struct snd_chip {
	struct device *dev;
	struct snd_codec dac;
	struct snd_codec adc;
};

static int chip_alloc_buf(struct snd_chip *chip, struct snd_codec *codec, int dir)
{
	dma_addr_t buffer_dma;

	codec->buffer = dma_alloc_attrs(chip->dev, BUF_SIZE, &buffer_dma,
					GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!codec->buffer)
		return -ENOMEM;
	codec->buffer_dma = buffer_dma;
	codec->dir = dir;
	return 0;
}

static void chip_free_buf(struct snd_chip *chip, struct snd_codec *codec)
{
	dma_free_attrs(chip->dev, BUF_SIZE, codec->buffer, codec->buffer_dma,
		       DMA_ATTR_NON_CONSISTENT);
}

static void chip_playback(struct snd_chip *chip, const void *src, int off, int n)
{
	struct snd_codec *dac = &chip->dac;

	memcpy(dac->buffer + off, src, n);
	dma_cache_sync(chip->dev, dac->buffer + off, n, DMA_TO_DEVICE);
	writel(1, dac->ctrl);
}

static void chip_capture(struct snd_chip *chip, void *dst, int off, int n)
{
	dma_cache_sync(chip->dev, chip->adc.buffer + off, n, DMA_FROM_DEVICE);
	memcpy(dst, chip->adc.buffer + off, n);
}

static int chip_probe(struct snd_chip *chip)
{
	int err = chip_alloc_buf(chip, &chip->dac, DMA_TO_DEVICE);

	if (err)
		return err;
	err = chip_alloc_buf(chip, &chip->adc, DMA_FROM_DEVICE);
	if (err)
		chip_free_buf(chip, &chip->dac);
	return err;
}

static void *chip_entry[] __attribute__((used)) = { chip_probe, chip_playback, chip_capture };
