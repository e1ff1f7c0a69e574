// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: libdmaref against the host's own primitives, measured in the
 * same run, printed as ratios (the targets in docs/performance-allocator.md
 * are about these ratios, never about absolute times).
 *
 *   alloc:  dma_alloc_pages + dma_free_pages vs posix_memalign + free
 *   sync:   dma_sync_single_for_device of 1 MiB vs memcpy of 1 MiB
 *   lookup: one debug lookup with 1,000 vs 100,000 live buffers
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/dma-mapping.h>
#include <dmaref/sim.h>
#include "internal.h"

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Keeps the compiler from dropping work whose result nobody reads. */
static volatile unsigned long sink;

/* Best of five runs of @iters iterations: the least disturbed figure. */
#define BEST_OF(iters, body) ({					\
	double best = 1e30;					\
	int run_;						\
	for (run_ = 0; run_ < 5; run_++) {			\
		double t0 = now_ns();				\
		long it_;					\
		for (it_ = 0; it_ < (iters); it_++)		\
			body;					\
		double per = (now_ns() - t0) / (iters);		\
		if (per < best)					\
			best = per;				\
	}							\
	best; })

static struct device *device(const char *name, bool coherent)
{
	struct dmaref_device_config cfg = {
		.name = name, .dma_mask = DMA_BIT_MASK(32), .coherent = coherent,
	};
	struct device *dev = dmaref_device_new(&cfg);

	if (!dev) {
		fprintf(stderr, "bench: cannot create device %s\n", name);
		exit(1);
	}
	return dev;
}

static void bench_alloc(struct device *dev, const char *what, size_t size,
			long iters)
{
	double ref, dma;
	dma_addr_t h;

	ref = BEST_OF(iters, {
		void *p;

		if (posix_memalign(&p, PAGE_SIZE, size))
			exit(1);
		sink += (unsigned long)p;
		free(p);
	});
	dma = BEST_OF(iters, {
		struct page *pg = dma_alloc_pages(dev, size, &h,
						  DMA_BIDIRECTIONAL, GFP_KERNEL);
		sink += (unsigned long)pg;
		dma_free_pages(dev, size, pg, h, DMA_BIDIRECTIONAL);
	});
	printf("alloc+free %-4s %-13s %9.0f ns   posix_memalign+free %9.0f ns   ratio %5.2fx  (target <= 3x)\n",
	       size >= (1 << 20) ? "1MiB" : "4KiB", what, dma, ref, dma / ref);
}

static void bench_zeroing_reference(size_t size, long iters)
{
	double ref = BEST_OF(iters, {
		void *p;

		if (posix_memalign(&p, PAGE_SIZE, size))
			exit(1);
		memset(p, 0, size);
		sink += *(volatile char *)p;
		free(p);
	});

	printf("   (reference: posix_memalign+memset(0)+free of %s %9.0f ns: dma_alloc_pages returns zeroed memory)\n",
	       size >= (1 << 20) ? "1MiB" : "4KiB", ref);
}

static void bench_sync(struct device *dev)
{
	size_t size = 1 << 20;
	dma_addr_t h;
	u8 *cpu = dma_alloc_noncoherent(dev, size, &h, DMA_TO_DEVICE, GFP_KERNEL);
	u8 *src = malloc(size), *dst = malloc(size);
	double copy, dirty = 1e30, clean;
	int i;

	memset(dst, 2, size);
	/* The same start for both: the CPU has just written the source. */
	copy = 1e30;
	for (i = 0; i < 50; i++) {
		double t0;

		memset(src, i, size);
		t0 = now_ns();
		memcpy(dst, src, size);
		sink += dst[size / 2];
		if (now_ns() - t0 < copy)
			copy = now_ns() - t0;
	}
	/* Worst case: the CPU rewrote the whole buffer since the last sync. */
	for (i = 0; i < 50; i++) {
		double t0;

		dma_sync_single_for_cpu(dev, h, size, DMA_TO_DEVICE);
		memset(cpu, i, size);
		t0 = now_ns();
		dma_sync_single_for_device(dev, h, size, DMA_TO_DEVICE);
		if (now_ns() - t0 < dirty)
			dirty = now_ns() - t0;
	}
	clean = BEST_OF(50, {
		dma_sync_single_for_device(dev, h, size, DMA_TO_DEVICE);
	});
	printf("sync_for_device 1MiB, all dirty %9.0f ns   memcpy 1MiB (source just written) %9.0f ns   bandwidth %4.2f of memcpy (target >= 0.5)\n",
	       dirty, copy, copy / dirty);
	printf("sync_for_device 1MiB, clean     %9.0f ns   bandwidth %4.2f of memcpy\n",
	       clean, copy / clean);
	dma_sync_single_for_cpu(dev, h, size, DMA_TO_DEVICE);
	dma_free_noncoherent(dev, size, cpu, h, DMA_TO_DEVICE);
	free(src);
	free(dst);
}

#define PIECE	512

/* Maps @n pieces of simulated memory; returns their handles. */
static dma_addr_t *map_many(struct device *dev, long n, struct page ***blocks,
			    long *nr_blocks)
{
	long per_block = (PAGE_SIZE << (MAX_ORDER - 1)) / PIECE, i;
	dma_addr_t *h = malloc(n * sizeof(*h));

	*nr_blocks = (n + per_block - 1) / per_block;
	*blocks = malloc(*nr_blocks * sizeof(**blocks));
	for (i = 0; i < *nr_blocks; i++)
		(*blocks)[i] = alloc_pages(GFP_KERNEL | __GFP_DMA32, MAX_ORDER - 1);
	for (i = 0; i < n; i++) {
		u8 *base = page_address((*blocks)[i / per_block]);

		h[i] = dma_map_single(dev, base + (i % per_block) * PIECE, PIECE,
				      DMA_TO_DEVICE);
		dma_mapping_error(dev, h[i]);
	}
	return h;
}

static double probes_per_lookup;
static double ring_cost;	/* lookups within 256 recently used buffers */
static double exact_cost;	/* lookups of a buffer's first byte */
static double exact_probes;

static double lookup_cost(struct device *dev, long n)
{
	struct page **blocks;
	long nr_blocks, i;
	dma_addr_t *h = map_many(dev, n, &blocks, &nr_blocks);
	unsigned long long x = 88172645463325252ULL;
	double cost;

	/* Random live buffers, at an offset inside them (the sync case). */
	dmaref_lock();
	dmaref_debug_probes = 0;
	cost = BEST_OF(200000, {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		sink += (unsigned long)dmaref_buf_find_contain(dev,
				h[x % n] + 100, 16);
	});
	probes_per_lookup = dmaref_debug_probes / (5.0 * 200000);
	/* Frees, unmaps and whole-buffer syncs name the first byte. */
	dmaref_debug_probes = 0;
	exact_cost = BEST_OF(200000, {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		sink += (unsigned long)dmaref_buf_find_exact(dev, h[x % n]);
	});
	exact_probes = dmaref_debug_probes / (5.0 * 200000);
	/* A driver's ring: the same 256 buffers again and again. */
	ring_cost = BEST_OF(200000, {
		sink += (unsigned long)dmaref_buf_find_contain(dev,
				h[(it_ * 97) % 256 * (n / 256)] + 100, 16);
	});
	dmaref_unlock();
	for (i = 0; i < n; i++)
		dma_unmap_single(dev, h[i], PIECE, DMA_TO_DEVICE);
	for (i = 0; i < nr_blocks; i++)
		__free_pages(blocks[i], MAX_ORDER - 1);
	free(blocks);
	free(h);
	return cost;
}

static void bench_lookup(struct device *dev)
{
	double small = lookup_cost(dev, 1000), small_probes, small_ring;
	double large, large_probes, large_ring, small_exact, small_eprobes;

	small_probes = probes_per_lookup;
	small_ring = ring_cost;
	small_exact = exact_cost;
	small_eprobes = exact_probes;
	large = lookup_cost(dev, 100000);
	large_probes = probes_per_lookup;
	large_ring = ring_cost;
	printf("debug lookup, 1k live buffers %6.1f ns   100k live buffers %6.1f ns   growth %4.2fx (target < 2x)\n",
	       small, large, large / small);
	printf("   (buffers examined per lookup: %.2f with 1k, %.2f with 100k: the work is constant, the rest is cache misses)\n",
	       small_probes, large_probes);
	printf("debug lookup, ring of 256 hot buffers among 1k %6.1f ns, among 100k %6.1f ns   growth %4.2fx\n",
	       small_ring, large_ring, large_ring / small_ring);
	printf("debug lookup of a buffer's first byte (free, unmap, whole sync), 1k %6.1f ns, 100k %6.1f ns   growth %4.2fx\n",
	       small_exact, exact_cost, exact_cost / small_exact);
	printf("   (buffers examined: %.2f with 1k, %.2f with 100k)\n",
	       small_eprobes, exact_probes);
}

int main(void)
{
	struct dmaref_machine_config cfg;
	struct device *nc, *coh;

	dmaref_machine_default_config(&cfg);
	cfg.evict_seed = 0;		/* eviction would only add noise */
	if (dmaref_machine_init(&cfg)) {
		fprintf(stderr, "bench: cannot boot the simulated machine\n");
		return 1;
	}
	nc = device("bench-noncoherent", false);
	coh = device("bench-coherent", true);
	printf("libdmaref benchmarks (ratios measured in this run)\n");
	bench_alloc(nc, "non-coherent", 4096, 20000);
	bench_alloc(coh, "coherent", 4096, 20000);
	bench_zeroing_reference(4096, 20000);
	bench_alloc(nc, "non-coherent", 1 << 20, 300);
	bench_alloc(coh, "coherent", 1 << 20, 300);
	bench_zeroing_reference(1 << 20, 300);
	bench_sync(nc);
	bench_lookup(coh);
	dmaref_device_free(nc);
	dmaref_device_free(coh);
	return dmaref_error_count() ? 1 : 0;
}
