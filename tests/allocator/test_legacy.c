// SPDX-License-Identifier: GPL-2.0
/*
 * The 5.9 view: DMA_ATTR_NON_CONSISTENT memory, the 4-argument
 * dma_alloc_noncoherent() and dma_cache_sync() with MIPS semantics.
 */
#define DMAREF_API_5_9
#include "helpers.h"

static u8 *cpu;
static dma_addr_t dma;

static int setup(void **state)
{
	setup_device(state);
	cpu = dma_alloc_noncoherent(dev, PAGE_SIZE, &dma, GFP_KERNEL);
	assert_non_null(cpu);
	return 0;
}

static int teardown(void **state)
{
	dma_free_noncoherent(dev, PAGE_SIZE, cpu, dma);
	return teardown_device(state);
}

static void to_device_writes_back(void **state)
{
	char out[4];

	memcpy(cpu, "old", 4);
	dmaref_device_read(dev, dma, out, 4);
	assert_int_equal(out[0], 0);		/* not written back yet */
	dma_cache_sync(dev, cpu, 4, DMA_TO_DEVICE);
	dmaref_device_read(dev, dma, out, 4);
	assert_string_equal(out, "old");
	assert_no_report();			/* the old API has no owner */
}

static void from_device_invalidates(void **state)
{
	dmaref_device_write(dev, dma + 64, "hw", 3);
	assert_int_equal(cpu[64], 0);
	dma_cache_sync(dev, cpu + 64, 3, DMA_FROM_DEVICE);
	assert_string_equal((char *)cpu + 64, "hw");
	assert_no_report();
}

static void from_device_loses_dirty_cpu_data(void **state)
{
	/* MIPS invalidates whatever the direction asks: CPU stores vanish. */
	cpu[0] = 'c';
	dma_cache_sync(dev, cpu, 1, DMA_FROM_DEVICE);
	assert_int_equal(cpu[0], 0);
}

static void bidirectional_does_both(void **state)
{
	char out[2];

	cpu[0] = 'c';
	dmaref_device_write(dev, dma + 128, "d", 2);
	dma_cache_sync(dev, cpu, 256, DMA_BIDIRECTIONAL);
	dmaref_device_read(dev, dma, out, 1);
	assert_int_equal(out[0], 'c');
	assert_string_equal((char *)cpu + 128, "d");
}

static void non_consistent_attribute_is_the_same_memory(void **state)
{
	dma_addr_t h;
	u8 *p = dma_alloc_attrs(dev, 512, &h, GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	char out[2];

	assert_non_null(p);
	p[0] = 'n';
	dmaref_device_read(dev, h, out, 1);
	assert_int_equal(out[0], 0);
	dma_cache_sync(dev, p, 1, DMA_TO_DEVICE);
	dmaref_device_read(dev, h, out, 1);
	assert_int_equal(out[0], 'n');
	dma_free_attrs(dev, 512, p, h, DMA_ATTR_NON_CONSISTENT);
	assert_no_report();
}

static void coherent_device_ignores_cache_sync(void **state)
{
	struct device *coh = new_device("coh", true, false, DMA_BIT_MASK(32));
	dma_addr_t h;
	u8 *p = dma_alloc_noncoherent(coh, 64, &h, GFP_KERNEL);
	char out[2];

	p[0] = 'k';
	dmaref_device_read(coh, h, out, 1);
	assert_int_equal(out[0], 'k');
	dma_cache_sync(coh, p, 1, DMA_FROM_DEVICE);
	assert_int_equal(p[0], 'k');
	dma_free_noncoherent(coh, 64, p, h);
	dmaref_device_free(coh);
	assert_no_report();
}

static void cache_sync_on_unknown_memory_is_reported(void **state)
{
	char host[16];

	dma_cache_sync(dev, host, sizeof(host), DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_CACHE_SYNC_UNKNOWN);
	seen_reset();
	dma_cache_sync(dev, cpu + PAGE_SIZE - 8, 64, DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_CACHE_SYNC_UNKNOWN);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(to_device_writes_back),
		T(from_device_invalidates),
		T(from_device_loses_dirty_cpu_data),
		T(bidirectional_does_both),
		T(non_consistent_attribute_is_the_same_memory),
		T(coherent_device_ignores_cache_sync),
		T(cache_sync_on_unknown_memory_is_reported),
	};

	return cmocka_run_group_tests_name("legacy", tests, NULL, NULL);
}
