/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DMA API that Linux 5.10 removed, declared again so that pre-5.10
 * driver code parses in a 5.10+ tree (for analysis: dmacheck, dmamodel,
 * dmaconv).  Force-include it after the tree's own flags:
 *
 *	dmacheck <kbuild flags> -include <this header> drv.c
 *
 * It defines DMA_ATTR_NON_CONSISTENT and dma_cache_sync(), and tells a
 * 4-argument dma_alloc_noncoherent()/dma_free_noncoherent() (the old
 * API) from a 5-argument one (the new) by counting the arguments: the
 * 4-argument call becomes __dmaconv_alloc_noncoherent4() or
 * __dmaconv_free_noncoherent4(), the 5-argument call still reaches the
 * tree's own function.  The functions are only declared: code built
 * with this header does not link, which is the point (nothing here may
 * run on a 5.10+ kernel).
 *
 * It includes nothing and names no type of the tree: the old functions
 * are declared with C's own types (a struct device * converts to void *
 * without a word; the direction and gfp_t arguments go through "...",
 * so that no __bitwise type degrades).  sparse reads a force-included
 * header once, in a scope every file of the run shares: a header that
 * pulled in the tree's headers there, or declared a struct tag, would
 * leave that struct to be completed by the first file and defined again
 * by the second (the files of one driver unit are parsed in one run,
 * docs/model.md).
 *
 * A tree that still has the old API (up to 5.9) needs no such header,
 * and must not get it: its own declarations would conflict.  With the
 * project's include/ and -DDMAREF_API_5_9 it does nothing.
 */
#ifndef _DMACONV_LEGACY_DMA_H
#define _DMACONV_LEGACY_DMA_H

#ifndef DMAREF_API_5_9

/* Bit 3 is free in every attribute set since 5.10 (5.9 spells it so too). */
#define DMA_ATTR_NON_CONSISTENT		(1UL << 3)

void dma_cache_sync(void *dev, void *vaddr, unsigned long size, ...);

void *__dmaconv_alloc_noncoherent4(void *dev, unsigned long size, void *dma_handle, ...);
void __dmaconv_free_noncoherent4(void *dev, unsigned long size, void *vaddr, ...);

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

#endif /* DMAREF_API_5_9 */
#endif /* _DMACONV_LEGACY_DMA_H */
