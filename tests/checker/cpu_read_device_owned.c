/* SPDX-License-Identifier: GPL-2.0 */
/* cpu-read-device-owned: loads while the device owns the buffer. */
#include <linux/dma-mapping.h>

struct status {
	u32 done;
	u32 len;
};

/* Polls the status word the device writes, without taking it back. */
static int poll_without_sync(struct device *dev)
{
	dma_addr_t handle;
	struct status *st = dma_alloc_noncoherent(dev, sizeof(*st), &handle,
						  DMA_FROM_DEVICE, GFP_KERNEL);
	int done;

	if (!st)
		return -1;
	dma_sync_single_for_device(dev, handle, sizeof(*st), DMA_FROM_DEVICE);
	done = st->done;	/* expect: cpu-read-device-owned */
	dma_free_noncoherent(dev, sizeof(*st), st, handle, DMA_FROM_DEVICE);
	return done;
}

/* Near miss: _for_cpu first. */
static int poll_with_sync(struct device *dev)
{
	dma_addr_t handle;
	struct status *st = dma_alloc_noncoherent(dev, sizeof(*st), &handle,
						  DMA_FROM_DEVICE, GFP_KERNEL);
	int done;

	if (!st)
		return -1;
	dma_sync_single_for_device(dev, handle, sizeof(*st), DMA_FROM_DEVICE);
	dma_sync_single_for_cpu(dev, handle, sizeof(*st), DMA_FROM_DEVICE);
	done = st->done;
	dma_free_noncoherent(dev, sizeof(*st), st, handle, DMA_FROM_DEVICE);
	return done;
}

/* A mapped buffer read before the unmap; and after it, which is fine. */
static int read_mapped(struct device *dev, u8 *buf)
{
	dma_addr_t h = dma_map_single(dev, buf, 64, DMA_FROM_DEVICE);
	int first;

	if (dma_mapping_error(dev, h))
		return -1;
	first = buf[0];		/* expect: cpu-read-device-owned */
	dma_unmap_single(dev, h, 64, DMA_FROM_DEVICE);
	return first + buf[1];
}

/* A partial sync gives only its range to the device. */
static int partial_range(struct device *dev)
{
	dma_addr_t handle;
	u32 *w = dma_alloc_noncoherent(dev, 256, &handle, DMA_BIDIRECTIONAL,
				       GFP_KERNEL);
	int v;

	if (!w)
		return -1;
	dma_sync_single_for_device(dev, handle + 128, 128, DMA_BIDIRECTIONAL);
	v = w[0];		/* first half: still the CPU's */
	v += w[40];		/* expect: cpu-read-device-owned */
	dma_free_noncoherent(dev, 256, w, handle, DMA_BIDIRECTIONAL);
	return v;
}

int use_all(struct device *dev, u8 *buf);
int use_all(struct device *dev, u8 *buf)
{
	return poll_without_sync(dev) + poll_with_sync(dev) +
	       read_mapped(dev, buf) + partial_range(dev);
}
