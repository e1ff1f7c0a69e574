/* SPDX-License-Identifier: GPL-2.0 */
/* A strict JSON checker (RFC 8259, UTF-8) for the fuzz target's outputs. */
#ifndef DMACHECK_FUZZ_JSONCHECK_H
#define DMACHECK_FUZZ_JSONCHECK_H

#include <stddef.h>

/* NULL if @text[0..@len) is one JSON document (and a newline); else why not. */
const char *json_check(const char *text, size_t len);

#endif
