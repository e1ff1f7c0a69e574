// SPDX-License-Identifier: GPL-2.0
/*
 * Argument checks at the API boundary and the dma-debug checks of a free
 * or unmap.  Each finding is one report; the caller then does the defined
 * thing (return NULL / DMA_MAPPING_ERROR, or free what was really
 * allocated, never what the wrong arguments claim).
 */
#include <linux/dma-mapping.h>
#include "internal.h"

bool dmaref_check_dir(struct device *dev, const char *call,
		      enum dma_data_direction dir)
{
	if (valid_dma_direction(dir))
		return true;
	dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0, 0, dir,
		      "invalid DMA direction %d", (int)dir);
	return false;
}

bool dmaref_check_size(struct device *dev, const char *call, size_t size)
{
	if (size)
		return true;
	dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0, 0,
		      DMA_NONE, "size 0");
	return false;
}

/*
 * dma-direct picks the zone from the device's mask: zone modifiers are
 * refused by the page-returning calls (@zones_fatal) and dropped by the
 * coherent ones; __GFP_COMP is refused by all.
 */
bool dmaref_check_gfp(struct device *dev, const char *call, gfp_t gfp,
		      bool zones_fatal)
{
	unsigned int flags = (__force unsigned int)gfp;
	unsigned int zones = ___GFP_DMA | ___GFP_DMA32 | ___GFP_HIGHMEM;

	if (flags & ___GFP_COMP) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      0, DMA_NONE,
			      "__GFP_COMP: DMA memory cannot be a compound page");
		return false;
	}
	if (zones_fatal && (flags & zones)) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      0, DMA_NONE,
			      "zone modifier in gfp (__GFP_DMA/__GFP_DMA32/__GFP_HIGHMEM): the DMA mask picks the zone");
		return false;
	}
	return true;
}

bool dmaref_gfp_can_block(gfp_t gfp)
{
	return (__force unsigned int)gfp & ___GFP_DIRECT_RECLAIM;
}

static void check_details(struct device *dev, const struct dmaref_free_ref *ref,
			  struct dmaref_buf *buf)
{
	if (ref->size != buf->size)
		dmaref_report(DMAREF_ERR_FREE_WRONG_SIZE, dev, ref->call, buf,
			      0, ref->size, ref->dir,
			      "frees DMA memory with different size (allocated %zu bytes, freed %zu)",
			      buf->size, ref->size);
	if (ref->type != buf->type)
		dmaref_report(DMAREF_ERR_FREE_WRONG_FUNCTION, dev, ref->call,
			      buf, 0, ref->size, ref->dir,
			      "frees DMA memory with wrong function (made as %s by %s, freed as %s)",
			      dmaref_buf_type_name(buf->type), buf->call,
			      dmaref_buf_type_name(ref->type));
	else if (ref->cpu && ref->cpu != buf->cpu)
		dmaref_report(DMAREF_ERR_FREE_WRONG_CPU_ADDRESS, dev, ref->call,
			      buf, 0, ref->size, ref->dir,
			      "frees DMA memory with different CPU address (allocated %p, freed %p)",
			      buf->cpu, ref->cpu);
	if (ref->sg_nents && buf->type == BUF_SG &&
	    ref->sg_nents != buf->sg_nents)
		dmaref_report(DMAREF_ERR_FREE_WRONG_SG_COUNT, dev, ref->call,
			      buf, 0, ref->size, ref->dir,
			      "frees DMA sg list with different entry count (mapped %d, unmapped %d)",
			      buf->sg_nents, ref->sg_nents);
	if (ref->dir != DMA_NONE && ref->dir != buf->dir)
		dmaref_report(DMAREF_ERR_FREE_WRONG_DIRECTION, dev, ref->call,
			      buf, 0, ref->size, ref->dir,
			      "frees DMA memory with different direction (mapped %s, unmapped %s)",
			      dmaref_dir_name(buf->dir),
			      dmaref_dir_name(ref->dir));
	if (!buf->map_err_checked)
		dmaref_report(DMAREF_ERR_MAP_ERROR_UNCHECKED, dev, ref->call,
			      buf, 0, ref->size, ref->dir,
			      "failed to check map error: dma_mapping_error() never called on this %s mapping",
			      dmaref_buf_type_name(buf->type));
}

/*
 * The dma-debug checks of a free or unmap.  Returns the buffer to release,
 * or NULL when there is none (already reported).
 */
struct dmaref_buf *dmaref_check_free(struct device *dev,
				     const struct dmaref_free_ref *ref)
{
	struct dmaref_buf *buf;

	if (ref->dma == DMA_MAPPING_ERROR) {
		dmaref_report(DMAREF_ERR_FREE_INVALID_ADDRESS, dev, ref->call,
			      NULL, 0, ref->size, ref->dir,
			      "tries to free an invalid DMA memory address (DMA_MAPPING_ERROR)");
		return NULL;
	}
	buf = dmaref_buf_find_exact(dev, ref->dma);
	if (!buf) {
		dmaref_report(DMAREF_ERR_FREE_NOT_ALLOCATED, dev, ref->call,
			      NULL, 0, ref->size, ref->dir,
			      "tries to free DMA memory it has not allocated (dma 0x%llx, %zu bytes): a double free or a foreign handle",
			      (unsigned long long)ref->dma, ref->size);
		return NULL;
	}
	check_details(dev, ref, buf);
	return buf;
}
