// SPDX-License-Identifier: GPL-2.0
/*
 * A model test driver (written for the tests): one function per
 * points-to rule of docs/design/driver-model.md, section 2.  Each
 * rule_* function reads a pointer that reaches the allocation only
 * through that rule and syncs it.
 */
#include "kstub.h"

struct rule_desc {
	u32 status;
	void *vaddr;			/* a pointer stored inside the block */
};

struct rule_rings {
	struct rule_desc rx[8];
	struct rule_desc tx[8];
};

struct rule_priv {
	struct device *dev;
	struct rule_rings *rings;
	dma_addr_t rings_dma;
	struct rule_desc *txd;		/* into the block at a non-zero offset */
	void *data;
	dma_addr_t data_dma;
	struct device embedded;
	void *small;
	dma_addr_t small_dma;
};

static struct rule_rings *rule_global;		/* a global assigned the block */

static struct rule_rings *rule_get(struct rule_priv *p)	/* a return value */
{
	return p->rings;
}

static void rule_local(struct rule_priv *p)
{
	struct rule_rings *r = p->rings;		/* a local */
	char *c = (char *)r;				/* a cast */

	dma_cache_sync(p->dev, c + 16, 16, DMA_TO_DEVICE);	/* + off */
}

static void rule_index(struct rule_priv *p, int i)
{
	dma_cache_sync(p->dev, &p->rings->rx[i], sizeof(struct rule_desc), DMA_TO_DEVICE);
}

static void rule_member(struct rule_priv *p)
{
	dma_cache_sync(p->dev, &p->rings->tx[1].status, 4, DMA_TO_DEVICE);
}

static void rule_field_offset(struct rule_priv *p)
{
	dma_cache_sync(p->dev, p->txd, sizeof(*p->txd), DMA_TO_DEVICE);
}

static void rule_stored(struct rule_priv *p)
{
	dma_cache_sync(p->dev, p->rings->rx[0].vaddr, 64, DMA_FROM_DEVICE);
}

static void rule_global_read(struct rule_priv *p)
{
	dma_cache_sync(p->dev, rule_global, 16, DMA_TO_DEVICE);
}

static void rule_return(struct rule_priv *p)
{
	dma_cache_sync(p->dev, rule_get(p), 16, DMA_TO_DEVICE);
}

static void rule_param(struct device *dev, void *addr)	/* every caller passes the block */
{
	dma_cache_sync(dev, addr, 16, DMA_TO_DEVICE);
}

static void rule_drvdata(struct device *dev)
{
	struct rule_priv *p = dev_get_drvdata(dev);

	dma_cache_sync(p->dev, p->rings, 16, DMA_TO_DEVICE);
}

static void rule_container(struct device *d)
{
	struct rule_priv *p = container_of(d, struct rule_priv, embedded);

	dma_cache_sync(p->dev, p->data, 16, DMA_TO_DEVICE);
}

/* an allocation helper: the handle goes through its dma_addr_t *out */
static void *rule_alloc_small(struct device *dev, dma_addr_t *out)
{
	return dma_alloc_attrs(dev, 64, out, GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
}

static void rule_out_param(struct rule_priv *p)
{
	dma_cache_sync(p->dev, p->small, 64, DMA_TO_DEVICE);
}

static int rule_probe(struct rule_priv *p)
{
	p->rings = dma_alloc_attrs(p->dev, sizeof(struct rule_rings), &p->rings_dma,
				   GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	p->data = dma_alloc_attrs(p->dev, 4096, &p->data_dma, GFP_KERNEL,
				  DMA_ATTR_NON_CONSISTENT);
	p->txd = p->rings->tx;
	p->rings->rx[0].vaddr = p->data;
	p->small = rule_alloc_small(p->dev, &p->small_dma);
	rule_global = p->rings;
	dev_set_drvdata(p->dev, p);
	rule_param(p->dev, p->rings);
	rule_param(p->dev, &p->rings->rx[2]);
	return 0;
}

static void *rule_entry[] __attribute__((used)) = { rule_probe, rule_local, rule_index, rule_member, rule_field_offset,
		       rule_stored, rule_global_read, rule_return, rule_drvdata, rule_container,
		       rule_out_param };
