// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated machine as a whole: its configuration, boot (memory, the
 * reserved areas, the page allocator), deliberate fragmentation and the
 * statistics tests look at.  Without an explicit dmaref_machine_init() the
 * first device boots the default machine.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool booted;
static struct dmaref_machine_config current;

/* Pages dmaref_machine_fragment() keeps allocated. */
static struct page **pinned;
static unsigned int *pinned_order;
static long nr_pinned, pinned_cap;

void dmaref_machine_default_config(struct dmaref_machine_config *cfg)
{
	const char *seed = getenv("DMAREF_EVICT_SEED");
	const char *rate = getenv("DMAREF_EVICT_RATE");

	if (!cfg) {
		dmaref_lock();
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, NULL,
			      "dmaref_machine_default_config", NULL, 0, 0,
			      DMA_NONE, "NULL configuration");
		dmaref_unlock();
		return;
	}
	memset(cfg, 0, sizeof(*cfg));
	cfg->dma_zone_size = 16UL << 20;
	cfg->dma32_zone_size = 240UL << 20;
	cfg->normal_zone_size = 256UL << 20;
	cfg->cma_size = 32UL << 20;
	cfg->global_pool_size = 1UL << 20;
	cfg->iova_base = 1UL << 20;
	cfg->evict_rate = 250;
	if (seed && *seed)
		cfg->evict_seed = strtoul(seed, NULL, 0);
	if (rate && *rate)
		cfg->evict_rate = strtoul(rate, NULL, 0);
}

static void defragment_locked(void);

static void shutdown_machine(void)
{
	defragment_locked();
	dmaref_global_pool_exit();
	dmaref_cma_exit();
	dmaref_phys_exit();
	booted = false;
}

static int boot(const struct dmaref_machine_config *cfg)
{
	int ret;

	ret = dmaref_debug_init();
	if (!ret)
		ret = dmaref_phys_init(cfg);
	if (ret)
		return ret;
	/* Reserve the areas first: the page allocator gets the rest. */
	ret = dmaref_cma_init(cfg->cma_size);
	if (!ret)
		ret = dmaref_global_pool_init(cfg->global_pool_size);
	if (!ret) {
		dmaref_zero_mark_all();		/* fresh host memory */
		ret = dmaref_zone_init();
	}
	if (ret) {
		shutdown_machine();
		return ret;
	}
	dmaref_cache_set_eviction(cfg->evict_seed, cfg->evict_rate);
	current = *cfg;
	booted = true;
	return 0;
}

int dmaref_machine_init(const struct dmaref_machine_config *cfg)
{
	struct dmaref_machine_config def;
	int ret;

	if (!cfg) {
		dmaref_machine_default_config(&def);
		cfg = &def;
	}
	dmaref_lock();
	if (dmaref_nr_devices) {
		dmaref_unlock();
		return -EBUSY;
	}
	if (booted)
		shutdown_machine();
	ret = boot(cfg);
	dmaref_unlock();
	return ret;
}

/*
 * Called with the lock held: boots the default machine if none is up.
 * Returns 0, or the boot's negative errno (a host short of memory): the
 * caller reports it and fails, nothing aborts.
 */
int dmaref_ensure_machine_locked(void)
{
	struct dmaref_machine_config def;

	if (booted)
		return 0;
	dmaref_machine_default_config(&def);
	return boot(&def);
}

int dmaref_ensure_machine(void)
{
	int ret;

	dmaref_lock();
	ret = dmaref_ensure_machine_locked();
	dmaref_unlock();
	return ret;
}

u64 dmaref_machine_iova_base(void)
{
	return current.iova_base;
}

static int pin(struct page *page, unsigned int order)
{
	if (nr_pinned == pinned_cap) {
		long cap = pinned_cap ? 2 * pinned_cap : 256;
		struct page **p = realloc(pinned, cap * sizeof(*p));
		unsigned int *o;

		if (!p)
			return -ENOMEM;
		pinned = p;
		o = realloc(pinned_order, cap * sizeof(*o));
		if (!o)
			return -ENOMEM;
		pinned_order = o;
		pinned_cap = cap;
	}
	pinned[nr_pinned] = page;
	pinned_order[nr_pinned++] = order;
	return 0;
}

/*
 * Takes every free block of order max_order + 1, gives back its lower half
 * and keeps the upper half: the halves given back cannot merge again, so
 * no free block exceeds 2^max_order pages while half the memory stays free.
 */
static long fragment_zone(struct dmaref_buddy *z, unsigned int max_order)
{
	unsigned int big = max_order + 1;
	long pages = 0;
	struct page *block;

	while ((block = dmaref_buddy_alloc(z, big))) {
		phys_addr_t upper = dmaref_page_phys(block) +
				    (PAGE_SIZE << max_order);

		dmaref_zero_take(dmaref_page_phys(block), PAGE_SIZE << big);
		if (pin(dmaref_phys_to_page(upper), max_order)) {
			dmaref_buddy_free(z, block, big);
			return -ENOMEM;
		}
		dmaref_buddy_free(z, block, max_order);
		pages += 1L << max_order;
	}
	return pages;
}

long dmaref_machine_fragment(unsigned int max_order)
{
	long total = 0, n;
	int z;

	if (max_order >= MAX_ORDER - 1)
		return -EINVAL;
	dmaref_lock();
	total = dmaref_ensure_machine_locked();
	if (total) {
		dmaref_unlock();
		return total;
	}
	dmaref_zone_drain();
	for (z = 0; z < DMAREF_NR_ZONES; z++) {
		n = fragment_zone(&dmaref_zones[z], max_order);
		if (n < 0) {
			total = n;
			break;
		}
		total += n;
	}
	dmaref_unlock();
	return total;
}

static void defragment_locked(void)
{
	long i;

	for (i = 0; i < nr_pinned; i++)
		dmaref_zone_free(pinned[i], pinned_order[i]);
	free(pinned);
	free(pinned_order);
	pinned = NULL;
	pinned_order = NULL;
	nr_pinned = pinned_cap = 0;
}

void dmaref_machine_defragment(void)
{
	dmaref_lock();
	defragment_locked();
	dmaref_unlock();
}

void dmaref_memory_stats(struct dmaref_memory_stats *st)
{
	int z;

	dmaref_lock();
	if (!st) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, NULL,
			      "dmaref_memory_stats", NULL, 0, 0, DMA_NONE,
			      "NULL statistics pointer");
		dmaref_unlock();
		return;
	}
	memset(st, 0, sizeof(*st));
	if (dmaref_ensure_machine_locked()) {
		dmaref_report(DMAREF_ERR_OUT_OF_MEMORY, NULL,
			      "dmaref_memory_stats", NULL, 0, 0, DMA_NONE,
			      "the default machine does not fit in host memory");
		dmaref_unlock();
		return;
	}
	dmaref_zone_drain();		/* exact figures: cached pages merge */
	for (z = 0; z < DMAREF_NR_ZONES; z++) {
		size_t largest = dmaref_buddy_largest(&dmaref_zones[z]);

		st->zone_free[z] = dmaref_zones[z].free_pages << PAGE_SHIFT;
		if (largest > st->largest_free_block)
			st->largest_free_block = largest;
	}
	dmaref_cma_stats(st);
	st->iova_allocs = dmaref_iova_allocs;
	dmaref_unlock();
}
