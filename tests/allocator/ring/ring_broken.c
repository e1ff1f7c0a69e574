// SPDX-License-Identifier: GPL-2.0
/*
 * The converted driver with one sync removed: the transmit data is never
 * handed to the device with dma_sync_single_for_device().
 */
#define RING_BROKEN
#include "ring_converted.c"
