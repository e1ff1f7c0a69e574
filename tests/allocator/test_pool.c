// SPDX-License-Identifier: GPL-2.0
/* Coherent pools: per device (no fallback) and the global atomic pool. */
#include "helpers.h"

static void device_pool_serves_and_does_not_fall_back(void **state)
{
	struct dmaref_device_config cfg = {
		.name = "pooled", .dma_mask = DMA_BIT_MASK(32),
		.coherent_pool_size = 64 * 1024,
	};
	struct device *dev = dmaref_device_new(&cfg);
	dma_addr_t h[16], extra;
	void *buf[16];
	int i;

	assert_non_null(dev);
	for (i = 0; i < 16; i++) {
		buf[i] = dma_alloc_coherent(dev, PAGE_SIZE, &h[i], GFP_KERNEL);
		assert_non_null(buf[i]);
		if (i)
			assert_true(h[i] - h[0] < 64 * 1024);
	}
	/* Memory is plentiful, but a device pool never falls back. */
	assert_null(dma_alloc_coherent(dev, PAGE_SIZE, &extra, GFP_KERNEL));
	dma_free_coherent(dev, PAGE_SIZE, buf[3], h[3]);
	buf[3] = dma_alloc_coherent(dev, PAGE_SIZE, &h[3], GFP_KERNEL);
	assert_non_null(buf[3]);
	for (i = 0; i < 16; i++)
		dma_free_coherent(dev, PAGE_SIZE, buf[i], h[i]);
	dmaref_device_free(dev);
	assert_no_report();
}

static void atomic_coherent_memory_comes_from_the_global_pool(void **state)
{
	struct device *dev = new_noncoherent();
	dma_addr_t h, h2;
	void *a = dma_alloc_coherent(dev, 8192, &h, GFP_ATOMIC);
	void *k = dma_alloc_coherent(dev, 8192, &h2, GFP_KERNEL);

	assert_non_null(a);
	assert_non_null(k);
	/* The global pool: the first MiB of ZONE_DMA32. */
	assert_true(h >= (16ULL << 20) && h < (17ULL << 20));
	assert_false(h2 >= (16ULL << 20) && h2 < (17ULL << 20));
	dma_free_coherent(dev, 8192, a, h);
	dma_free_coherent(dev, 8192, k, h2);
	dmaref_device_free(dev);
	assert_no_report();
}

static void coherent_devices_do_not_need_the_pool(void **state)
{
	struct device *dev = new_device("coh", true, false, DMA_BIT_MASK(32));
	dma_addr_t h;
	void *a = dma_alloc_coherent(dev, 8192, &h, GFP_ATOMIC);

	assert_non_null(a);
	assert_false(h >= (16ULL << 20) && h < (17ULL << 20));
	dma_free_coherent(dev, 8192, a, h);
	dmaref_device_free(dev);
	assert_no_report();
}

static void managed_memory_is_released_silently(void **state)
{
	struct device *dev = new_noncoherent();
	dma_addr_t h;
	void *keep = dmam_alloc_coherent(dev, 4096, &h, GFP_KERNEL);
	void *devm = devm_kzalloc(dev, 100, GFP_KERNEL);

	assert_non_null(keep);
	assert_non_null(devm);
	assert_int_equal(((u8 *)devm)[99], 0);
	dmaref_device_free(dev);	/* no leak report for dmam_/devm_ */
	assert_no_report();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(device_pool_serves_and_does_not_fall_back, setup_machine),
		cmocka_unit_test_setup(atomic_coherent_memory_comes_from_the_global_pool, setup_machine),
		cmocka_unit_test_setup(coherent_devices_do_not_need_the_pool, setup_machine),
		cmocka_unit_test_setup(managed_memory_is_released_silently, setup_machine),
	};

	return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
