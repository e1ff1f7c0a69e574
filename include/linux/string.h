/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DMAREF_LINUX_STRING_H
#define _DMAREF_LINUX_STRING_H

#include <string.h>
#include <linux/types.h>

#endif /* _DMAREF_LINUX_STRING_H */
