/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ATTRBUF_H
#define _ATTRBUF_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/kernel.h>

#define ATTRBUF_REG_MBOX	0x00	/* bus address of the mailbox */
#define ATTRBUF_REG_DOORBELL	0x04	/* write: a command is posted */
#define ATTRBUF_REGS_SIZE	0x08

#define ATTRBUF_CMD_VERSION	0x01
#define ATTRBUF_CMD_TEMP	0x02
#define ATTRBUF_CMD_ECHO	0x03

struct attrbuf_mailbox {
	__le32 cmd;
	__le32 arg;
	__le32 reply;
};

struct attrbuf_priv {
	struct device *dev;
	void __iomem *regs;
	struct attrbuf_mailbox *mbox;
	dma_addr_t mbox_dma;
};

int attrbuf_probe(struct attrbuf_priv *aux, struct device *dev,
		  void __iomem *regs);
u32 attrbuf_command(struct attrbuf_priv *aux, u32 cmd, u32 arg);
void attrbuf_remove(struct attrbuf_priv *aux);

#endif /* _ATTRBUF_H */
