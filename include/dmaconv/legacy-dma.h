/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DMA API that Linux 5.10 removed, declared again so that pre-5.10
 * driver code parses in a 5.10+ tree (for analysis: dmacheck, dmamodel,
 * dmaconv).  Force-include it after the tree's own flags:
 *
 *	dmacheck <kbuild flags> -include <this header> drv.c
 *
 * It declares dma_cache_sync() and DMA_ATTR_NON_CONSISTENT, and tells a
 * 4-argument dma_alloc_noncoherent()/dma_free_noncoherent() (the old
 * API) from a 5-argument one (the new) by counting the arguments: the
 * 4-argument call becomes __dmaconv_alloc_noncoherent4() or
 * __dmaconv_free_noncoherent4(), the 5-argument call still reaches the
 * tree's own function.  The functions are only declared: code built
 * with this header does not link, which is the point (nothing here may
 * run on a 5.10+ kernel).
 *
 * A tree that still has the old API (a 5.9 tree, or the project's
 * include/ with -DDMAREF_API_5_9) defines DMA_ATTR_NON_CONSISTENT: then
 * this header does nothing.
 */
#ifndef _DMACONV_LEGACY_DMA_H
#define _DMACONV_LEGACY_DMA_H

#include <linux/dma-mapping.h>

#ifndef DMA_ATTR_NON_CONSISTENT

/* Bit 3 is free in every attribute set since 5.10. */
#define DMA_ATTR_NON_CONSISTENT		(1UL << 3)

void dma_cache_sync(struct device *dev, void *vaddr, size_t size,
		    enum dma_data_direction direction);

void *__dmaconv_alloc_noncoherent4(struct device *dev, size_t size,
				   dma_addr_t *dma_handle, gfp_t gfp);
void __dmaconv_free_noncoherent4(struct device *dev, size_t size, void *vaddr,
				 dma_addr_t dma_handle);

/*
 * The argument count picks the function.  In the 5-argument case the
 * name comes out of its own macro's expansion, so the preprocessor does
 * not expand it again and the call reaches the tree's function.
 */
#define __dmaconv_nargs(...)	__dmaconv_nargs_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define __dmaconv_nargs_(a1, a2, a3, a4, a5, a6, n, ...)	n
#define __dmaconv_paste(a, b)	__dmaconv_paste_(a, b)
#define __dmaconv_paste_(a, b)	a##b

#define __dmaconv_alloc_noncoherent5	dma_alloc_noncoherent
#define __dmaconv_free_noncoherent5	dma_free_noncoherent

#define dma_alloc_noncoherent(...) \
	__dmaconv_paste(__dmaconv_alloc_noncoherent, __dmaconv_nargs(__VA_ARGS__))(__VA_ARGS__)
#define dma_free_noncoherent(...) \
	__dmaconv_paste(__dmaconv_free_noncoherent, __dmaconv_nargs(__VA_ARGS__))(__VA_ARGS__)

#endif /* DMA_ATTR_NON_CONSISTENT */
#endif /* _DMACONV_LEGACY_DMA_H */
