/* SPDX-License-Identifier: GPL-2.0 */
/* The everyday kernel helpers driver code expects, for userspace. */
#ifndef _DMAREF_LINUX_KERNEL_H
#define _DMAREF_LINUX_KERNEL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bits.h>
#include <linux/err.h>

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))

#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define ALIGN(x, a)		(((x) + ((__typeof__(x))(a) - 1)) & \
				 ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define round_up(x, y)		ALIGN(x, y)
#define round_down(x, y)	ALIGN_DOWN(x, y)

#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))

#define min(x, y) ({				\
	__typeof__(x) _min1 = (x);		\
	__typeof__(y) _min2 = (y);		\
	(void)(&_min1 == &_min2);		\
	_min1 < _min2 ? _min1 : _min2; })
#define max(x, y) ({				\
	__typeof__(x) _max1 = (x);		\
	__typeof__(y) _max2 = (y);		\
	(void)(&_max1 == &_max2);		\
	_max1 > _max2 ? _max1 : _max2; })
#define min_t(type, x, y) ({			\
	type _min1 = (x);			\
	type _min2 = (y);			\
	_min1 < _min2 ? _min1 : _min2; })
#define max_t(type, x, y) ({			\
	type _max1 = (x);			\
	type _max2 = (y);			\
	_max1 > _max2 ? _max1 : _max2; })
#define clamp(val, lo, hi)	min(max(val, lo), hi)

#ifndef offsetof
# define offsetof(type, member)	__builtin_offsetof(type, member)
#endif
#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)((char *)__mptr - offsetof(type, member))); })

#define KERN_EMERG	"<0>"
#define KERN_ALERT	"<1>"
#define KERN_CRIT	"<2>"
#define KERN_ERR	"<3>"
#define KERN_WARNING	"<4>"
#define KERN_NOTICE	"<5>"
#define KERN_INFO	"<6>"
#define KERN_DEBUG	"<7>"

#define printk(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_emerg(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#ifdef DEBUG
# define pr_debug(fmt, ...)	fprintf(stderr, fmt, ##__VA_ARGS__)
#else
/* Still type-checks the arguments, like the kernel's no_printk(). */
# define pr_debug(fmt, ...) \
	do { if (0) fprintf(stderr, fmt, ##__VA_ARGS__); } while (0)
#endif

#define BUG()		abort()
#define BUG_ON(cond)	do { if (unlikely(cond)) abort(); } while (0)
#define WARN_ON(cond) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		fprintf(stderr, "WARNING at %s:%d\n", __FILE__, __LINE__); \
	unlikely(__ret_warn); })
#define WARN_ON_ONCE(cond)	WARN_ON(cond)
#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		fprintf(stderr, fmt, ##__VA_ARGS__);			\
	unlikely(__ret_warn); })

/* Byte order: libdmaref runs on little-endian hosts only. */
#define cpu_to_le16(x)	((__force __le16)(u16)(x))
#define cpu_to_le32(x)	((__force __le32)(u32)(x))
#define cpu_to_le64(x)	((__force __le64)(u64)(x))
#define le16_to_cpu(x)	((__force u16)(__le16)(x))
#define le32_to_cpu(x)	((__force u32)(__le32)(x))
#define le64_to_cpu(x)	((__force u64)(__le64)(x))
#define cpu_to_be16(x)	((__force __be16)__builtin_bswap16(x))
#define cpu_to_be32(x)	((__force __be32)__builtin_bswap32(x))
#define cpu_to_be64(x)	((__force __be64)__builtin_bswap64(x))
#define be16_to_cpu(x)	__builtin_bswap16((__force u16)(__be16)(x))
#define be32_to_cpu(x)	__builtin_bswap32((__force u32)(__be32)(x))
#define be64_to_cpu(x)	__builtin_bswap64((__force u64)(__be64)(x))

#endif /* _DMAREF_LINUX_KERNEL_H */
