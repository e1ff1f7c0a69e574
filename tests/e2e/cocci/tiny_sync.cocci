// SPDX-License-Identifier: GPL-2.0
///
/// Test patch for dmaconv's end-to-end tests: turn a DMA_TO_DEVICE
/// dma_cache_sync() into dma_sync_single_for_device() on the same
/// arguments and report every DMA_FROM_DEVICE one as left for a human.
///
// Confidence: Low
// Options: --no-includes
// Keywords: dma_cache_sync

virtual patch
virtual context
virtual org
virtual report

@to_dev depends on patch@
expression D, P, S;
@@
- dma_cache_sync(D, P, S, DMA_TO_DEVICE)
+ dma_sync_single_for_device(D, P, S, DMA_TO_DEVICE)

@from_dev depends on report@
expression D, P, S;
position pos;
@@
 dma_cache_sync@pos(D, P, S, DMA_FROM_DEVICE)

@script:python depends on report@
pos << from_dev.pos;
@@
coccilib.report.print_report(pos[0], "tiny_sync: DMA_FROM_DEVICE: the position decides, convert by hand")
