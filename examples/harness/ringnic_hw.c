// SPDX-License-Identifier: GPL-2.0
/*
 * The ringnic "chip": on a transmit doorbell it reads the descriptors it
 * owns from memory and sends them (prints them); on a receive doorbell it
 * writes queued frames into the free receive descriptors.
 */
#include <stdio.h>
#include <string.h>
#include <linux/io.h>
#include "hw.h"
#include "ringnic.h"

struct nic_hw {
	struct device *dev;
	void __iomem *regs;
	dma_addr_t ring;
	const char *const *inbound;	/* frames waiting on the wire */
	unsigned int rx_slot;
};

#define TX_DESC(hw, i) ((hw)->ring + offsetof(struct ringnic_ring, tx[i]))
#define RX_DESC(hw, i) ((hw)->ring + offsetof(struct ringnic_ring, rx[i]))

static void chip_transmit(struct nic_hw *hw)
{
	struct ringnic_desc d;
	char tag[32];

	for (int i = 0; i < RINGNIC_TX_DESCS; i++) {
		if (hw_read(hw->dev, TX_DESC(hw, i), &d, sizeof(d)))
			return;
		if (!(le32_to_cpu(d.status) & RINGNIC_ST_CHIP))
			continue;
		snprintf(tag, sizeof(tag), "wire tx desc %d", i);
		hw_dump(tag, d.data, le32_to_cpu(d.len) <= RINGNIC_FRAME_MAX ?
			le32_to_cpu(d.len) : RINGNIC_FRAME_MAX);
		d.status = cpu_to_le32(RINGNIC_ST_DONE);
		hw_write(hw->dev, TX_DESC(hw, i), &d.status, sizeof(d.status));
	}
}

static void chip_receive(struct nic_hw *hw)
{
	struct ringnic_desc d;

	while (hw->inbound && *hw->inbound) {
		dma_addr_t at = RX_DESC(hw, hw->rx_slot);
		size_t len = strlen(*hw->inbound);

		if (hw_read(hw->dev, at, &d, sizeof(d)) ||
		    !(le32_to_cpu(d.status) & RINGNIC_ST_CHIP))
			return;		/* ring full: the frame waits */
		memcpy(d.data, *hw->inbound, len);
		d.len = cpu_to_le32(len);
		d.status = cpu_to_le32(RINGNIC_ST_DONE);
		hw_write(hw->dev, at, &d, sizeof(d));
		hw->inbound++;
		hw->rx_slot = (hw->rx_slot + 1) % RINGNIC_RX_DESCS;
	}
}

static void doorbell(struct device *dev, unsigned long offset,
		     unsigned int size, void *arg)
{
	struct nic_hw *hw = arg;

	if (offset == RINGNIC_REG_RING) {
		hw->ring = readl(hw->regs + RINGNIC_REG_RING);
	} else if (offset == RINGNIC_REG_CMD) {
		u32 cmd = readl(hw->regs + RINGNIC_REG_CMD);

		if (cmd & RINGNIC_CMD_TX)
			chip_transmit(hw);
		if (cmd & RINGNIC_CMD_RX)
			chip_receive(hw);
	}
}

static void deliver(const u8 *frame, unsigned int len, void *arg)
{
	hw_dump("host rx", frame, len);
}

int main(void)
{
	static const char *const wire[] = {
		"ARP who-has 10.0.0.2", "ICMP echo reply seq=1",
		"ICMP echo reply seq=2", NULL,
	};
	static const char *const out[] = {
		"ARP who-has 10.0.0.1", "ICMP echo request seq=1",
		"ICMP echo request seq=2", "TCP SYN :22", "TCP ACK :22",
	};
	struct ringnic_private lp = { 0 };
	struct nic_hw hw = { .inbound = wire };
	int ret;

	hw.dev = hw_device("ringnic");
	hw.regs = hw_regs(hw.dev, RINGNIC_REGS_SIZE, doorbell, &hw);
	ret = ringnic_open(&lp, hw.dev, hw.regs);
	if (ret) {
		fprintf(stderr, "ringnic_open: %d\n", ret);
		return 1;
	}
	for (int i = 0; i < 5; i++) {
		ret = ringnic_xmit(&lp, out[i], strlen(out[i]));
		printf("xmit %d: %d\n", i, ret);
		if (i == 2)
			printf("reclaimed: %d\n", ringnic_tx_reclaim(&lp));
	}
	printf("reclaimed: %d\n", ringnic_tx_reclaim(&lp));
	printf("received: %d\n", ringnic_rx(&lp, deliver, NULL));
	ringnic_close(&lp);
	return hw_finish(hw.dev);
}
