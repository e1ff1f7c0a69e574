/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error numbers.  The C library's <errno.h> itself includes <linux/errno.h>,
 * which finds this file first: so take the values from the host's uapi
 * <asm/errno.h> and add only the kernel-internal ones.
 */
#ifndef _DMAREF_LINUX_ERRNO_H
#define _DMAREF_LINUX_ERRNO_H

#include <asm/errno.h>

#ifndef ERESTARTSYS
# define ERESTARTSYS	512
#endif
#ifndef EPROBE_DEFER
# define EPROBE_DEFER	517
#endif
#ifndef ENOTSUPP
# define ENOTSUPP	524
#endif

#endif /* _DMAREF_LINUX_ERRNO_H */
