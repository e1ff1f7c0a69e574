/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scatter-gather lists.  Entries live in one array (no chaining); the last
 * one is marked.  After mapping, sg_dma_address()/sg_dma_len() describe the
 * DMA side: on an IOMMU device the whole list may collapse into one entry.
 */
#ifndef _DMAREF_LINUX_SCATTERLIST_H
#define _DMAREF_LINUX_SCATTERLIST_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mm.h>

struct scatterlist {
	struct page *page;		/* NULL for host memory (kmalloc) */
	void *host;			/* then the CPU address, from sg_set_buf() */
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
	unsigned int dma_length;
	bool end;			/* last entry of the list */
};

struct sg_table {
	struct scatterlist *sgl;	/* the list */
	unsigned int nents;		/* mapped entries */
	unsigned int orig_nents;	/* CPU entries */
};

#define sg_dma_address(sg)	((sg)->dma_address)
#define sg_dma_len(sg)		((sg)->dma_length)

static inline struct page *sg_page(struct scatterlist *sg)
{
	return sg->page;
}

static inline bool sg_is_last(const struct scatterlist *sg)
{
	return sg->end;
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	return sg->end ? NULL : sg + 1;
}

static inline void sg_mark_end(struct scatterlist *sg)
{
	sg->end = true;
}

static inline void sg_set_page(struct scatterlist *sg, struct page *page,
			       unsigned int len, unsigned int offset)
{
	sg->page = page;
	sg->offset = offset;
	sg->length = len;
}

static inline void *sg_virt(struct scatterlist *sg)
{
	if (!sg->page)
		return sg->host;
	return (char *)page_address(sg->page) + sg->offset;
}

void sg_init_table(struct scatterlist *sgl, unsigned int nents);
void sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int buflen);
void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int buflen);
int sg_alloc_table(struct sg_table *table, unsigned int nents, gfp_t gfp);
void sg_free_table(struct sg_table *table);

#define for_each_sg(sglist, sg, nr, __i)				\
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))
#define for_each_sgtable_sg(sgt, sg, i)					\
	for_each_sg((sgt)->sgl, sg, (sgt)->orig_nents, i)
#define for_each_sgtable_dma_sg(sgt, sg, i)				\
	for_each_sg((sgt)->sgl, sg, (sgt)->nents, i)

#endif /* _DMAREF_LINUX_SCATTERLIST_H */
