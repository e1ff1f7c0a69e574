/* SPDX-License-Identifier: GPL-2.0 */
/* File names in diff headers, quoted and unquoted the way git does. */
#ifndef DMACONV_UTIL_QUOTE_H
#define DMACONV_UTIL_QUOTE_H

#include <stddef.h>

char *quote_diff_name(const char *name);
char *unquote_c_style(const char *s, size_t n, const char **end);

#endif
