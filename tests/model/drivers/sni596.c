// SPDX-License-Identifier: GPL-2.0
/* A model test bus driver (written for the tests): coherent, its cache macros do nothing. */
#include "kstub.h"

#define DMA_WBACK(ndev, addr, len) do { } while (0)
#define DMA_INV(ndev, addr, len) do { } while (0)

#include "lib596.c"

static void *sni_entry[] __attribute__((used)) = { i596_probe };
