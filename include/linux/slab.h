/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmalloc() and friends on the host heap.  Like the kernel's, every object
 * is aligned to a cache line (ARCH_DMA_MINALIGN), so a kmalloc'd buffer may
 * be handed to dma_map_single() without sharing a line with its neighbours.
 */
#ifndef _DMAREF_LINUX_SLAB_H
#define _DMAREF_LINUX_SLAB_H

#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <linux/gfp.h>

#define ARCH_DMA_MINALIGN	128
#define ARCH_KMALLOC_MINALIGN	ARCH_DMA_MINALIGN

static inline void *kmalloc(size_t size, gfp_t flags)
{
	size_t rounded = (size + ARCH_DMA_MINALIGN - 1) &
			 ~(size_t)(ARCH_DMA_MINALIGN - 1);
	void *p;

	/* A size that rounding would wrap gets NULL, as in the kernel. */
	if (!size || rounded < size)
		return NULL;
	/* posix_memalign: visible whatever -std the file is built with. */
	if (posix_memalign(&p, ARCH_DMA_MINALIGN, rounded))
		return NULL;
	if ((__force unsigned int)flags & (__force unsigned int)__GFP_ZERO)
		memset(p, 0, rounded);
	return p;
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kmalloc(n * size, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

#endif /* _DMAREF_LINUX_SLAB_H */
