/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small loopback NIC for the scenario tests: a transmit and a receive
 * ring of descriptors plus data slots, all in one DMA buffer.  The driver
 * fills a transmit slot and rings the doorbell; the hardware copies the
 * packet into the next free receive slot.  The same driver exists three
 * times: against the 5.9 API (ring_legacy.c), converted to the 5.10 API
 * (ring_converted.c), and converted with one sync missing (ring_broken.c).
 */
#ifndef _RING_H
#define _RING_H

#include <linux/types.h>
#include <linux/device.h>

#define RING_NDESC	8
#define RING_SLOT	256
#define RING_DESC_SIZE	64		/* one cache line per descriptor */

#define TX_DESC_OFF(i)	((i) * RING_DESC_SIZE)
#define RX_DESC_OFF(i)	((RING_NDESC + (i)) * RING_DESC_SIZE)
#define SLOTS_OFF	(2 * RING_NDESC * RING_DESC_SIZE)
#define TX_SLOT_OFF(i)	(SLOTS_OFF + (i) * RING_SLOT)
#define RX_SLOT_OFF(i)	(SLOTS_OFF + (RING_NDESC + (i)) * RING_SLOT)
#define RING_BYTES	(SLOTS_OFF + 2 * RING_NDESC * RING_SLOT)

struct ring_desc {
	__le32 len;
	__le32 status;
	u8 pad[RING_DESC_SIZE - 8];
};

enum {
	DESC_EMPTY,		/* nothing in it */
	DESC_HW,		/* handed to the hardware */
	DESC_DONE,		/* the hardware is finished with it */
};

#define REG_BASE_LO	0x00
#define REG_BASE_HI	0x04
#define REG_TX_TAIL	0x08	/* doorbell: number of packets queued */
#define REG_SIZE	0x10

struct ring_priv;

struct ring_driver {
	const char *name;
	struct ring_priv *(*open)(struct device *dev, void __iomem *regs);
	int (*send)(struct ring_priv *priv, const void *data, size_t len);
	/* Bytes received into @out, 0 when nothing is there. */
	int (*receive)(struct ring_priv *priv, void *out, size_t max);
	void (*close)(struct ring_priv *priv);
};

extern const struct ring_driver ring_legacy;
extern const struct ring_driver ring_converted;
extern const struct ring_driver ring_broken;

/* The simulated hardware. */
struct ring_hw;
struct ring_hw *ring_hw_new(struct device *dev);
void __iomem *ring_hw_regs(struct ring_hw *hw);
unsigned int ring_hw_packets(const struct ring_hw *hw);
void ring_hw_free(struct ring_hw *hw);

#endif /* _RING_H */
