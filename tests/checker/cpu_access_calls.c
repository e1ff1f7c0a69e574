/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Library calls that read or write a buffer with the CPU
 * (checker/api/cpu_access.def): a copy into a device-owned buffer is a
 * CPU store, a copy out of it a CPU load.
 */
#include <linux/dma-mapping.h>

struct sk_buff;
struct scatterlist;
unsigned long copy_to_user(void *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len);
void skb_copy_to_linear_data(struct sk_buff *skb, const void *from, unsigned int len);
size_t sg_copy_from_buffer(struct scatterlist *sgl, unsigned int nents,
			   const void *buf, size_t buflen);
size_t sg_copy_to_buffer(struct scatterlist *sgl, unsigned int nents,
			 void *buf, size_t buflen);

/*
 * One hand-off each: the device-owned checks report the first read and
 * the first write after a hand-off.
 */
#define HANDED_OVER(name, call)						\
static void name(struct device *dev, void *ubuf, struct sk_buff *skb,	\
		 struct scatterlist *sg)					\
{									\
	dma_addr_t h;							\
	char *buf = dma_alloc_noncoherent(dev, 256, &h, DMA_BIDIRECTIONAL, GFP_KERNEL); \
									\
	if (!buf)							\
		return;							\
	dma_sync_single_for_device(dev, h, 256, DMA_BIDIRECTIONAL);	\
	call;								\
	dma_sync_single_for_cpu(dev, h, 256, DMA_BIDIRECTIONAL);	\
	dma_free_noncoherent(dev, 256, buf, h, DMA_BIDIRECTIONAL);	\
}

HANDED_OVER(to_user, copy_to_user(ubuf, buf, 64))			/* expect: cpu-read-device-owned */
HANDED_OVER(from_user, copy_from_user(buf, ubuf, 64))			/* expect: cpu-write-device-owned */
HANDED_OVER(put_data, skb_put_data(skb, buf + 64, 64))			/* expect: cpu-read-device-owned */
HANDED_OVER(to_linear, skb_copy_to_linear_data(skb, buf + 128, 32))	/* expect: cpu-read-device-owned */
HANDED_OVER(sg_from, sg_copy_from_buffer(sg, 1, buf + 160, 32))	/* expect: cpu-read-device-owned */
HANDED_OVER(sg_to, sg_copy_to_buffer(sg, 1, buf + 192, 32))		/* expect: cpu-write-device-owned */

/* Near misses: the CPU took the buffer back first; the user side is not the buffer. */
static void taken_back(struct device *dev, void *ubuf, struct sk_buff *skb)
{
	dma_addr_t h;
	char *buf = dma_alloc_noncoherent(dev, 256, &h, DMA_BIDIRECTIONAL, GFP_KERNEL);

	if (!buf)
		return;
	dma_sync_single_for_device(dev, h, 256, DMA_BIDIRECTIONAL);
	dma_sync_single_for_cpu(dev, h, 256, DMA_BIDIRECTIONAL);
	copy_to_user(ubuf, buf, 64);
	copy_from_user(buf, ubuf, 64);
	skb_put_data(skb, buf, 64);
	dma_free_noncoherent(dev, 256, buf, h, DMA_BIDIRECTIONAL);
}

void use(struct device *dev, void *u, struct sk_buff *skb, struct scatterlist *sg);
void use(struct device *dev, void *u, struct sk_buff *skb, struct scatterlist *sg)
{
	to_user(dev, u, skb, sg);
	from_user(dev, u, skb, sg);
	put_data(dev, u, skb, sg);
	to_linear(dev, u, skb, sg);
	sg_from(dev, u, skb, sg);
	sg_to(dev, u, skb, sg);
	taken_back(dev, u, skb);
}
