/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The keyword filter: does a source use the DMA API removed in Linux
 * 5.10?  Picks the files to convert and the API view to check them with.
 */
#ifndef DMACONV_PIPELINE_LEGACY_H
#define DMACONV_PIPELINE_LEGACY_H

#include <stddef.h>

int text_uses_legacy_api(const char *text, size_t len);
int file_uses_legacy_api(const char *path);
int needs_legacy_view(const char *path);

#endif
