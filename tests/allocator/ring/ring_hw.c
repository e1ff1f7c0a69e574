// SPDX-License-Identifier: GPL-2.0
/*
 * The loopback NIC's hardware side: on a doorbell write it walks the
 * transmit ring through dmaref_device_read/write, as a DMA engine would.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/io.h>
#include <linux/kernel.h>
#include <dmaref/sim.h>
#include "ring.h"

struct ring_hw {
	struct device *dev;
	void __iomem *regs;
	u32 tx_done;		/* packets taken from the transmit ring */
	u32 rx_next;		/* next receive slot to fill */
	unsigned int packets;	/* delivered to the receive ring */
};

static dma_addr_t ring_base(struct ring_hw *hw)
{
	return ((dma_addr_t)readl(hw->regs + REG_BASE_HI) << 32) |
	       readl(hw->regs + REG_BASE_LO);
}

static int read_desc(struct ring_hw *hw, dma_addr_t at, struct ring_desc *d)
{
	return dmaref_device_read(hw->dev, at, d, sizeof(*d));
}

static void deliver(struct ring_hw *hw, const u8 *data, u32 len)
{
	dma_addr_t base = ring_base(hw);
	unsigned int j = hw->rx_next % RING_NDESC;
	struct ring_desc d;

	if (read_desc(hw, base + RX_DESC_OFF(j), &d) ||
	    le32_to_cpu(d.status) != DESC_HW)
		return;		/* receive ring full: dropped, like a real NIC */
	dmaref_device_write(hw->dev, base + RX_SLOT_OFF(j), data, len);
	d.len = cpu_to_le32(len);
	d.status = cpu_to_le32(DESC_DONE);
	dmaref_device_write(hw->dev, base + RX_DESC_OFF(j), &d, 8);
	hw->rx_next++;
	hw->packets++;
}

static void transmit(struct ring_hw *hw, u32 tail)
{
	dma_addr_t base = ring_base(hw);
	u8 data[RING_SLOT];

	while (hw->tx_done != tail) {
		unsigned int i = hw->tx_done % RING_NDESC;
		struct ring_desc d;
		u32 len;

		if (read_desc(hw, base + TX_DESC_OFF(i), &d) ||
		    le32_to_cpu(d.status) != DESC_HW)
			return;	/* not ready: the driver's sync is missing */
		len = min_t(u32, le32_to_cpu(d.len), RING_SLOT);
		dmaref_device_read(hw->dev, base + TX_SLOT_OFF(i), data, len);
		d.status = cpu_to_le32(DESC_DONE);
		dmaref_device_write(hw->dev, base + TX_DESC_OFF(i), &d, 8);
		hw->tx_done++;
		deliver(hw, data, len);
	}
}

static void doorbell(struct device *dev, unsigned long offset,
		     unsigned int size, void *arg)
{
	struct ring_hw *hw = arg;

	if (offset == REG_TX_TAIL)
		transmit(hw, readl(hw->regs + REG_TX_TAIL));
}

struct ring_hw *ring_hw_new(struct device *dev)
{
	struct ring_hw *hw = calloc(1, sizeof(*hw));

	if (!hw)
		return NULL;
	hw->dev = dev;
	hw->regs = dmaref_iomem_alloc(dev, REG_SIZE, doorbell, hw);
	if (!hw->regs) {
		free(hw);
		return NULL;
	}
	return hw;
}

void __iomem *ring_hw_regs(struct ring_hw *hw)
{
	return hw->regs;
}

unsigned int ring_hw_packets(const struct ring_hw *hw)
{
	return hw->packets;
}

void ring_hw_free(struct ring_hw *hw)
{
	dmaref_iomem_free(hw->regs);
	free(hw);
}
