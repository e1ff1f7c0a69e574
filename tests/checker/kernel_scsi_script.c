/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A SCSI host in the style of the NCR 53c700 core (53c700.c in 6.1): one
 * block, coherent where the platform allows it and non-coherent with
 * syncs otherwise (a flag says which), holds the chip's script, the
 * message buffers and the command slots; the host's parameters are
 * reached by casting an integer the midlayer keeps
 * ((struct sh_params *)host->hostdata[0]); every sync goes through a
 * helper that translates a CPU pointer into the block with
 * pScript + (p - script).  The chip runs the script once DSP is written;
 * other register writes (clearing the FIFO) only set it up.
 *
 * Quiet: the messages, the script and the slot's SG list are synced
 * before DSP starts the chip, and an SG list filled in a loop is the
 * slot's own.  Reported: a message written and never synced before the
 * chip starts.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

#define SH_SG		8
#define SH_SLOTS	4
#define SH_MSGOUT	256
#define SH_MSGIN	288
#define SH_SLOT_OFF	320
#define SH_TOTAL	4096
#define DSP_REG		0x2c
#define CTEST8_REG	0x22

struct sh_sg {
	u32 ins;
	u32 addr;
};

struct sh_slot {
	struct sh_sg SG[SH_SG + 1];
	struct sh_sg *pSG;
	u32 resume_offset;
	u8 state;
};

struct sh_host {
	unsigned long hostdata[1];
	void __iomem *base;
};

struct sh_params {
	struct device *dev;
	u32 *script;
	dma_addr_t pScript;
	u8 *msgout;
	u8 *msgin;
	struct sh_slot *slots;
	unsigned int noncoherent:1;
};

struct sh_cmnd {
	struct sh_host *host;
	struct sh_slot *slot;
	u8 cmnd[16];
	unsigned int cmd_len;
};

static inline dma_addr_t sh_virt_to_dma(struct sh_params *h, void *p)
{
	return h->pScript + ((uintptr_t)p - (uintptr_t)h->script);
}

static inline void sh_sync_to_dev(struct sh_params *h, void *addr, size_t size)
{
	if (h->noncoherent)
		dma_sync_single_for_device(h->dev, sh_virt_to_dma(h, addr), size,
					   DMA_BIDIRECTIONAL);
}

static inline void sh_writel(u32 value, struct sh_host *host, u32 reg)
{
	iowrite32(value, host->base + reg);
}

static inline void sh_writeb(u8 value, struct sh_host *host, u32 reg)
{
	iowrite8(value, host->base + reg);
}

/* Write the message, set the chip up, sync, start: quiet. */
void sh_start_command(struct sh_cmnd *cmd);
void sh_start_command(struct sh_cmnd *cmd)
{
	struct sh_params *hostdata = (struct sh_params *)cmd->host->hostdata[0];
	struct sh_slot *slot = cmd->slot;

	hostdata->msgout[0] = 0x80;
	sh_writeb(0x04, cmd->host, CTEST8_REG);	/* clear the FIFO */
	sh_sync_to_dev(hostdata, hostdata->msgout, 1);
	sh_writel(slot->resume_offset, cmd->host, DSP_REG);
}

/* The message is written and never synced: the chip starts on a stale one. */
void sh_start_stale(struct sh_cmnd *cmd);
void sh_start_stale(struct sh_cmnd *cmd)
{
	struct sh_params *hostdata = (struct sh_params *)cmd->host->hostdata[0];
	struct sh_slot *slot = cmd->slot;

	hostdata->msgout[0] = 0x80;
	sh_writel(slot->resume_offset, cmd->host, DSP_REG);	/* expect: missing-sync-for-device */
}

/* The slot's SG list filled in a loop, then synced as a whole: quiet. */
void sh_queue(struct sh_cmnd *cmd, int n);
void sh_queue(struct sh_cmnd *cmd, int n)
{
	struct sh_params *hostdata = (struct sh_params *)cmd->host->hostdata[0];
	struct sh_slot *slot = cmd->slot;
	int i;

	for (i = 0; i < n && i < SH_SG; i++) {
		slot->SG[i].ins = 0x08000000 | 512;
		slot->SG[i].addr = 0;
	}
	slot->SG[i].ins = 0x90080000;
	slot->SG[i].addr = 0;
	sh_sync_to_dev(hostdata, slot->SG, sizeof(slot->SG));
	sh_writel(slot->resume_offset, cmd->host, DSP_REG);
}

int sh_detect(struct sh_params *hostdata, struct device *dev);
int sh_detect(struct sh_params *hostdata, struct device *dev)
{
	dma_addr_t pScript;
	u8 *memory;

	memory = dma_alloc_coherent(dev, SH_TOTAL, &pScript, GFP_KERNEL);
	if (!memory) {
		hostdata->noncoherent = 1;
		memory = dma_alloc_noncoherent(dev, SH_TOTAL, &pScript,
					       DMA_BIDIRECTIONAL, GFP_KERNEL);
	}
	if (!memory)
		return -ENOMEM;
	hostdata->dev = dev;
	hostdata->script = (u32 *)memory;
	hostdata->pScript = pScript;
	hostdata->msgout = memory + SH_MSGOUT;
	hostdata->msgin = memory + SH_MSGIN;
	hostdata->slots = (struct sh_slot *)(memory + SH_SLOT_OFF);
	return 0;
}
