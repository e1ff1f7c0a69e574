/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the writers share: JSON text that is always valid (jsonw.c).
 */
#ifndef DMACHECK_OUTPUT_H
#define DMACHECK_OUTPUT_H

#include <stdio.h>

/*
 * @s as a JSON string, quotes included.  Control characters are escaped;
 * a byte that is not part of valid UTF-8 (a file name or a message in
 * another encoding) becomes U+FFFD, so the document stays valid JSON.
 */
void dmc_json_string(FILE *out, const char *s);
/* @s as the path of a file: URI's percent-encoding (every byte kept). */
void dmc_json_uri(FILE *out, const char *scheme, const char *path);

#endif /* DMACHECK_OUTPUT_H */
