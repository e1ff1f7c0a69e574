// SPDX-License-Identifier: GPL-2.0
/*
 * Scatter-gather mappings.  As dma-debug tracks them, each entry is its own
 * buffer, remembering the entry count it was mapped with; entries are
 * never merged, even behind an IOMMU.
 */
#include <linux/dma-mapping.h>
#include "internal.h"

static void unmap_sg_locked(struct device *dev, struct scatterlist *sgl,
			    int nents, enum dma_data_direction dir,
			    int upto)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, upto, i) {
		struct dmaref_free_ref ref = {
			.call = "dma_unmap_sg", .dma = sg_dma_address(sg),
			.size = sg->length, .type = BUF_SG, .dir = dir,
			.sg_nents = nents,
		};

		dmaref_unmap_one(dev, &ref);
	}
}

int dma_map_sg_attrs(struct device *dev, struct scatterlist *sgl, int nents,
		     enum dma_data_direction dir, unsigned long attrs)
{
	const char *call = "dma_map_sg";
	struct scatterlist *sg;
	int i, mapped = 0;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call) || !dmaref_check_dir(dev, call, dir))
		goto out;
	if (!sgl || nents <= 0) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      0, dir, "empty scatterlist");
		goto out;
	}
	dmaref_cache_tick();
	for_each_sg(sgl, sg, nents, i) {
		struct dmaref_buf *buf = NULL;
		u8 *cpu = sg_virt(sg);

		if (!cpu || !sg->length) {
			dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call,
				      NULL, 0, sg->length, dir,
				      "scatterlist entry %d has no memory or length 0", i);
		} else if (dmaref_check_map_range(dev, call, cpu, sg->length,
						  dir)) {
			dmaref_check_origin(dev, call, cpu, sg->length, dir);
			buf = dmaref_map_buffer(dev, cpu, sg->length, dir, attrs,
						call, BUF_SG);
		}
		if (!buf) {
			/* All or nothing: undo what was mapped. */
			unmap_sg_locked(dev, sgl, nents, dir, mapped);
			mapped = 0;
			goto out;
		}
		buf->sg_nents = nents;
		buf->map_err_checked = true;	/* a count of 0 is the error */
		sg->dma_address = buf->dma;
		sg->dma_length = sg->length;
		mapped++;
	}
out:
	dmaref_unlock();
	return mapped;
}

void dma_unmap_sg_attrs(struct device *dev, struct scatterlist *sgl, int nents,
			enum dma_data_direction dir, unsigned long attrs)
{
	const char *call = "dma_unmap_sg";

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call) || !dmaref_check_dir(dev, call, dir))
		goto out;
	if (!sgl || nents <= 0) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      0, dir, "empty scatterlist: nothing unmapped");
		goto out;
	}
	dmaref_cache_tick();
	unmap_sg_locked(dev, sgl, nents, dir, nents);
out:
	dmaref_unlock();
}

int dma_map_sg(struct device *dev, struct scatterlist *sg, int nents,
	       enum dma_data_direction dir)
{
	return dma_map_sg_attrs(dev, sg, nents, dir, 0);
}

void dma_unmap_sg(struct device *dev, struct scatterlist *sg, int nents,
		  enum dma_data_direction dir)
{
	dma_unmap_sg_attrs(dev, sg, nents, dir, 0);
}

/* The sg_table calls name their table: a NULL one is reported. */
static bool sgt_given(struct device *dev, const struct sg_table *sgt,
		      const char *call, enum dma_data_direction dir)
{
	if (sgt)
		return true;
	dmaref_lock();
	if (dmaref_dev_valid(dev, call))
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      0, dir, "NULL sg_table");
	dmaref_unlock();
	return false;
}

int dma_map_sgtable(struct device *dev, struct sg_table *sgt,
		    enum dma_data_direction dir, unsigned long attrs)
{
	int n;

	if (!sgt_given(dev, sgt, "dma_map_sgtable", dir))
		return -EINVAL;
	n = dma_map_sg_attrs(dev, sgt->sgl, sgt->orig_nents, dir, attrs);
	if (n <= 0)
		return -EINVAL;
	sgt->nents = n;
	return 0;
}

void dma_unmap_sgtable(struct device *dev, struct sg_table *sgt,
		       enum dma_data_direction dir, unsigned long attrs)
{
	if (sgt_given(dev, sgt, "dma_unmap_sgtable", dir))
		dma_unmap_sg_attrs(dev, sgt->sgl, sgt->orig_nents, dir, attrs);
}
