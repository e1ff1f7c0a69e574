// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming mappings: dma_map_single/page/sg and their unmaps.
 *
 * Memory of the simulated machine that the device can reach is mapped in
 * place.  Anything else (host memory from kmalloc, the stack, or memory
 * above the device's mask) goes through stand-in pages under the mask, the
 * way swiotlb bounces: memory's view lives in the stand-in pages and the
 * caller's pointer stays the CPU's view, so syncs copy exactly where
 * swiotlb would.  After a map the device owns the buffer.
 */
#include <linux/dma-mapping.h>
#include "internal.h"

/* ---- building the buffer ---- */

static bool map_in_place(struct dmaref_buf *buf, const void *ptr, size_t size)
{
	struct dmaref_dev *d = buf->dev->dmaref;
	phys_addr_t pa;

	if (!dmaref_cpu_in_arena(ptr))
		return false;
	pa = virt_to_phys(ptr);
	if (!dmaref_phys_valid(pa, size))
		return false;		/* crosses the end of a bank */
	if (!d->iommu && pa + size - 1 > d->mask)
		return false;		/* out of reach: bounce */
	buf->src = SRC_NONE;
	buf->phys = pa;
	dmaref_buf_seg_set(&buf->seg0, pa, size);
	return true;
}

static bool map_bounced(struct dmaref_buf *buf, void *ptr, size_t size)
{
	struct dmaref_dev *d = buf->dev->dmaref;
	size_t in_page = offset_in_page(ptr);
	size_t alloc = PAGE_ALIGN(in_page + size);
	struct page *page = dmaref_zone_alloc(d->iommu ? ~0ULL : d->mask,
					      get_order(alloc));
	phys_addr_t pa;

	if (!page)
		return false;
	pa = dmaref_page_phys(page);
	dmaref_zero_take(pa, alloc);
	buf->src = SRC_BUDDY;
	buf->phys = pa;
	buf->alloc_size = PAGE_SIZE << get_order(alloc);
	buf->bounced = true;
	dmaref_buf_seg_set(&buf->seg0, pa + in_page, size);
	buf->seg0.cpu = ptr;		/* the CPU keeps its own memory */
	return true;
}

static bool assign_dma(struct dmaref_buf *buf)
{
	struct dmaref_dev *d = buf->dev->dmaref;
	phys_addr_t pa = buf->seg0.phys;
	u64 iova;

	if (!d->iommu) {
		buf->dma = pa;
		return true;
	}
	buf->iova_size = PAGE_ALIGN(offset_in_page(pa) + buf->size);
	iova = dmaref_iova_alloc(&d->iova, buf->iova_size);
	if (!iova)
		return false;
	buf->iova = true;
	buf->dma = iova + offset_in_page(pa);
	return true;
}

static void report_overlap(struct dmaref_buf *buf, const char *call,
			   unsigned long attrs)
{
	struct device *dev = buf->dev;
	struct dmaref_buf *other;

	if (attrs & DMA_ATTR_SKIP_CPU_SYNC)
		return;
	other = dmaref_buf_find_contain(dev, buf->dma, 1);
	if (!other)
		other = dmaref_buf_find_contain(dev, buf->dma + buf->size - 1, 1);
	if (other)
		dmaref_report(DMAREF_ERR_OVERLAPPING_CACHELINE, dev, call, other,
			      0, buf->size, buf->dir,
			      "overlapping mappings aren't supported: this mapping shares cache lines with a live one");
}

/* Called with the lock held and the arguments checked. */
struct dmaref_buf *dmaref_map_buffer(struct device *dev, void *ptr,
				     size_t size, enum dma_data_direction dir,
				     unsigned long attrs, const char *call,
				     enum dmaref_buf_type type)
{
	struct dmaref_buf *buf = dmaref_buf_new(dev, type, call, 1);

	if (!buf)
		return NULL;
	buf->size = size;
	buf->span = size;
	buf->dir = dir;
	buf->attrs = attrs;
	buf->cpu = ptr;
	buf->cached = !dev->dmaref->coherent;
	buf->tracked = true;
	if (!map_in_place(buf, ptr, size)) {
		if (dmaref_bounce_too_large(ptr, size)) {
			dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call,
				      NULL, 0, size, dir,
				      "maps %zu bytes the device cannot reach in place: stand-in (swiotlb) pages hold at most 4 MiB",
				      size);
			goto fail;
		}
		if (!map_bounced(buf, ptr, size))
			goto fail;
	}
	if (!assign_dma(buf) || dmaref_cache_setup(buf, FILL_SNAPSHOT))
		goto fail;
	report_overlap(buf, call, attrs);
	/* The map is the first hand-off: write back, the device owns it. */
	dmaref_cache_for_device(buf, 0, size, call, dir);
	dmaref_buf_insert(buf);
	return buf;
fail:
	dmaref_buf_release(buf);
	return NULL;
}

static dma_addr_t map_checked(struct device *dev, void *ptr, size_t size,
			      enum dma_data_direction dir, unsigned long attrs,
			      const char *call, enum dmaref_buf_type type)
{
	struct dmaref_buf *buf = NULL;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call) || !dmaref_check_size(dev, call, size) ||
	    !dmaref_check_dir(dev, call, dir))
		goto out;
	if (!ptr) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      size, dir, "NULL CPU address");
		goto out;
	}
	if (!dmaref_check_map_range(dev, call, ptr, size, dir))
		goto out;
	dmaref_cache_tick();
	dmaref_check_origin(dev, call, ptr, size, dir);
	buf = dmaref_map_buffer(dev, ptr, size, dir, attrs, call, type);
out:
	dmaref_unlock();
	return buf ? buf->dma : DMA_MAPPING_ERROR;
}

dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir,
				unsigned long attrs)
{
	return map_checked(dev, ptr, size, dir, attrs, "dma_map_single",
			   BUF_SINGLE);
}

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size,
			  enum dma_data_direction dir)
{
	return map_checked(dev, ptr, size, dir, 0, "dma_map_single",
			   BUF_SINGLE);
}

dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page,
			      size_t offset, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	u8 *base = page_address(page);
	const char *why = NULL;

	if (!base)
		why = "not a page of simulated memory";
	else if (offset >= dmaref_phys.cpu + dmaref_phys.arena_size - base)
		why = "offset past the end of simulated memory";
	if (why) {
		dmaref_lock();
		if (dmaref_dev_valid(dev, "dma_map_page"))
			dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev,
				      "dma_map_page", NULL, offset, size, dir,
				      "%s", why);
		dmaref_unlock();
		return DMA_MAPPING_ERROR;
	}
	return map_checked(dev, base + offset, size, dir, attrs,
			   "dma_map_page", BUF_PAGE);
}

dma_addr_t dma_map_page(struct device *dev, struct page *page, size_t offset,
			size_t size, enum dma_data_direction dir)
{
	return dma_map_page_attrs(dev, page, offset, size, dir, 0);
}

int dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	struct dmaref_buf *buf;

	dmaref_lock();
	if (dmaref_dev_valid(dev, "dma_mapping_error")) {
		buf = dmaref_buf_find_exact(dev, dma_addr);
		if (buf)
			buf->map_err_checked = true;
	}
	dmaref_unlock();
	return dma_addr == DMA_MAPPING_ERROR ? -ENOMEM : 0;
}

/* ---- unmap: the device hands the buffer back ---- */

void dmaref_unmap_one(struct device *dev, const struct dmaref_free_ref *ref)
{
	struct dmaref_buf *buf = dmaref_check_free(dev, ref);

	if (!buf)
		return;
	/* Invalidate (or copy back from the bounce) unless it only went out. */
	dmaref_cache_for_cpu(buf, 0, buf->span, ref->call, ref->dir,
			     buf->dir != DMA_TO_DEVICE);
	dmaref_buf_release(buf);
}

static void unmap_checked(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, const char *call,
			  enum dmaref_buf_type type)
{
	struct dmaref_free_ref ref = {
		.call = call, .dma = addr, .size = size, .type = type,
		.dir = dir,
	};

	dmaref_lock();
	if (dmaref_dev_valid(dev, call) && dmaref_check_dir(dev, call, dir)) {
		dmaref_cache_tick();
		dmaref_unmap_one(dev, &ref);
	}
	dmaref_unlock();
}

void dma_unmap_single_attrs(struct device *dev, dma_addr_t addr, size_t size,
			    enum dma_data_direction dir, unsigned long attrs)
{
	unmap_checked(dev, addr, size, dir, "dma_unmap_single", BUF_SINGLE);
}

void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir)
{
	unmap_checked(dev, addr, size, dir, "dma_unmap_single", BUF_SINGLE);
}

void dma_unmap_page_attrs(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, unsigned long attrs)
{
	unmap_checked(dev, addr, size, dir, "dma_unmap_page", BUF_PAGE);
}

void dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size,
		    enum dma_data_direction dir)
{
	unmap_checked(dev, addr, size, dir, "dma_unmap_page", BUF_PAGE);
}

