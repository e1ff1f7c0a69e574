// SPDX-License-Identifier: GPL-2.0
/*
 * dma_alloc_noncontiguous() and its vmap.
 *
 * On an IOMMU device the buffer is made of single pages taken anywhere in
 * memory (so it succeeds on a fragmented machine) and mapped to one
 * contiguous IOVA range: the sg_table lists the pages on the CPU side
 * (orig_nents) and one DMA segment (nents = 1).  Without an IOMMU it is
 * one physically contiguous block, as the kernel's fallback does.
 *
 * dma_vmap_noncontiguous() gives the pages one contiguous CPU address by
 * mapping the CPU view's memfd pages again, so stores through the vmap
 * land in the same simulated memory the device reads.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mman.h>

#include <linux/dma-mapping.h>
#include "internal.h"

struct vmap_area {
	struct vmap_area *next;
	u8 *addr;
	size_t len;
};

static struct vmap_area *vmaps;

bool dmaref_is_vmap(const void *p, size_t len)
{
	struct vmap_area *v;

	for (v = vmaps; v; v = v->next)
		if (dmaref_ranges_overlap((uintptr_t)p, len,
					  (uintptr_t)v->addr, v->len))
			return true;
	return false;
}

void dmaref_vmap_release(struct dmaref_buf *buf)
{
	struct vmap_area **link;

	if (!buf->vmap)
		return;
	for (link = &vmaps; *link; link = &(*link)->next) {
		struct vmap_area *v = *link;

		if (v->addr == buf->vmap) {
			munmap(v->addr, v->len);
			*link = v->next;
			free(v);
			break;
		}
	}
	buf->vmap = NULL;
}

static struct sg_table *make_sgt(struct dmaref_buf *buf)
{
	struct sg_table *sgt = calloc(1, sizeof(*sgt));
	struct scatterlist *sg;
	size_t left = buf->size;
	unsigned int i;

	if (!sgt || sg_alloc_table(sgt, buf->nr_segs, GFP_KERNEL)) {
		free(sgt);
		return NULL;
	}
	for_each_sgtable_sg(sgt, sg, i) {
		size_t len = left < buf->segs[i].len ? left : buf->segs[i].len;

		sg_set_page(sg, dmaref_phys_to_page(buf->segs[i].phys), len, 0);
		left -= len;
	}
	sgt->nents = 1;
	sgt->sgl[0].dma_address = buf->dma;
	sgt->sgl[0].dma_length = buf->size;
	return sgt;
}

/* IOMMU case: nr single pages anywhere, one IOVA range. */
static struct dmaref_buf *alloc_scattered(struct device *dev, size_t size,
					  enum dma_data_direction dir)
{
	unsigned long nr = PAGE_ALIGN(size) >> PAGE_SHIFT, i;
	struct dmaref_buf *buf;

	buf = dmaref_buf_new(dev, BUF_NONCONTIG, "dma_alloc_noncontiguous", nr);
	if (!buf)
		return NULL;
	buf->src = SRC_PAGES;
	buf->size = size;
	buf->span = nr << PAGE_SHIFT;
	buf->dir = dir;
	buf->cached = !dev->dmaref->coherent;
	buf->tracked = true;
	buf->map_err_checked = true;
	for (i = 0; i < nr; i++) {
		struct page *page = dmaref_zone_alloc(~0ULL, 0);

		if (!page) {
			buf->nr_segs = i;	/* release frees what we got */
			goto fail;
		}
		dmaref_zero_take(dmaref_page_phys(page), PAGE_SIZE);
		dmaref_buf_seg_set(&buf->segs[i], dmaref_page_phys(page),
				   PAGE_SIZE);
	}
	buf->cpu = buf->segs[0].cpu;
	buf->dma = dmaref_iova_alloc(&dev->dmaref->iova, buf->span);
	buf->iova = buf->dma != 0;
	buf->iova_size = buf->span;
	if (!buf->iova || dmaref_cache_setup(buf, FILL_ZERO))
		goto fail;
	return buf;
fail:
	dmaref_buf_release(buf);
	return NULL;
}

struct sg_table *dma_alloc_noncontiguous(struct device *dev, size_t size,
					 enum dma_data_direction dir,
					 gfp_t gfp, unsigned long attrs)
{
	const char *call = "dma_alloc_noncontiguous";
	struct dmaref_buf *buf = NULL;
	dma_addr_t handle;

	/* One critical section: the device cannot go away half way. */
	dmaref_lock();
	if (!dmaref_dev_valid(dev, call) ||
	    !dmaref_check_alloc_size(dev, call, size) ||
	    !dmaref_check_dir(dev, call, dir) ||
	    !dmaref_check_gfp(dev, call, gfp, true))
		goto out;
	if (dev->dmaref->iommu) {
		dmaref_cache_tick();
		buf = alloc_scattered(dev, size, dir);
		if (buf)
			dmaref_buf_insert(buf);
	} else {
		/* Without an IOMMU: one physically contiguous block. */
		buf = dmaref_alloc_noncoherent(dev, size, &handle, dir, gfp,
					       call, BUF_NONCONTIG);
	}
	if (!buf)
		goto out;
	buf->sgt = make_sgt(buf);
	if (!buf->sgt) {
		dmaref_report_oom(dev, call, "the sg_table");
		dmaref_buf_release(buf);
		buf = NULL;
	}
out:
	dmaref_unlock();
	return buf ? buf->sgt : NULL;
}

void dma_free_noncontiguous(struct device *dev, size_t size,
			    struct sg_table *sgt, enum dma_data_direction dir)
{
	struct dmaref_free_ref ref = {
		.call = "dma_free_noncontiguous", .size = size,
		.type = BUF_NONCONTIG, .dir = dir,
	};
	struct dmaref_buf *buf;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, ref.call))
		goto out;
	if (!sgt || !sgt->sgl) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, ref.call, NULL,
			      0, size, dir, "NULL sg_table");
		goto out;
	}
	ref.dma = sg_dma_address(sgt->sgl);
	buf = dmaref_check_free(dev, &ref);
	if (buf && buf->sgt != sgt) {
		dmaref_report(DMAREF_ERR_FREE_WRONG_CPU_ADDRESS, dev, ref.call,
			      buf, 0, size, dir,
			      "frees with an sg_table dma_alloc_noncontiguous() did not return");
		buf = NULL;
	}
	if (buf) {
		dmaref_cache_check_cpu_writes(buf, 0, buf->span, ref.call, dir);
		dmaref_buf_release(buf);
	}
out:
	dmaref_unlock();
}

static void *map_alias(struct dmaref_buf *buf)
{
	u8 *addr = mmap(NULL, buf->span, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	struct vmap_area *v = malloc(sizeof(*v));
	unsigned int s;

	if (addr == MAP_FAILED || !v)
		goto fail;
	for (s = 0; s < buf->nr_segs; s++) {
		off_t off = dmaref_phys_to_off(buf->segs[s].phys);

		if (mmap(addr + (size_t)s * PAGE_SIZE, PAGE_SIZE,
			 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
			 dmaref_phys.memfd, off) == MAP_FAILED)
			goto fail;
	}
	v->addr = addr;
	v->len = buf->span;
	v->next = vmaps;
	vmaps = v;
	return addr;
fail:
	if (addr != MAP_FAILED)
		munmap(addr, buf->span);
	free(v);
	return NULL;
}

void *dma_vmap_noncontiguous(struct device *dev, size_t size,
			     struct sg_table *sgt)
{
	const char *call = "dma_vmap_noncontiguous";
	struct dmaref_buf *buf;
	void *addr = NULL;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call) || !dmaref_check_size(dev, call, size))
		goto out;
	buf = sgt && sgt->sgl ?
		dmaref_buf_find_exact(dev, sg_dma_address(sgt->sgl)) : NULL;
	if (!buf || buf->sgt != sgt || size > buf->span) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, buf, 0,
			      size, DMA_NONE,
			      "not an sg_table from dma_alloc_noncontiguous() of this device, or size beyond it");
		goto out;
	}
	if (buf->nr_segs == 1)
		addr = buf->cpu;	/* contiguous: the linear map will do */
	else if (buf->vmap)
		addr = buf->vmap;
	else
		addr = buf->vmap = map_alias(buf);
	if (!addr)
		dmaref_report_oom(dev, call, "the vmap's address range");
out:
	dmaref_unlock();
	return addr;
}

/* A one-segment buffer's vmap is its linear address: nothing to undo. */
static bool vmapped_by(const struct dmaref_buf *buf, const void *vaddr)
{
	return buf->type == BUF_NONCONTIG &&
	       (buf->vmap == vaddr || (buf->nr_segs == 1 && buf->cpu == vaddr));
}

void dma_vunmap_noncontiguous(struct device *dev, void *vaddr)
{
	const char *call = "dma_vunmap_noncontiguous";
	struct dmaref_buf *buf;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call))
		goto out;
	for (buf = vaddr ? dev->dmaref->live : NULL; buf; buf = buf->live_next)
		if (vmapped_by(buf, vaddr))
			break;
	if (!buf)
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      0, DMA_NONE,
			      "%s: not an address dma_vmap_noncontiguous() gave this device",
			      vaddr ? "unknown address" : "NULL address");
	else if (buf->vmap == vaddr)
		dmaref_vmap_release(buf);
out:
	dmaref_unlock();
}
