// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): a script block synced
 * through a helper that only takes (host, void *addr), which is also
 * given a streaming-mapped sense buffer (the helper must not sync that
 * on the block's handle), and a header macro that only gets the device.
 */
#include "kstub.h"
#include "scsi700.h"

static void scsi700_sync(struct scsi700_host *h, void *addr, int size)
{
	dma_cache_sync(h->dev, addr, size, DMA_TO_DEVICE);
}

static void scsi700_start(struct scsi700_host *hostdata, struct scsi700_cmd *cmd)
{
	hostdata->msgout[0] = 0x80;
	scsi700_sync(hostdata, hostdata->msgout, 1);
	cmd->sense_dma = dma_map_single(hostdata->dev, cmd->sense, 96, DMA_FROM_DEVICE);
	scsi700_sync(hostdata, cmd->sense, 96);
	script_patch(hostdata->dev, hostdata->script, 4, cmd->sense_dma);
	writel(1, hostdata->base);
}

static int scsi700_probe(struct scsi700_host *hostdata)
{
	hostdata->script = dma_alloc_attrs(hostdata->dev, 4096, &hostdata->script_dma, GFP_KERNEL,
				    DMA_ATTR_NON_CONSISTENT);
	if (!hostdata->script)
		return -ENOMEM;
	hostdata->msgout = (u8 *)hostdata->script + 2048;
	script_patch(hostdata->dev, hostdata->script, 0, hostdata->script_dma);
	writel(0, hostdata->base);
	return 0;
}

static void *scsi700_entry[] __attribute__((used)) = { scsi700_probe, scsi700_start };
