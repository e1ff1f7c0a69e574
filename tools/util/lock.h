/* SPDX-License-Identifier: GPL-2.0 */
/* One dmaconv writing a tree at a time. */
#ifndef DMACONV_UTIL_LOCK_H
#define DMACONV_UTIL_LOCK_H

int tree_lock(const char *path);
void tree_lock_forget(void);

#endif
