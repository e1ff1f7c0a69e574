// SPDX-License-Identifier: GPL-2.0
/* A model test bus driver (written for the tests): non-coherent, syncs in its macros. */
#include "kstub.h"

#define DMA_WBACK(ndev, addr, len) \
	do { dma_cache_sync((ndev)->dev.parent, (void *)addr, len, DMA_TO_DEVICE); } while (0)

#define DMA_INV(ndev, addr, len) \
	do { dma_cache_sync((ndev)->dev.parent, (void *)addr, len, DMA_FROM_DEVICE); } while (0)

#include "lib596.c"

static void *lasi_entry[] __attribute__((used)) = { i596_probe };
