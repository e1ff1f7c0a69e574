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
 * Called when dmaref_check_alloc_size() (internal.h) refuses @size: 0,
 * or larger than the machine's memory, which can never succeed and which
 * rounding up to whole pages could wrap to a tiny size.
 */
void dmaref_report_alloc_size(struct device *dev, const char *call,
			      size_t size)
{
	if (!dmaref_check_size(dev, call, size))
		return;
	dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0, size,
		      DMA_NONE,
		      "size %zu larger than the machine's memory (%zu bytes)",
		      size, dmaref_phys.arena_size);
}

/* Host memory is mapped through one stand-in block, as swiotlb bounces. */
#define MAX_BOUNCE	(PAGE_SIZE << (MAX_ORDER - 1))

bool dmaref_bounce_too_large(const void *ptr, size_t size)
{
	return size > MAX_BOUNCE - offset_in_page(ptr);
}

/*
 * The CPU range a streaming map names must be one the library can copy:
 * inside the address space, inside simulated memory when it starts there,
 * small enough for stand-in pages when it is host memory, and not past
 * the end of the stack it starts on.  Checked before anything looks at
 * the range, so that a huge size is a bad size, not "memory on the stack".
 */
bool dmaref_check_map_range(struct device *dev, const char *call,
			    const void *ptr, size_t size,
			    enum dma_data_direction dir)
{
	uintptr_t p = (uintptr_t)ptr;
	uintptr_t arena_end = (uintptr_t)dmaref_phys.cpu + dmaref_phys.arena_size;
	const char *why;

	if (dmaref_range_wraps(p, size))
		why = "the range wraps around the address space";
	else if (dmaref_cpu_in_arena(ptr) && size > arena_end - p)
		why = "the range runs past the end of simulated memory";
	else if (!dmaref_cpu_in_arena(ptr) && dmaref_bounce_too_large(ptr, size))
		why = "host memory maps through stand-in (swiotlb) pages, at most 4 MiB";
	else if (dmaref_stack_overrun(ptr, size))
		why = "the range starts on the stack and runs past its end";
	else
		return true;
	dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0, size,
		      dir, "maps %zu bytes at %p: %s", size, ptr, why);
	return false;
}

/*
 * A free naming a NULL CPU address (or page, or sg_table) frees nothing:
 * the kernel returns early or follows the NULL.  Reported, with the buffer
 * the handle names if there is one: it stays allocated.
 */
void dmaref_report_null_free(struct device *dev, const char *call,
			     dma_addr_t handle, size_t size,
			     enum dma_data_direction dir, const char *what)
{
	struct dmaref_buf *buf;

	dmaref_lock();
	if (dmaref_dev_valid(dev, call)) {
		buf = dmaref_buf_find_exact(dev, handle);
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, buf, 0,
			      size, dir, "NULL %s: nothing freed%s", what,
			      buf ? ", the buffer stays allocated" : "");
	}
	dmaref_unlock();
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
