/* SPDX-License-Identifier: GPL-2.0 */
/* cpu-write-device-owned: stores while the device owns the buffer. */
#include <linux/dma-mapping.h>
#include <linux/io.h>

struct desc {
	u32 ctrl;
	u32 len;
	u64 addr;
};

/* A store after the hand-off, before taking the buffer back. */
static void fill_after_handoff(struct device *dev)
{
	dma_addr_t handle;
	struct desc *d = dma_alloc_noncoherent(dev, 4096, &handle,
					       DMA_BIDIRECTIONAL, GFP_KERNEL);

	if (!d)
		return;
	d->len = 64;
	dma_sync_single_for_device(dev, handle, 4096, DMA_BIDIRECTIONAL);
	d->ctrl = 1;	/* expect: cpu-write-device-owned */
	dma_free_noncoherent(dev, 4096, d, handle, DMA_BIDIRECTIONAL);
}

/* Near miss: taken back with _for_cpu before the store. */
static void fill_after_take_back(struct device *dev)
{
	dma_addr_t handle;
	struct desc *d = dma_alloc_noncoherent(dev, 4096, &handle,
					       DMA_BIDIRECTIONAL, GFP_KERNEL);

	if (!d)
		return;
	dma_sync_single_for_device(dev, handle, 4096, DMA_BIDIRECTIONAL);
	dma_sync_single_for_cpu(dev, handle, 4096, DMA_BIDIRECTIONAL);
	d->ctrl = 1;
	dma_free_noncoherent(dev, 4096, d, handle, DMA_BIDIRECTIONAL);
}

/* A streaming mapping: the device owns it until unmap. */
static void write_mapped(struct device *dev, char *buf)
{
	dma_addr_t h = dma_map_single(dev, buf, 256, DMA_TO_DEVICE);

	if (dma_mapping_error(dev, h))
		return;
	buf[3] = 0;	/* expect: cpu-write-device-owned */
	dma_unmap_single(dev, h, 256, DMA_TO_DEVICE);
	buf[3] = 1;
}

/* memset() stores too. */
static void clear_mapped(struct device *dev, char *buf)
{
	dma_addr_t h = dma_map_single(dev, buf, 256, DMA_FROM_DEVICE);

	memset(buf, 0, 16);	/* expect: cpu-write-device-owned */
	dma_unmap_single(dev, h, 256, DMA_FROM_DEVICE);
}

/* Near miss: a descriptor updated after the hand-off and synced again. */
static void update_and_resync(struct device *dev)
{
	dma_addr_t handle;
	u32 *p = dma_alloc_noncoherent(dev, 64, &handle, DMA_TO_DEVICE, GFP_KERNEL);

	if (!p)
		return;
	dma_sync_single_for_device(dev, handle, 64, DMA_TO_DEVICE);
	p[1] = 2;
	dma_sync_single_for_device(dev, handle, 64, DMA_TO_DEVICE);
	dma_free_noncoherent(dev, 64, p, handle, DMA_TO_DEVICE);
}

/* Writes on one path only after the hand-off: only that store warns. */
static void write_on_a_branch(struct device *dev, int flag)
{
	dma_addr_t handle;
	u32 *p = dma_alloc_noncoherent(dev, 64, &handle, DMA_TO_DEVICE, GFP_KERNEL);

	if (!p)
		return;
	p[0] = 1;
	if (flag) {
		dma_sync_single_for_device(dev, handle, 64, DMA_TO_DEVICE);
		p[1] = 2;	/* expect: cpu-write-device-owned */
	} else {
		p[1] = 3;
	}
	dma_free_noncoherent(dev, 64, p, handle, DMA_TO_DEVICE);
}

/* Coherent memory has no owner: no warning. */
static void coherent_is_fine(struct device *dev)
{
	dma_addr_t handle;
	u32 *p = dma_alloc_coherent(dev, 64, &handle, GFP_KERNEL);

	if (!p)
		return;
	p[0] = 1;
	dma_sync_single_for_device(dev, handle, 64, DMA_TO_DEVICE);
	p[0] = 2;
	dma_free_coherent(dev, 64, p, handle);
}

/* Silenced on the line before. */
static void silenced(struct device *dev, char *buf)
{
	dma_addr_t h = dma_map_single(dev, buf, 256, DMA_TO_DEVICE);

	/* dmacheck: ignore cpu-write-device-owned */
	buf[0] = 0;
	dma_unmap_single(dev, h, 256, DMA_TO_DEVICE);
}

void use_all(struct device *dev, char *buf, int flag);
void use_all(struct device *dev, char *buf, int flag)
{
	fill_after_handoff(dev);
	fill_after_take_back(dev);
	write_mapped(dev, buf);
	clear_mapped(dev, buf);
	update_and_resync(dev);
	write_on_a_branch(dev, flag);
	coherent_is_fine(dev);
	silenced(dev, buf);
}
