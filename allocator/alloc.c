// SPDX-License-Identifier: GPL-2.0
/*
 * Allocating DMA memory: coherent (dma_alloc_attrs and its wrappers, the
 * managed variants) and non-coherent (dma_alloc_pages, the 5-argument
 * dma_alloc_noncoherent, and 5.9's DMA_ATTR_NON_CONSISTENT), with the
 * matching frees and the release of a buffer's memory.
 */
#include <stdlib.h>

#include <linux/dma-mapping.h>
#include "internal.h"

struct alloc_req {
	const char *call;
	enum dmaref_buf_type type;
	size_t size;
	enum dma_data_direction dir;
	gfp_t gfp;
	bool cached;		/* CPU view separate from memory's */
	bool tracked;		/* ownership rules apply */
	bool coherent_pools;	/* may come from a coherent pool */
};

/* Where the pages come from: a pool, the contiguous area, the zones. */
static bool get_memory(struct device *dev, const struct alloc_req *rq,
		       size_t size, enum dmaref_source *src, phys_addr_t *pa)
{
	struct dmaref_dev *d = dev->dmaref;
	struct dmaref_pool *global = dmaref_global_pool();

	if (rq->coherent_pools && d->pool) {
		/* A device pool serves all its coherent memory: no fallback. */
		*src = SRC_DEV_POOL;
		return dmaref_pool_alloc(d->pool, size, pa);
	}
	if (rq->coherent_pools && !d->coherent && global &&
	    !dmaref_gfp_can_block(rq->gfp)) {
		/* Remapping uncached may sleep: atomic callers use the pool. */
		*src = SRC_GLOBAL_POOL;
		return dmaref_pool_alloc(global, size, pa);
	}
	return dmaref_contig_alloc(dev, d->iommu ? ~0ULL : dev->coherent_dma_mask,
				   size, src, pa);
}

static bool assign_dma(struct dmaref_buf *buf)
{
	struct dmaref_dev *d = buf->dev->dmaref;

	if (!d->iommu) {
		buf->dma = buf->phys;
		return true;
	}
	buf->dma = dmaref_iova_alloc(&d->iova, buf->span);
	buf->iova = buf->dma != 0;
	buf->iova_size = buf->span;
	return buf->iova;
}

/* Called with the lock held; reports have been raised by the caller. */
static struct dmaref_buf *alloc_buffer(struct device *dev,
				       const struct alloc_req *rq)
{
	size_t span = PAGE_ALIGN(rq->size);
	struct dmaref_buf *buf;
	enum dmaref_source src;
	enum dmaref_fill fill;
	phys_addr_t pa;

	if (!get_memory(dev, rq, span, &src, &pa))
		return NULL;
	buf = dmaref_buf_new(dev, rq->type, rq->call, 1);
	if (!buf) {
		dmaref_contig_free(dev, src, pa, span);
		return NULL;
	}
	buf->src = src;
	buf->phys = pa;
	buf->alloc_size = span;
	buf->size = rq->size;
	buf->span = span;
	buf->dir = rq->dir;
	buf->cached = rq->cached;
	buf->tracked = rq->tracked;
	buf->map_err_checked = true;
	dmaref_buf_seg_set(&buf->seg0, pa, span);
	buf->cpu = buf->seg0.cpu;
	/* dma-direct hands out zeroed memory, owned by the CPU. */
	fill = dmaref_zero_take(pa, span) ? FILL_KNOWN_ZERO : FILL_ZERO;
	if (!assign_dma(buf) || dmaref_cache_setup(buf, fill)) {
		dmaref_buf_release(buf);
		return NULL;
	}
	dmaref_buf_insert(buf);
	return buf;
}

/*
 * What both families do under the lock once their own argument checks
 * passed: refuse a NULL handle or a missing coherent mask, then allocate.
 * @dir is the direction a report names (DMA_NONE: the call takes none).
 */
static struct dmaref_buf *alloc_checked(struct device *dev,
					const struct alloc_req *rq,
					dma_addr_t *handle,
					enum dma_data_direction dir)
{
	struct dmaref_buf *buf;

	if (!handle || !dev->coherent_dma_mask) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, rq->call, NULL,
			      0, rq->size, dir, "%s", handle ?
			      "device has no coherent DMA mask (dma_set_coherent_mask() not called)" :
			      "NULL dma_handle");
		return NULL;
	}
	dmaref_cache_tick();
	buf = alloc_buffer(dev, rq);
	if (buf)
		*handle = buf->dma;
	return buf;
}

void dmaref_buf_release(struct dmaref_buf *buf)
{
	struct device *dev = buf->dev;
	unsigned int s;

	if (buf->live_prev || buf->live_next || dev->dmaref->live == buf)
		dmaref_buf_remove(buf);
	if (buf->iova)
		dmaref_iova_free(&dev->dmaref->iova, buf->dma & PAGE_MASK,
				 buf->iova_size);
	if (buf->src == SRC_PAGES) {
		for (s = 0; s < buf->nr_segs; s++)
			dmaref_zone_free(dmaref_phys_to_page(buf->segs[s].phys), 0);
	} else if (buf->src != SRC_NONE) {
		/* Large buffers go back to the host, zero (zero.c). */
		if (!buf->bounced)
			dmaref_zero_release(buf->phys, buf->alloc_size);
		dmaref_contig_free(dev, buf->src, buf->phys, buf->alloc_size);
	}
	dmaref_vmap_release(buf);
	if (buf->sgt) {
		sg_free_table(buf->sgt);
		free(buf->sgt);
	}
	dmaref_buf_destroy(buf);
}

/* ---- coherent memory ---- */

static void *alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle,
			    gfp_t gfp, unsigned long attrs, const char *call,
			    bool managed)
{
	bool non_consistent = attrs & DMAREF_ATTR_NON_CONSISTENT;
	struct alloc_req rq = {
		.call = call, .type = BUF_COHERENT, .size = size,
		.dir = DMA_BIDIRECTIONAL, .gfp = gfp,
	};
	struct dmaref_buf *buf = NULL;

	dmaref_lock();
	if (handle)
		*handle = DMA_MAPPING_ERROR;
	if (dmaref_dev_valid(dev, call) &&
	    dmaref_check_alloc_size(dev, call, size) &&
	    dmaref_check_gfp(dev, call, gfp, false)) {
		/*
		 * 5.9: DMA_ATTR_NON_CONSISTENT lets a non-coherent platform
		 * hand out cacheable memory; the old API knew no owner, so
		 * none is tracked.
		 */
		rq.cached = non_consistent && !dev->dmaref->coherent;
		rq.coherent_pools = !rq.cached;
		buf = alloc_checked(dev, &rq, handle, DMA_NONE);
	}
	if (buf) {
		buf->attrs = attrs;
		buf->managed = managed;
	}
	dmaref_unlock();
	return buf ? buf->cpu : NULL;
}

void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle,
		      gfp_t gfp, unsigned long attrs)
{
	return alloc_coherent(dev, size, dma_handle, gfp, attrs,
			      "dma_alloc_attrs", false);
}

void *dma_alloc_coherent(struct device *dev, size_t size,
			 dma_addr_t *dma_handle, gfp_t gfp)
{
	return alloc_coherent(dev, size, dma_handle, gfp, 0,
			      "dma_alloc_coherent", false);
}

void *dmam_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle,
		       gfp_t gfp, unsigned long attrs)
{
	return alloc_coherent(dev, size, dma_handle, gfp, attrs,
			      "dmam_alloc_attrs", true);
}

void *dmam_alloc_coherent(struct device *dev, size_t size,
			  dma_addr_t *dma_handle, gfp_t gfp)
{
	return alloc_coherent(dev, size, dma_handle, gfp, 0,
			      "dmam_alloc_coherent", true);
}

static void free_buffer(struct device *dev, const struct dmaref_free_ref *ref)
{
	struct dmaref_buf *buf;

	dmaref_lock();
	if (dmaref_dev_valid(dev, ref->call)) {
		dmaref_cache_tick();
		buf = dmaref_check_free(dev, ref);
		if (buf) {
			/* The last hand-back: stores after a hand-off show here. */
			dmaref_cache_check_cpu_writes(buf, 0, buf->span,
						      ref->call, ref->dir);
			dmaref_buf_release(buf);
		}
	}
	dmaref_unlock();
}

static void free_coherent(struct device *dev, size_t size, void *cpu_addr,
			  dma_addr_t handle, const char *call)
{
	struct dmaref_free_ref ref = {
		.call = call, .dma = handle, .size = size,
		.type = BUF_COHERENT, .dir = DMA_NONE, .cpu = cpu_addr,
	};

	if (!cpu_addr) {
		dmaref_report_null_free(dev, call, handle, size, DMA_NONE,
					"CPU address");
		return;
	}
	free_buffer(dev, &ref);
}

void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr,
		    dma_addr_t dma_handle, unsigned long attrs)
{
	free_coherent(dev, size, cpu_addr, dma_handle, "dma_free_attrs");
}

void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr,
		       dma_addr_t dma_handle)
{
	free_coherent(dev, size, cpu_addr, dma_handle, "dma_free_coherent");
}

void dmam_free_coherent(struct device *dev, size_t size, void *vaddr,
			dma_addr_t dma_handle)
{
	free_coherent(dev, size, vaddr, dma_handle, "dmam_free_coherent");
}

/* ---- non-coherent memory (5.10+) ---- */

/* Stands for a foreign page's CPU address in a free's checks. */
static const char not_an_address[] = "";

/*
 * Non-coherent memory, owned by the CPU.  Called with the lock held and
 * the device, size, direction and gfp checked; also makes the physically
 * contiguous dma_alloc_noncontiguous() buffers (noncontig.c).
 */
struct dmaref_buf *dmaref_alloc_noncoherent(struct device *dev, size_t size,
					    dma_addr_t *handle,
					    enum dma_data_direction dir,
					    gfp_t gfp, const char *call,
					    enum dmaref_buf_type type)
{
	struct alloc_req rq = {
		.call = call, .type = type, .size = size, .dir = dir,
		.gfp = gfp, .tracked = true,
		.cached = !dev->dmaref->coherent,
	};

	return alloc_checked(dev, &rq, handle, dir);
}

static struct dmaref_buf *alloc_noncoherent(struct device *dev, size_t size,
					    dma_addr_t *handle,
					    enum dma_data_direction dir,
					    gfp_t gfp, const char *call,
					    enum dmaref_buf_type type)
{
	struct dmaref_buf *buf = NULL;

	dmaref_lock();
	if (handle)
		*handle = DMA_MAPPING_ERROR;
	if (dmaref_dev_valid(dev, call) &&
	    dmaref_check_alloc_size(dev, call, size) &&
	    dmaref_check_dir(dev, call, dir) &&
	    dmaref_check_gfp(dev, call, gfp, true))
		buf = dmaref_alloc_noncoherent(dev, size, handle, dir, gfp,
					       call, type);
	dmaref_unlock();
	return buf;
}

struct page *dma_alloc_pages(struct device *dev, size_t size,
			     dma_addr_t *dma_handle,
			     enum dma_data_direction dir, gfp_t gfp)
{
	struct dmaref_buf *buf = alloc_noncoherent(dev, size, dma_handle, dir,
						   gfp, "dma_alloc_pages",
						   BUF_PAGES);

	return buf ? virt_to_page(buf->cpu) : NULL;
}

void dma_free_pages(struct device *dev, size_t size, struct page *page,
		    dma_addr_t dma_handle, enum dma_data_direction dir)
{
	struct dmaref_free_ref ref = {
		.call = "dma_free_pages", .dma = dma_handle, .size = size,
		.type = BUF_PAGES, .dir = dir,
	};

	if (!page) {
		dmaref_report_null_free(dev, ref.call, dma_handle, size, dir,
					"page");
		return;
	}
	/* A foreign page has no address: that shows as a wrong CPU address. */
	ref.cpu = page_address(page);
	if (!ref.cpu)
		ref.cpu = not_an_address;
	free_buffer(dev, &ref);
}

void *dma_alloc_noncoherent(struct device *dev, size_t size,
			    dma_addr_t *dma_handle,
			    enum dma_data_direction dir, gfp_t gfp)
{
	struct dmaref_buf *buf = alloc_noncoherent(dev, size, dma_handle, dir,
						   gfp, "dma_alloc_noncoherent",
						   BUF_NONCOHERENT);

	return buf ? buf->cpu : NULL;
}

void dma_free_noncoherent(struct device *dev, size_t size, void *vaddr,
			  dma_addr_t dma_handle, enum dma_data_direction dir)
{
	struct dmaref_free_ref ref = {
		.call = "dma_free_noncoherent", .dma = dma_handle,
		.size = size, .type = BUF_NONCOHERENT, .dir = dir, .cpu = vaddr,
	};

	if (!vaddr) {
		dmaref_report_null_free(dev, ref.call, dma_handle, size, dir,
					"CPU address");
		return;
	}
	free_buffer(dev, &ref);
}
