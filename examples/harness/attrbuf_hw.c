// SPDX-License-Identifier: GPL-2.0
/*
 * The attrbuf "controller": on a doorbell it reads the mailbox (printing
 * the command it got) and writes its reply into it.  Run with --coherent
 * to put it on a coherent bus, the platform the legacy driver was written
 * for.
 */
#include <stdio.h>
#include <string.h>
#include <linux/io.h>
#include "hw.h"
#include "attrbuf.h"

struct ctrl {
	struct device *dev;
	void __iomem *regs;
};

static void ctrl_doorbell(struct device *dev, unsigned long offset,
			  unsigned int size, void *arg)
{
	struct ctrl *c = arg;
	struct attrbuf_mailbox mb;
	dma_addr_t at = readl(c->regs + ATTRBUF_REG_MBOX);
	u32 cmd, val;

	if (offset != ATTRBUF_REG_DOORBELL || hw_read(c->dev, at, &mb, sizeof(mb)))
		return;
	cmd = le32_to_cpu(mb.cmd);
	val = le32_to_cpu(mb.arg);
	printf("controller got cmd 0x%02x arg 0x%08x\n", cmd, val);
	switch (cmd) {
	case ATTRBUF_CMD_VERSION: val = 0x00020005; break;
	case ATTRBUF_CMD_TEMP: val = 41 + val; break;
	case ATTRBUF_CMD_ECHO: val = ~val; break;
	default: val = 0xffffffff;
	}
	mb.reply = cpu_to_le32(val);
	hw_write(c->dev, at + offsetof(struct attrbuf_mailbox, reply),
		 &mb.reply, sizeof(mb.reply));
}

int main(int argc, char **argv)
{
	struct dmaref_device_config cfg = { .name = "attrbuf" };
	struct attrbuf_priv aux = { 0 };
	struct ctrl c;

	cfg.coherent = argc > 1 && !strcmp(argv[1], "--coherent");
	c.dev = dmaref_device_new(&cfg);
	if (!c.dev)
		return 2;
	c.regs = hw_regs(c.dev, ATTRBUF_REGS_SIZE, ctrl_doorbell, &c);
	if (attrbuf_probe(&aux, c.dev, c.regs))
		return 1;
	printf("host reply version: 0x%08x\n",
	       attrbuf_command(&aux, ATTRBUF_CMD_VERSION, 0));
	printf("host reply temp: 0x%08x\n",
	       attrbuf_command(&aux, ATTRBUF_CMD_TEMP, 3));
	printf("host reply echo: 0x%08x\n",
	       attrbuf_command(&aux, ATTRBUF_CMD_ECHO, 0x12345678));
	attrbuf_remove(&aux);
	return hw_finish(c.dev);
}
