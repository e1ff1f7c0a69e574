/* SPDX-License-Identifier: GPL-2.0 */
/* Files and folders: reads, writes, copies, temporary folders, the walk. */
#ifndef DMACONV_UTIL_FS_H
#define DMACONV_UTIL_FS_H

#include <stddef.h>
#include "util/str.h"

int read_file(const char *path, struct strbuf *out);
int write_file(const char *path, const char *data, size_t len);
int copy_file(const char *from, const char *to);
int same_content(const char *a, const char *b);
int mkdir_p(const char *path);
int rm_rf(const char *path);
int is_dir(const char *path);
int is_file(const char *path);
char *make_tmpdir(const char *tag);
void remove_at_exit(const char *path);
int walk_sources(const char *dir, struct strlist *out);

#endif
