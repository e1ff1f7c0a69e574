/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO accessors on `void __iomem *`.  In userspace the registers are plain
 * memory (see dmaref_iomem_alloc() in <dmaref/sim.h>); every write is then
 * reported to the simulator, so a simulated device can react to a doorbell
 * write the way hardware does.  The accessors are the one place where the
 * __iomem address space is dropped, with __force, as in the kernel.
 */
#ifndef _DMAREF_LINUX_IO_H
#define _DMAREF_LINUX_IO_H

#include <string.h>
#include <linux/types.h>
#include <linux/compiler.h>

/* Tells the simulator that @size bytes were written at @addr. */
void dmaref_mmio_written(volatile void __iomem *addr, unsigned int size);

#define dmaref_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

#define DMAREF_DEFINE_RAW_IO(bits, type)				\
static inline type __raw_read##bits(const volatile void __iomem *addr)	\
{									\
	return *(const volatile type __force *)addr;			\
}									\
static inline void __raw_write##bits(type val,				\
				     volatile void __iomem *addr)	\
{									\
	*(volatile type __force *)addr = val;				\
	dmaref_mmio_written(addr, sizeof(type));			\
}									\
static inline type read##bits(const volatile void __iomem *addr)	\
{									\
	type val = __raw_read##bits(addr);				\
									\
	dmaref_mb();							\
	return val;							\
}									\
static inline void write##bits(type val, volatile void __iomem *addr)	\
{									\
	/* Orders earlier stores to DMA memory before the MMIO write. */	\
	dmaref_mb();							\
	__raw_write##bits(val, addr);					\
}									\
static inline type read##bits##_relaxed(const volatile void __iomem *addr) \
{									\
	return __raw_read##bits(addr);					\
}									\
static inline void write##bits##_relaxed(type val,			\
					 volatile void __iomem *addr)	\
{									\
	__raw_write##bits(val, addr);					\
}

DMAREF_DEFINE_RAW_IO(b, u8)
DMAREF_DEFINE_RAW_IO(w, u16)
DMAREF_DEFINE_RAW_IO(l, u32)
DMAREF_DEFINE_RAW_IO(q, u64)

static inline unsigned int ioread8(const void __iomem *addr)
{
	return readb(addr);
}

static inline unsigned int ioread16(const void __iomem *addr)
{
	return readw(addr);
}

static inline unsigned int ioread32(const void __iomem *addr)
{
	return readl(addr);
}

static inline u64 ioread64(const void __iomem *addr)
{
	return readq(addr);
}

static inline void iowrite8(u8 val, void __iomem *addr)
{
	writeb(val, addr);
}

static inline void iowrite16(u16 val, void __iomem *addr)
{
	writew(val, addr);
}

static inline void iowrite32(u32 val, void __iomem *addr)
{
	writel(val, addr);
}

static inline void iowrite64(u64 val, void __iomem *addr)
{
	writeq(val, addr);
}

static inline void memcpy_fromio(void *dst, const volatile void __iomem *src,
				 size_t count)
{
	memcpy(dst, (const void __force *)src, count);
}

static inline void memcpy_toio(volatile void __iomem *dst, const void *src,
			       size_t count)
{
	memcpy((void __force *)dst, src, count);
	dmaref_mmio_written(dst, count);
}

static inline void memset_io(volatile void __iomem *dst, int c, size_t count)
{
	memset((void __force *)dst, c, count);
	dmaref_mmio_written(dst, count);
}

#define mb()	dmaref_mb()
#define rmb()	dmaref_mb()
#define wmb()	dmaref_mb()
#define dma_rmb()	dmaref_mb()
#define dma_wmb()	dmaref_mb()

#endif /* _DMAREF_LINUX_IO_H */
