/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compiler annotations for driver code built in userspace against libdmaref.
 * Under sparse (__CHECKER__) they carry the same meaning as in the kernel,
 * so a gfp/direction swap or an MMIO pointer dereference is still caught.
 */
#ifndef _DMAREF_LINUX_COMPILER_H
#define _DMAREF_LINUX_COMPILER_H

#ifdef __CHECKER__
# define __bitwise	__attribute__((bitwise))
# define __force	__attribute__((force))
# define __iomem	__attribute__((noderef, address_space(__iomem)))
# define __user		__attribute__((noderef, address_space(__user)))
# define __kernel	__attribute__((address_space(0)))
# define __must_hold(x)	__attribute__((context(x, 1, 1)))
# define __acquires(x)	__attribute__((context(x, 0, 1)))
# define __releases(x)	__attribute__((context(x, 1, 0)))
#else
# define __bitwise
# define __force
# define __iomem
# define __user
# define __kernel
# define __must_hold(x)
# define __acquires(x)
# define __releases(x)
#endif

/* __always_inline, as glibc spells it (the kernel's own is the same). */
#include <sys/cdefs.h>
#define noinline		__attribute__((__noinline__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __cold			__attribute__((__cold__))
#define __init
#define __exit
#define __devinit

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

/* A compiler barrier: memory is not cached in registers across it. */
static inline void barrier(void)
{
	__asm__ __volatile__("" : : : "memory");
}

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))

#endif /* _DMAREF_LINUX_COMPILER_H */
