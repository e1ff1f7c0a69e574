/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel_ringnic.c with one hand-back missing: the reclaim loop stops at a
 * descriptor the chip has not used (XIU clear) and leaves it taken; the
 * interrupt handler returns with it: ownership-imbalance, at the take
 * (in rn_tx(), inlined into the handler), naming the handler's return.
 */
#include "ringnic.h"

static int rn_init_rings(struct net_device *dev)
{
	struct rn_private *sp = netdev_priv(dev);
	int i;

	sp->rx_new = sp->tx_new = sp->tx_old = 0;
	for (i = 0; i < RN_TX_BUFS; i++) {
		sp->tx_desc[i].tdma.cntinfo = 0;
		sp->tx_desc[i].tdma.pnext = VIRT_TO_DMA(sp, &sp->tx_desc[NEXT_TX(i)]);
		rn_sync_desc_dev(dev, &sp->tx_desc[i]);
	}
	for (i = 0; i < RN_RX_BUFS; i++) {
		sp->rx_desc[i].rdma.cntinfo = RCNTINFO_INIT;
		sp->rx_desc[i].rdma.pnext = VIRT_TO_DMA(sp, &sp->rx_desc[NEXT_RX(i)]);
		rn_sync_desc_dev(dev, &sp->rx_desc[i]);
	}
	/* the last receive descriptor ends the ring */
	rn_sync_desc_cpu(dev, &sp->rx_desc[RN_RX_BUFS - 1]);
	sp->rx_desc[RN_RX_BUFS - 1].rdma.cntinfo |= HPCDMA_EOR;
	rn_sync_desc_dev(dev, &sp->rx_desc[RN_RX_BUFS - 1]);
	return 0;
}

/* The receive loop of sgiseeq_rx(): the last descriptor taken is given back after the loop. */
static inline void rn_rx(struct net_device *dev, struct rn_private *sp,
			 struct hpc3_ethregs *hregs)
{
	struct rn_rx_desc *rd;
	unsigned int orig_end = PREV_RX(sp->rx_new);
	int len;

	rd = &sp->rx_desc[sp->rx_new];
	rn_sync_desc_cpu(dev, rd);
	while (!(rd->rdma.cntinfo & HPCDMA_OWN)) {
		len = 1536 - (rd->rdma.cntinfo & HPCDMA_BCNT) - 3;
		if (len > 0)
			sp->rx_packets++;
		rd->rdma.cntinfo = RCNTINFO_INIT;
		sp->rx_new = NEXT_RX(sp->rx_new);
		rn_sync_desc_dev(dev, rd);
		rd = &sp->rx_desc[sp->rx_new];
		rn_sync_desc_cpu(dev, rd);
	}
	rn_sync_desc_dev(dev, rd);

	rn_sync_desc_cpu(dev, &sp->rx_desc[orig_end]);
	sp->rx_desc[orig_end].rdma.cntinfo &= ~HPCDMA_EOR;
	rn_sync_desc_dev(dev, &sp->rx_desc[orig_end]);
	rn_sync_desc_cpu(dev, &sp->rx_desc[PREV_RX(sp->rx_new)]);
	sp->rx_desc[PREV_RX(sp->rx_new)].rdma.cntinfo |= HPCDMA_EOR;
	rn_sync_desc_dev(dev, &sp->rx_desc[PREV_RX(sp->rx_new)]);
	rn_rx_restart(sp, hregs);
}

/* The transmit reclaim of sgiseeq_tx(), every exit of the loop giving the descriptor back. */
static inline void rn_tx(struct net_device *dev, struct rn_private *sp,
			 struct hpc3_ethregs *hregs)
{
	struct rn_tx_desc *td;
	unsigned long status = hregs->tx_ctrl;
	int j;

	for (j = sp->tx_old; j != sp->tx_new; j = NEXT_TX(j)) {
		td = &sp->tx_desc[j];

		rn_sync_desc_cpu(dev, td);	/* expect: ownership-imbalance */
		if (!(td->tdma.cntinfo & HPCDMA_XIU))
			break;
		if (!(td->tdma.cntinfo & HPCDMA_ETXD)) {
			rn_sync_desc_dev(dev, td);
			if (!(status & HPC3_CTRL_ACTIVE)) {
				hregs->tx_ndptr = VIRT_TO_DMA(sp, td);
				hregs->tx_ctrl = HPC3_CTRL_ACTIVE;
			}
			break;
		}
		sp->tx_packets++;
		sp->tx_old = NEXT_TX(sp->tx_old);
		td->tdma.cntinfo &= ~HPCDMA_XIU;
		rn_sync_desc_dev(dev, td);
	}
}

static irqreturn_t rn_interrupt(int irq, void *dev_id)
{
	struct net_device *dev = dev_id;
	struct rn_private *sp = netdev_priv(dev);
	struct hpc3_ethregs *hregs = sp->hregs;

	hregs->reset = 1;	/* acknowledge */
	rn_rx(dev, sp, hregs);
	if (sp->tx_old != sp->tx_new)
		rn_tx(dev, sp, hregs);
	return IRQ_HANDLED;
}

int rn_start_xmit(struct net_device *dev, dma_addr_t buf, unsigned int len);
int rn_start_xmit(struct net_device *dev, dma_addr_t buf, unsigned int len)
{
	struct rn_private *sp = netdev_priv(dev);
	struct hpc3_ethregs *hregs = sp->hregs;
	struct rn_tx_desc *td = &sp->tx_desc[sp->tx_new];

	rn_sync_desc_cpu(dev, td);
	td->tdma.pbuf = buf;
	td->tdma.cntinfo = len | HPCDMA_XIU;
	rn_sync_desc_dev(dev, td);
	sp->tx_new = NEXT_TX(sp->tx_new);
	if (!(hregs->tx_ctrl & HPC3_CTRL_ACTIVE)) {
		hregs->tx_ndptr = VIRT_TO_DMA(sp, td);
		hregs->tx_ctrl = HPC3_CTRL_ACTIVE;
	}
	return 0;
}

/* Near miss: the chip is stopped first; the status is only read for the counters. */
int rn_close(struct net_device *dev);
int rn_close(struct net_device *dev)
{
	struct rn_private *sp = netdev_priv(dev);
	struct rn_tx_desc *td = &sp->tx_desc[sp->tx_old];

	sp->hregs->tx_ctrl = 0;
	sp->hregs->rx_ctrl = 0;
	rn_sync_desc_cpu(dev, td);
	if (td->tdma.cntinfo & HPCDMA_ETXD)
		sp->tx_packets++;
	return 0;
}

int rn_probe(struct net_device *dev, struct device *dmadev);
int rn_probe(struct net_device *dev, struct device *dmadev)
{
	struct rn_private *sp = netdev_priv(dev);

	sp->dmadev = dmadev;
	sp->srings = dma_alloc_noncoherent(dmadev, sizeof(*sp->srings), &sp->srings_dma,
					   DMA_BIDIRECTIONAL, GFP_KERNEL);
	if (!sp->srings)
		return -ENOMEM;
	sp->rx_desc = sp->srings->rxvector;
	sp->tx_desc = sp->srings->txvector;
	if (request_irq(5, rn_interrupt, 0, "rn", dev))
		return -EBUSY;
	return rn_init_rings(dev);
}
