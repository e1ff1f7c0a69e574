/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ringnic: a small Ethernet-style controller with one descriptor ring in
 * memory shared with the chip, in the style of the i82596 family.
 */
#ifndef _RINGNIC_H
#define _RINGNIC_H

#include <linux/types.h>
#include <linux/device.h>

/* Registers */
#define RINGNIC_REG_RING	0x00	/* bus address of the ring */
#define RINGNIC_REG_CMD		0x04	/* doorbell, RINGNIC_CMD_* */
#define RINGNIC_REGS_SIZE	0x10

#define RINGNIC_CMD_TX		0x1	/* send descriptors the chip owns */
#define RINGNIC_CMD_RX		0x2	/* fill free receive descriptors */

#define RINGNIC_TX_DESCS	4
#define RINGNIC_RX_DESCS	4
#define RINGNIC_FRAME_MAX	56	/* a descriptor fills one 64-byte cache line */

/* Descriptor status bits */
#define RINGNIC_ST_CHIP		0x1	/* owned by the chip */
#define RINGNIC_ST_DONE		0x2	/* the chip finished with it */

struct ringnic_desc {
	__le32 status;
	__le32 len;
	u8 data[RINGNIC_FRAME_MAX];
};

struct ringnic_ring {
	struct ringnic_desc tx[RINGNIC_TX_DESCS];
	struct ringnic_desc rx[RINGNIC_RX_DESCS];
};

struct ringnic_private {
	struct device *dev;
	void __iomem *regs;
	struct ringnic_ring *ring;
	dma_addr_t ring_dma;
	unsigned int tx_next;
	unsigned int rx_next;
};

typedef void (*ringnic_rx_fn)(const u8 *frame, unsigned int len, void *arg);

int ringnic_open(struct ringnic_private *lp, struct device *dev,
		 void __iomem *regs);
int ringnic_xmit(struct ringnic_private *lp, const void *frame,
		 unsigned int len);
int ringnic_tx_reclaim(struct ringnic_private *lp);
int ringnic_rx(struct ringnic_private *lp, ringnic_rx_fn deliver, void *arg);
void ringnic_close(struct ringnic_private *lp);

#endif /* _RINGNIC_H */
