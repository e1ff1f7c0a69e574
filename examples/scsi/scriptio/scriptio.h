/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scriptio: a SCSI host adapter that runs a script of instructions from
 * memory, in the style of the NCR 53c700.  The driver patches words of
 * the loaded script before each command; the chip writes the command's
 * status back into the script's status word.
 */
#ifndef _SCRIPTIO_H
#define _SCRIPTIO_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/kernel.h>

/* Registers */
#define SCRIPTIO_REG_DSP	0x00	/* write: start the script at this address */
#define SCRIPTIO_REG_ISTAT	0x04	/* chip status */
#define SCRIPTIO_REGS_SIZE	0x10

/* Script layout, in 32-bit words */
#define SCRIPTIO_W_SELECT	0	/* select opcode | target << 8 | lun */
#define SCRIPTIO_W_CDB		1	/* four words of command bytes */
#define SCRIPTIO_CDB_WORDS	4
#define SCRIPTIO_W_STATUS	5	/* written by the chip */
#define SCRIPTIO_W_END		6
#define SCRIPTIO_SCRIPT_WORDS	8
#define SCRIPTIO_SCRIPT_BYTES	(SCRIPTIO_SCRIPT_WORDS * sizeof(u32))

#define SCRIPTIO_OP_SELECT	0x41000000
#define SCRIPTIO_OP_END		0x98080000

struct scriptio_hostdata {
	struct device *dev;
	void __iomem *base;
	__le32 *script;
	dma_addr_t script_dma;
	/* The non-consistent allocation failed: no cache maintenance needed. */
	bool coherent;
};

/* Patch one word of the loaded script and push it out to memory. */
static inline void scriptio_patch(struct scriptio_hostdata *hostdata,
				  unsigned int word, u32 value)
{
	hostdata->script[word] = cpu_to_le32(value);
	if (!hostdata->coherent)
		dma_cache_sync(hostdata->dev, &hostdata->script[word],
			       sizeof(u32), DMA_TO_DEVICE);
}

/* Read back a word of the script the chip has written. */
static inline u32 scriptio_fetch(struct scriptio_hostdata *hostdata,
				 unsigned int word)
{
	if (!hostdata->coherent)
		dma_cache_sync(hostdata->dev, &hostdata->script[word],
			       sizeof(u32), DMA_FROM_DEVICE);
	return le32_to_cpu(hostdata->script[word]);
}

int scriptio_probe(struct scriptio_hostdata *hostdata, struct device *dev,
		   void __iomem *base);
int scriptio_queue_command(struct scriptio_hostdata *hostdata, u8 target,
			   u8 lun, const u8 *cdb, unsigned int len);
void scriptio_remove(struct scriptio_hostdata *hostdata);

#endif /* _SCRIPTIO_H */
