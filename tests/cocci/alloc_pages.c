// SPDX-License-Identifier: GPL-2.0
/*
 * cocci fixture: a driver that wants the struct page of its buffer (to
 * map it to user space) takes virt_to_page() of the allocation and frees
 * by page_address(): it becomes dma_alloc_pages()/dma_free_pages().
 * Expected report: none.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/dma-mapping.h>

#define VBUF_SIZE	8192

struct vbuf_priv {
	struct device *dev;
	struct page *page;
	dma_addr_t page_dma;
};

static int vbuf_alloc(struct vbuf_priv *priv)
{
	priv->page = virt_to_page(dma_alloc_attrs(priv->dev, VBUF_SIZE,
						  &priv->page_dma, GFP_KERNEL,
						  DMA_ATTR_NON_CONSISTENT));
	return priv->page ? 0 : -ENOMEM;
}

static void vbuf_free(struct vbuf_priv *priv)
{
	dma_free_attrs(priv->dev, VBUF_SIZE, page_address(priv->page),
		       priv->page_dma, DMA_ATTR_NON_CONSISTENT);
}

static void vbuf_flush(struct vbuf_priv *priv)
{
	dma_cache_sync(priv->dev, page_address(priv->page), VBUF_SIZE,
		       DMA_TO_DEVICE);
}
