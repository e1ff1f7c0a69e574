/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A command-block chip in the style of the i82596 (lib82596.c in 6.1):
 * one non-coherent block holds the system control block and the command
 * blocks; the CPU links commands into a list kept in a field (cmd_head,
 * walked along the block).  close() stops the chip, may dump the block
 * for debugging (the dump takes the whole block with a _for_cpu sync),
 * then unlinks every queued command and hands each one back.
 *
 * Near miss of ownership-imbalance: the take of the whole block by the
 * dump is not a take of the command a later loop hands back; the loop's
 * hand-backs do not make the dump's take "given back on some paths".
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

#define CB_CMDS		8
#define CB_ABORT	0x3

struct cb_cmd {
	u16 status;
	u16 command;
	u32 b_next;
	struct cb_cmd *v_next;
};

struct cb_block {
	u16 scb_status;
	u16 scb_command;
	u32 scb_cmd;
	struct cb_cmd cmds[CB_CMDS];
};

struct cb_private {
	struct device *dev;
	struct cb_block *blk;
	dma_addr_t blk_dma;
	struct cb_cmd *cmd_head;
	void __iomem *port;
	int debug;
};

static void cb_sync_dev(struct cb_private *lp, void *addr, size_t len)
{
	dma_sync_single_for_device(lp->dev, lp->blk_dma + ((char *)addr - (char *)lp->blk),
				   len, DMA_BIDIRECTIONAL);
}

static void cb_sync_cpu(struct cb_private *lp, void *addr, size_t len)
{
	dma_sync_single_for_cpu(lp->dev, lp->blk_dma + ((char *)addr - (char *)lp->blk),
				len, DMA_BIDIRECTIONAL);
}

/* Queue command @i: link it behind the head. */
void cb_add_cmd(struct cb_private *lp, int i);
void cb_add_cmd(struct cb_private *lp, int i)
{
	struct cb_cmd *cmd = &lp->blk->cmds[i];

	cmd->status = 0;
	cmd->v_next = lp->cmd_head;
	cmd->b_next = 0;
	cb_sync_dev(lp, cmd, sizeof(*cmd));
	lp->cmd_head = cmd;
	writel(1, lp->port);
}

/* A debugging dump: takes all of the block for the CPU and reads it. */
static void cb_dump(struct cb_private *lp)
{
	struct cb_cmd *cmd;

	cb_sync_cpu(lp, lp->blk, sizeof(struct cb_block));
	printk("scb status %04x command %04x\n", lp->blk->scb_status, lp->blk->scb_command);
	for (cmd = lp->cmd_head; cmd; cmd = cmd->v_next)
		printk("cmd %04x %04x\n", cmd->status, cmd->command);
}

/* Unlink every queued command and hand each one back. */
static inline void cb_cleanup_cmds(struct cb_private *lp)
{
	struct cb_cmd *ptr;

	while (lp->cmd_head != NULL) {
		ptr = lp->cmd_head;
		lp->cmd_head = ptr->v_next;
		ptr->v_next = NULL;
		ptr->b_next = 0;
		cb_sync_dev(lp, ptr, sizeof(struct cb_cmd));
	}
}

int cb_close(struct cb_private *lp);
int cb_close(struct cb_private *lp)
{
	writel(CB_ABORT, lp->port);
	if (lp->debug)
		cb_dump(lp);
	cb_cleanup_cmds(lp);
	return 0;
}

int cb_open(struct cb_private *lp);
int cb_open(struct cb_private *lp)
{
	lp->blk = dma_alloc_noncoherent(lp->dev, sizeof(struct cb_block), &lp->blk_dma,
					DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!lp->blk)
		return -ENOMEM;
	lp->cmd_head = NULL;
	cb_sync_dev(lp, lp->blk, sizeof(struct cb_block));
	return 0;
}
