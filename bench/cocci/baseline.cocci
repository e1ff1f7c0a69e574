// SPDX-License-Identifier: GPL-2.0
///
/// Benchmark baseline for bench/cocci/bench.sh: one line that matches the
/// calls the patches of cocci/series start from, so spatch reads, filters
/// and parses the same files, with no analysis behind it.
///
// Confidence: High
// Options: --no-includes --include-headers
// Keywords: dma_alloc_noncoherent
//

virtual report

@depends on report@
@@
* \(dma_cache_sync\|dma_alloc_noncoherent\|dma_free_noncoherent\|DMA_ATTR_NON_CONSISTENT\)(...)
