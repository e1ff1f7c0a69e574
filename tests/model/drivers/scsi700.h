/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A model test header (written for the tests): a patch macro that only
 * gets the device, used by scsi700.c on its script block.
 */
#ifndef _MODEL_TEST_SCSI700_H
#define _MODEL_TEST_SCSI700_H

struct scsi700_host {
	struct device *dev;
	u32 *script;
	dma_addr_t script_dma;
	u8 *msgout;
	void __iomem *base;
};

struct scsi700_cmd {
	u8 sense_buffer[96];
	u8 *sense;
	dma_addr_t sense_dma;
};

#define script_patch(dev, script, off, val) \
	do { \
		(script)[off] = (val); \
		dma_cache_sync(dev, &(script)[off], sizeof(u32), DMA_TO_DEVICE); \
	} while (0)

#endif
