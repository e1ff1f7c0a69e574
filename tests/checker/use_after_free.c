/* SPDX-License-Identifier: GPL-2.0 */
/* use-after-free: any use after the buffer was freed or unmapped. */
#include <linux/dma-mapping.h>

struct ctx {
	struct device *dev;
	u32 *buf;
	dma_addr_t buf_dma;
};

static void write_after_free(struct ctx *c)
{
	dma_free_noncoherent(c->dev, 64, c->buf, c->buf_dma, DMA_TO_DEVICE);
	c->buf[0] = 0;	/* expect: use-after-free */
}

static void double_free(struct device *dev)
{
	dma_addr_t h;
	void *p = dma_alloc_noncoherent(dev, 64, &h, DMA_TO_DEVICE, GFP_KERNEL);

	dma_free_noncoherent(dev, 64, p, h, DMA_TO_DEVICE);
	dma_free_noncoherent(dev, 64, p, h, DMA_TO_DEVICE);	/* expect: use-after-free */
}

static void sync_after_free(struct device *dev)
{
	dma_addr_t h;
	void *p = dma_alloc_noncoherent(dev, 64, &h, DMA_TO_DEVICE, GFP_KERNEL);

	dma_free_noncoherent(dev, 64, p, h, DMA_TO_DEVICE);
	dma_sync_single_for_device(dev, h, 64, DMA_TO_DEVICE);	/* expect: use-after-free */
}

static void sync_after_unmap(struct device *dev, void *frame)
{
	dma_addr_t h = dma_map_single(dev, frame, 64, DMA_FROM_DEVICE);

	dma_unmap_single(dev, h, 64, DMA_FROM_DEVICE);
	dma_sync_single_for_cpu(dev, h, 64, DMA_FROM_DEVICE);	/* expect: use-after-free */
}

/* Near misses: freed on the error path only, which returns; the CPU
 * may use its memory after the unmap; the field is reset after a free. */
static int free_on_error(struct ctx *c, int err)
{
	if (err) {
		dma_free_noncoherent(c->dev, 64, c->buf, c->buf_dma, DMA_TO_DEVICE);
		c->buf = NULL;
		return err;
	}
	c->buf[0] = 1;
	return 0;
}

static u8 read_after_unmap(struct device *dev, u8 *frame)
{
	dma_addr_t h = dma_map_single(dev, frame, 64, DMA_FROM_DEVICE);

	dma_unmap_single(dev, h, 64, DMA_FROM_DEVICE);
	return frame[0];
}

int use(struct ctx *c, u8 *frame, int err);
int use(struct ctx *c, u8 *frame, int err)
{
	c->buf = dma_alloc_noncoherent(c->dev, 64, &c->buf_dma, DMA_TO_DEVICE, GFP_KERNEL);
	write_after_free(c);
	double_free(c->dev);
	sync_after_free(c->dev);
	sync_after_unmap(c->dev, frame);
	return free_on_error(c, err) + read_after_unmap(c->dev, frame);
}
