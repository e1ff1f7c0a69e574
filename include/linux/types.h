/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel integer types.  gfp_t is __bitwise so that sparse rejects a gfp
 * passed where a direction is expected (and the other way round).
 */
#ifndef _DMAREF_LINUX_TYPES_H
#define _DMAREF_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/compiler.h>

/*
 * The kernel's spelling (64-bit is long long everywhere), which is also the
 * spelling of the host's <asm/types.h>: both headers may meet in one file.
 */
typedef unsigned char		__u8;
typedef unsigned short		__u16;
typedef unsigned int		__u32;
typedef unsigned long long	__u64;
typedef signed char		__s8;
typedef short			__s16;
typedef int			__s32;
typedef long long		__s64;

typedef __u8	u8;
typedef __u16	u16;
typedef __u32	u32;
typedef __u64	u64;
typedef __s8	s8;
typedef __s16	s16;
typedef __s32	s32;
typedef __s64	s64;

typedef __u16 __bitwise __le16;
typedef __u16 __bitwise __be16;
typedef __u32 __bitwise __le32;
typedef __u32 __bitwise __be32;
typedef __u64 __bitwise __le64;
typedef __u64 __bitwise __be64;

/* Bus addresses are 64-bit whatever the host, as on LPAE/64-bit kernels. */
typedef u64 dma_addr_t;
typedef u64 phys_addr_t;
typedef u64 resource_size_t;

typedef unsigned int __bitwise gfp_t;

typedef struct {
	int counter;
} atomic_t;

struct list_head {
	struct list_head *next, *prev;
};

#endif /* _DMAREF_LINUX_TYPES_H */
