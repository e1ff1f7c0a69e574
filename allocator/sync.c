// SPDX-License-Identifier: GPL-2.0
/*
 * Syncs: the hand-offs between CPU and device, with dma-debug's checks
 * (unknown memory, range, direction rules, sg count), and 5.9's
 * dma_cache_sync() with its MIPS semantics.
 */
#include <linux/dma-mapping.h>
#include "internal.h"

struct sync_ref {
	const char *call;
	dma_addr_t addr;
	size_t size;
	enum dma_data_direction dir;
	bool to_cpu;
	int sg_nents;		/* 0: not a scatter-gather sync */
};

static void check_direction(struct dmaref_buf *buf, const struct sync_ref *s,
			    size_t off)
{
	struct device *dev = buf->dev;

	if (buf->dir == DMA_BIDIRECTIONAL)
		return;		/* any sync of a two-way buffer is fine */
	if (s->dir != buf->dir)
		dmaref_report(DMAREF_ERR_SYNC_WRONG_DIRECTION, dev, s->call,
			      buf, off, s->size, s->dir,
			      "syncs DMA memory with different direction (mapped %s, synced %s)",
			      dmaref_dir_name(buf->dir), dmaref_dir_name(s->dir));
	if (s->to_cpu && buf->dir != DMA_FROM_DEVICE &&
	    s->dir != DMA_TO_DEVICE)
		dmaref_report(DMAREF_ERR_SYNC_READ_ONLY_FOR_CPU, dev, s->call,
			      buf, off, s->size, s->dir,
			      "syncs device read-only DMA memory for cpu (mapped %s, synced %s)",
			      dmaref_dir_name(buf->dir), dmaref_dir_name(s->dir));
	if (!s->to_cpu && buf->dir != DMA_TO_DEVICE &&
	    s->dir != DMA_FROM_DEVICE)
		dmaref_report(DMAREF_ERR_SYNC_WRITE_ONLY_FOR_DEVICE, dev,
			      s->call, buf, off, s->size, s->dir,
			      "syncs device write-only DMA memory to device (mapped %s, synced %s)",
			      dmaref_dir_name(buf->dir), dmaref_dir_name(s->dir));
}

/* Called with the lock held and the device checked. */
static void sync_locked(struct device *dev, const struct sync_ref *s)
{
	struct dmaref_buf *buf;
	size_t off;

	if (!dmaref_check_dir(dev, s->call, s->dir) ||
	    !dmaref_check_size(dev, s->call, s->size))
		return;
	dmaref_cache_tick();
	/* Most syncs name a buffer's first byte: the exact table is quickest. */
	buf = dmaref_buf_find_exact(dev, s->addr);
	if (!buf || s->size > buf->span)
		buf = dmaref_buf_find_contain(dev, s->addr, s->size);
	if (!buf) {
		dmaref_report(DMAREF_ERR_SYNC_NOT_ALLOCATED, dev, s->call, NULL,
			      0, s->size, s->dir,
			      "tries to sync DMA memory it has not allocated (dma 0x%llx, %zu bytes)",
			      (unsigned long long)s->addr, s->size);
		return;
	}
	off = s->addr - buf->dma;
	if (s->size > buf->size || off > buf->size - s->size)
		dmaref_report(DMAREF_ERR_SYNC_OUT_OF_RANGE, dev, s->call, buf,
			      off, s->size, s->dir,
			      "syncs DMA memory outside the allocated range (offset %zu + size %zu > %zu)",
			      off, s->size, buf->size);
	check_direction(buf, s, off);
	if (s->sg_nents && buf->type == BUF_SG && s->sg_nents != buf->sg_nents)
		dmaref_report(DMAREF_ERR_SYNC_WRONG_SG_COUNT, dev, s->call, buf,
			      off, s->size, s->dir,
			      "syncs DMA sg list with different entry count (mapped %d, synced %d)",
			      buf->sg_nents, s->sg_nents);
	if (s->to_cpu)
		/* TO_DEVICE memory was never written by the device: no invalidate. */
		dmaref_cache_for_cpu(buf, off, s->size, s->call, s->dir,
				     s->dir != DMA_TO_DEVICE);
	else
		dmaref_cache_for_device(buf, off, s->size, s->call, s->dir);
}

static void sync_one(struct device *dev, const struct sync_ref *s)
{
	dmaref_lock();
	if (dmaref_dev_valid(dev, s->call))
		sync_locked(dev, s);
	dmaref_unlock();
}

/*
 * The _range_ syncs name handle + offset: a sum that wraps would land on
 * some low buffer, so it is reported instead of looked up.
 */
static void sync_range(struct device *dev, dma_addr_t addr,
		       unsigned long offset, struct sync_ref *s)
{
	if (offset <= DMA_MAPPING_ERROR - addr) {
		s->addr = addr + offset;
		sync_one(dev, s);
		return;
	}
	dmaref_lock();
	if (dmaref_dev_valid(dev, s->call))
		dmaref_report(DMAREF_ERR_SYNC_NOT_ALLOCATED, dev, s->call, NULL,
			      offset, s->size, s->dir,
			      "tries to sync DMA memory it has not allocated (dma 0x%llx + offset %lu wraps)",
			      (unsigned long long)addr, offset);
	dmaref_unlock();
}

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	struct sync_ref s = {
		"dma_sync_single_for_cpu", addr, size, dir, true, 0,
	};

	sync_one(dev, &s);
}

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr,
				size_t size, enum dma_data_direction dir)
{
	struct sync_ref s = {
		"dma_sync_single_for_device", addr, size, dir, false, 0,
	};

	sync_one(dev, &s);
}

void dma_sync_single_range_for_cpu(struct device *dev, dma_addr_t addr,
				   unsigned long offset, size_t size,
				   enum dma_data_direction dir)
{
	struct sync_ref s = {
		"dma_sync_single_range_for_cpu", 0, size, dir, true, 0,
	};

	sync_range(dev, addr, offset, &s);
}

void dma_sync_single_range_for_device(struct device *dev, dma_addr_t addr,
				      unsigned long offset, size_t size,
				      enum dma_data_direction dir)
{
	struct sync_ref s = {
		"dma_sync_single_range_for_device", 0, size, dir, false, 0,
	};

	sync_range(dev, addr, offset, &s);
}

static void sync_sg(struct device *dev, struct scatterlist *sgl, int nelems,
		    enum dma_data_direction dir, bool to_cpu, const char *call)
{
	struct scatterlist *sg;
	int i;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call))
		goto out;
	if (!sgl || nelems <= 0) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      0, dir, "empty scatterlist");
		goto out;
	}
	for_each_sg(sgl, sg, nelems, i) {
		struct sync_ref s = {
			call, sg_dma_address(sg), sg->length, dir, to_cpu,
			nelems,
		};

		sync_locked(dev, &s);
	}
out:
	dmaref_unlock();
}

void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg,
			 int nelems, enum dma_data_direction dir)
{
	sync_sg(dev, sg, nelems, dir, true, "dma_sync_sg_for_cpu");
}

void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg,
			    int nelems, enum dma_data_direction dir)
{
	sync_sg(dev, sg, nelems, dir, false, "dma_sync_sg_for_device");
}

/*
 * An sg_table from dma_alloc_noncontiguous() is one buffer behind one DMA
 * segment; a mapped sg_table is one buffer per entry.
 */
static void sync_sgtable(struct device *dev, struct sg_table *sgt,
			 enum dma_data_direction dir, bool to_cpu,
			 const char *call)
{
	struct dmaref_buf *buf = NULL;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call))
		goto out;
	if (!sgt || !sgt->sgl) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      0, dir, "NULL sg_table");
		goto out;
	}
	buf = dmaref_buf_find_exact(dev, sg_dma_address(sgt->sgl));
	if (buf && buf->type == BUF_NONCONTIG) {
		struct sync_ref s = {
			call, buf->dma, buf->size, dir, to_cpu, 0,
		};

		sync_locked(dev, &s);
		goto out;
	}
	dmaref_unlock();
	sync_sg(dev, sgt->sgl, sgt->orig_nents, dir, to_cpu, call);
	return;
out:
	dmaref_unlock();
}

void dma_sync_sgtable_for_cpu(struct device *dev, struct sg_table *sgt,
			      enum dma_data_direction dir)
{
	sync_sgtable(dev, sgt, dir, true, "dma_sync_sgtable_for_cpu");
}

void dma_sync_sgtable_for_device(struct device *dev, struct sg_table *sgt,
				 enum dma_data_direction dir)
{
	sync_sgtable(dev, sgt, dir, false, "dma_sync_sgtable_for_device");
}

/*
 * 5.9's dma_cache_sync() on MIPS: always a for-device cache operation on a
 * CPU address range, chosen by the direction: TO_DEVICE writes back,
 * FROM_DEVICE invalidates (dirty CPU data is lost), BIDIRECTIONAL does
 * both.  A no-op on a coherent device.
 */
void dma_cache_sync(struct device *dev, void *vaddr, size_t size,
		    enum dma_data_direction dir)
{
	const char *call = "dma_cache_sync";
	struct dmaref_buf *buf;
	size_t off;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call) || !dmaref_check_dir(dev, call, dir) ||
	    !dmaref_check_size(dev, call, size))
		goto out;
	dmaref_cache_tick();
	if (dev->dmaref->coherent)
		goto out;
	buf = vaddr ? dmaref_buf_find_cpu(vaddr) : NULL;
	off = buf ? (u8 *)vaddr - (u8 *)buf->cpu : 0;
	if (!buf || buf->dev != dev || size > buf->span - off) {
		dmaref_report(DMAREF_ERR_CACHE_SYNC_UNKNOWN, dev, call, buf,
			      off, size, dir,
			      "dma_cache_sync() on memory [%p+%zu] that no allocation of this device holds",
			      vaddr, size);
		goto out;
	}
	if (dir != DMA_FROM_DEVICE)
		dmaref_cache_writeback(buf, off, size);
	if (dir != DMA_TO_DEVICE)
		dmaref_cache_invalidate(buf, off, size);
out:
	dmaref_unlock();
}
