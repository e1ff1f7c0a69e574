/* SPDX-License-Identifier: GPL-2.0 */
/* Path names as text (nothing here touches the file system but path_abs). */
#ifndef DMACONV_UTIL_PATH_H
#define DMACONV_UTIL_PATH_H

char *path_join(const char *a, const char *b);
char *path_dir(const char *path);
const char *path_base(const char *path);
char *path_abs(const char *path);
char *path_clean(const char *p);
int path_is_source(const char *p);

#endif
