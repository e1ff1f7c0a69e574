/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A ring NIC in the style of the SGI HPC3 drivers (sgiseeq.c in 6.1),
 * shared by the kernel_ringnic*.c fixtures: one non-coherent block holds
 * a receive and a transmit ring; rx_desc points at its start, tx_desc
 * 512 bytes in; descriptors are synced one at a time through helpers that
 * take a void *, translated with a VIRT_TO_DMA() macro that subtracts
 * rx_desc.  Each fixture holds the functions that take and give back.
 */
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>

#define RN_RX_BUFS	16
#define RN_TX_BUFS	16
#define NEXT_RX(i)	(((i) + 1) & (RN_RX_BUFS - 1))
#define PREV_RX(i)	(((i) - 1) & (RN_RX_BUFS - 1))
#define NEXT_TX(i)	(((i) + 1) & (RN_TX_BUFS - 1))

#define HPCDMA_OWN	0x80000000
#define HPCDMA_EOR	0x40000000
#define HPCDMA_XIU	0x01000000
#define HPCDMA_ETXD	0x02000000
#define HPCDMA_BCNT	0x00003fff
#define RCNTINFO_INIT	(HPCDMA_OWN | 1536)
#define HPC3_CTRL_ACTIVE 0x2

struct net_device;
void *netdev_priv(const struct net_device *dev);

struct hpc_dma_desc {
	u32 pbuf;
	u32 cntinfo;
	u32 pnext;
	u32 pad;
};

struct rn_rx_desc {
	volatile struct hpc_dma_desc rdma;
	u8 padding[8];
	void *skb;
};

struct rn_tx_desc {
	volatile struct hpc_dma_desc tdma;
	u8 padding[8];
	void *skb;
};

struct rn_init_block {
	struct rn_rx_desc rxvector[RN_RX_BUFS];
	struct rn_tx_desc txvector[RN_TX_BUFS];
};

struct hpc3_ethregs {
	volatile u32 rx_ctrl;
	volatile u32 rx_ndptr;
	volatile u32 tx_ctrl;
	volatile u32 tx_ndptr;
	volatile u32 reset;
};

struct rn_private {
	struct rn_init_block *srings;
	dma_addr_t srings_dma;
	struct rn_rx_desc *rx_desc;
	struct rn_tx_desc *tx_desc;
	struct hpc3_ethregs *hregs;
	struct device *dmadev;
	unsigned int rx_new, tx_new, tx_old;
	unsigned long rx_packets, tx_packets;
};

#define VIRT_TO_DMA(sp, v) ((sp)->srings_dma +				\
			    (dma_addr_t)((unsigned long)(v) -		\
					 (unsigned long)((sp)->rx_desc)))

static void rn_sync_desc_cpu(struct net_device *dev, void *addr)
{
	struct rn_private *sp = netdev_priv(dev);

	dma_sync_single_for_cpu(sp->dmadev, VIRT_TO_DMA(sp, addr),
				sizeof(struct rn_rx_desc), DMA_BIDIRECTIONAL);
}

static void rn_sync_desc_dev(struct net_device *dev, void *addr)
{
	struct rn_private *sp = netdev_priv(dev);

	dma_sync_single_for_device(sp->dmadev, VIRT_TO_DMA(sp, addr),
				   sizeof(struct rn_rx_desc), DMA_BIDIRECTIONAL);
}

static void rn_rx_restart(struct rn_private *sp, struct hpc3_ethregs *hregs)
{
	if (!(hregs->rx_ctrl & HPC3_CTRL_ACTIVE)) {
		hregs->rx_ndptr = VIRT_TO_DMA(sp, sp->rx_desc + sp->rx_new);
		hregs->rx_ctrl = HPC3_CTRL_ACTIVE;
	}
}
