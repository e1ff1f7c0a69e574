/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation flags.  The values are libdmaref's own; only the names and
 * their meaning follow the kernel.  The zone modifiers and __GFP_COMP make
 * dma_alloc_pages() and friends return NULL, as in the kernel: the DMA
 * allocator picks the zone from the device's mask itself.
 */
#ifndef _DMAREF_LINUX_GFP_H
#define _DMAREF_LINUX_GFP_H

#include <linux/types.h>

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_HIGH		0x20u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_COMP		0x40000u

#define __GFP_DMA		((__force gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM		((__force gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32		((__force gfp_t)___GFP_DMA32)
#define __GFP_IO		((__force gfp_t)___GFP_IO)
#define __GFP_FS		((__force gfp_t)___GFP_FS)
#define __GFP_ZERO		((__force gfp_t)___GFP_ZERO)
#define __GFP_DIRECT_RECLAIM	((__force gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM	((__force gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM	((__force gfp_t)(___GFP_DIRECT_RECLAIM | \
					 ___GFP_KSWAPD_RECLAIM))
#define __GFP_HIGH		((__force gfp_t)___GFP_HIGH)
#define __GFP_NOWARN		((__force gfp_t)___GFP_NOWARN)
#define __GFP_COMP		((__force gfp_t)___GFP_COMP)

#define GFP_ATOMIC	((__force gfp_t)(___GFP_HIGH | ___GFP_KSWAPD_RECLAIM))
#define GFP_KERNEL	((__force gfp_t)(___GFP_DIRECT_RECLAIM | \
					 ___GFP_KSWAPD_RECLAIM | \
					 ___GFP_IO | ___GFP_FS))
#define GFP_NOWAIT	((__force gfp_t)___GFP_KSWAPD_RECLAIM)
#define GFP_NOIO	((__force gfp_t)(___GFP_DIRECT_RECLAIM | \
					 ___GFP_KSWAPD_RECLAIM))
#define GFP_DMA		__GFP_DMA
#define GFP_DMA32	__GFP_DMA32

#endif /* _DMAREF_LINUX_GFP_H */
