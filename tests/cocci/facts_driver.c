// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: a driver converted with the driver model's facts
 * (facts_driver.facts.json, written here by hand as the model would).
 * cocci-options: -D facts=facts_driver.facts.json
 *  - fdr_sync_cpu()/fdr_sync_dev() get a pointer and the port: the facts
 *    add a typed holder (fdr_priv() of the port) and take the handle
 *    through the driver's FDR_VIRT_TO_DMA() (sgiseeq);
 *  - FDR_PATCH() syncs with the device it is given: the facts change the
 *    parameter to the holder and every caller passes it (53c700);
 *  - fdr_status_poll() syncs status words through a pointer the facts
 *    follow into the ring: a generated helper after the structure;
 *  - the allocation passes a NULL device: the facts give the real one,
 *    and the free follows.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define FDR_NDESC	8
#define FDR_REG_GO	0x00

#define FDR_PATCH(dev, ring, i, v) \
{ \
	(ring)[i].word = (v); \
	dma_cache_sync((dev), &(ring)[i], sizeof((ring)[i]), DMA_TO_DEVICE); \
}

#define FDR_VIRT_TO_DMA(fp, v) ((fp)->ring_dma + \
	((unsigned long)(v) - (unsigned long)(fp)->ring))

struct fdr_desc {
	u32 word;
	u32 status;
};

struct fdr_port {
	struct device *parent;
	void *priv;
};

struct fdr_private {
	struct fdr_port *port;
	void __iomem *regs;
	struct fdr_desc *ring;
	dma_addr_t ring_dma;
	u32 *status;
	dma_addr_t status_dma;
};

static inline struct fdr_private *fdr_priv(struct fdr_port *port)
{
	return port->priv;
}

static inline void fdr_sync_cpu(struct fdr_port *port, void *addr)
{
	dma_cache_sync(port->parent, addr, sizeof(struct fdr_desc),
		       DMA_FROM_DEVICE);
}

static inline void fdr_sync_dev(struct fdr_port *port, void *addr)
{
	dma_cache_sync(port->parent, addr, sizeof(struct fdr_desc),
		       DMA_TO_DEVICE);
}

static int fdr_open(struct fdr_port *port, struct fdr_private *fp)
{
	struct fdr_desc *r;
	int i;

	r = dma_alloc_attrs(NULL, FDR_NDESC * sizeof(struct fdr_desc),
			    &fp->ring_dma, GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	if (!r)
		return -ENOMEM;
	fp->ring = r;
	fp->status = &r[FDR_NDESC - 1].status;
	for (i = 0; i < FDR_NDESC; i++)
		FDR_PATCH(fp->port->parent, fp->ring, i, 0);
	FDR_PATCH(port->parent, fp->ring, 0, 1);
	return 0;
}

static void fdr_close(struct fdr_private *fp)
{
	dma_free_attrs(NULL, FDR_NDESC * sizeof(struct fdr_desc), fp->ring,
		       fp->ring_dma, DMA_ATTR_NON_CONSISTENT);
}

static u32 fdr_kick(struct fdr_port *port, struct fdr_private *fp, int i)
{
	fp->ring[i].status = 0;
	fdr_sync_dev(port, &fp->ring[i]);
	writel(i, fp->regs + FDR_REG_GO);
	fdr_sync_cpu(port, &fp->ring[i]);
	return fp->ring[i].status;
}

static u32 fdr_status_poll(struct fdr_private *fp)
{
	u32 *st = fp->status;

	dma_cache_sync(fp->port->parent, st, sizeof(*st), DMA_FROM_DEVICE);
	return *st;
}

int fdr_test(struct fdr_port *port, struct fdr_private *fp)
{
	if (fdr_open(port, fp))
		return -ENOMEM;
	fdr_kick(port, fp, 1);
	fdr_status_poll(fp);
	fdr_close(fp);
	return 0;
}
