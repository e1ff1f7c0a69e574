// SPDX-License-Identifier: GPL-2.0
/*
 * scriptio: load the script once at probe time, patch the selection and
 * command words for each command, start the chip and read the status it
 * wrote back.  The script wants non-consistent memory (the chip fetches
 * it often); when the platform has none, coherent memory is used and the
 * cache maintenance is skipped.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/io.h>

#include "scriptio.h"

static const u32 scriptio_template[SCRIPTIO_SCRIPT_WORDS] = {
	[SCRIPTIO_W_SELECT]	= SCRIPTIO_OP_SELECT,
	[SCRIPTIO_W_END]	= SCRIPTIO_OP_END,
};

int scriptio_probe(struct scriptio_hostdata *hostdata, struct device *dev,
		   void __iomem *base)
{
	int i;

	hostdata->dev = dev;
	hostdata->base = base;
	hostdata->coherent = false;
	hostdata->script = dma_alloc_attrs(hostdata->dev,
					   SCRIPTIO_SCRIPT_BYTES,
					   &hostdata->script_dma, GFP_KERNEL,
					   DMA_ATTR_NON_CONSISTENT);
	if (!hostdata->script) {
		hostdata->script = dma_alloc_coherent(hostdata->dev,
						      SCRIPTIO_SCRIPT_BYTES,
						      &hostdata->script_dma,
						      GFP_KERNEL);
		if (!hostdata->script)
			return -ENOMEM;
		hostdata->coherent = true;
	}

	for (i = 0; i < SCRIPTIO_SCRIPT_WORDS; i++)
		hostdata->script[i] = cpu_to_le32(scriptio_template[i]);
	if (!hostdata->coherent)
		dma_cache_sync(hostdata->dev, hostdata->script,
			       SCRIPTIO_SCRIPT_BYTES, DMA_TO_DEVICE);
	return 0;
}

/* Returns the SCSI status byte the chip reported, or a negative errno. */
int scriptio_queue_command(struct scriptio_hostdata *hostdata, u8 target,
			   u8 lun, const u8 *cdb, unsigned int len)
{
	u8 bytes[SCRIPTIO_CDB_WORDS * 4] = { 0 };
	int i;

	if (len > sizeof(bytes))
		return -EINVAL;
	memcpy(bytes, cdb, len);

	scriptio_patch(hostdata, SCRIPTIO_W_SELECT,
		       SCRIPTIO_OP_SELECT | target << 8 | lun);
	for (i = 0; i < SCRIPTIO_CDB_WORDS; i++)
		scriptio_patch(hostdata, SCRIPTIO_W_CDB + i,
			       bytes[4 * i] | bytes[4 * i + 1] << 8 |
			       bytes[4 * i + 2] << 16 |
			       (u32)bytes[4 * i + 3] << 24);

	writel(hostdata->script_dma, hostdata->base + SCRIPTIO_REG_DSP);
	if (!(readl(hostdata->base + SCRIPTIO_REG_ISTAT) & 1))
		return -EIO;
	return scriptio_fetch(hostdata, SCRIPTIO_W_STATUS) & 0xff;
}

void scriptio_remove(struct scriptio_hostdata *hostdata)
{
	if (hostdata->coherent)
		dma_free_coherent(hostdata->dev, SCRIPTIO_SCRIPT_BYTES,
				  hostdata->script, hostdata->script_dma);
	else
		dma_free_attrs(hostdata->dev, SCRIPTIO_SCRIPT_BYTES,
			       hostdata->script, hostdata->script_dma,
			       DMA_ATTR_NON_CONSISTENT);
	hostdata->script = NULL;
}
