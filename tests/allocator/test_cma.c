// SPDX-License-Identifier: GPL-2.0
/*
 * The contiguous area (seed 001): large allocations come from it first,
 * and fall back to the page allocator when it is full; single pages never
 * use it.
 */
#include "helpers.h"

#define CMA_BASE	((256ULL << 20) - (32ULL << 20))	/* default layout */
#define CMA_END		(256ULL << 20)

static bool in_cma(dma_addr_t h)
{
	return h >= CMA_BASE && h < CMA_END;
}

static void large_allocations_come_from_the_area(void **state)
{
	struct device *dev = new_noncoherent();
	struct dmaref_memory_stats st;
	dma_addr_t h;
	void *buf = dma_alloc_coherent(dev, 1 << 20, &h, GFP_KERNEL);

	assert_non_null(buf);
	assert_true(in_cma(h));
	dmaref_memory_stats(&st);
	assert_int_equal(st.cma_allocs, 1);
	assert_int_equal(st.cma_free, (31UL << 20));
	dma_free_coherent(dev, 1 << 20, buf, h);
	dmaref_memory_stats(&st);
	assert_int_equal(st.cma_free, (32UL << 20));
	dmaref_device_free(dev);
	assert_no_report();
}

static void single_pages_skip_the_area(void **state)
{
	struct device *dev = new_noncoherent();
	dma_addr_t h;
	void *buf = dma_alloc_coherent(dev, 100, &h, GFP_KERNEL);

	assert_non_null(buf);
	assert_false(in_cma(h));
	dma_free_coherent(dev, 100, buf, h);
	dmaref_device_free(dev);
}

static void a_full_area_falls_back_to_the_page_allocator(void **state)
{
	struct device *dev = new_noncoherent();
	struct dmaref_memory_stats st;
	dma_addr_t h[9];
	void *buf[9];
	int i;

	/* 8 x 4 MiB fill the 32 MiB area; the ninth comes from the zones. */
	for (i = 0; i < 9; i++) {
		buf[i] = dma_alloc_coherent(dev, 4 << 20, &h[i], GFP_KERNEL);
		assert_non_null(buf[i]);
		assert_true(in_cma(h[i]) == (i < 8));
	}
	dmaref_memory_stats(&st);
	assert_int_equal(st.cma_allocs, 8);
	assert_int_equal(st.cma_fallbacks, 1);
	assert_int_equal(st.cma_free, 0);
	for (i = 0; i < 9; i++)
		dma_free_coherent(dev, 4 << 20, buf[i], h[i]);
	dmaref_device_free(dev);
	assert_no_report();
}

static void the_area_survives_fragmentation(void **state)
{
	struct device *dev = new_noncoherent();
	dma_addr_t h;
	struct page *p;

	assert_true(dmaref_machine_fragment(0) > 0);
	p = dma_alloc_pages(dev, 2 << 20, &h, DMA_FROM_DEVICE, GFP_KERNEL);
	assert_non_null(p);
	assert_true(in_cma(h));
	dma_free_pages(dev, 2 << 20, p, h, DMA_FROM_DEVICE);
	dmaref_machine_defragment();
	dmaref_device_free(dev);
	assert_no_report();
}

static void beyond_the_area_and_the_largest_block_fails(void **state)
{
	struct device *dev = new_noncoherent();
	dma_addr_t h;

	/* 64 MiB: larger than the area and than any buddy block. */
	assert_null(dma_alloc_coherent(dev, 64 << 20, &h, GFP_KERNEL));
	assert_int_equal(h, DMA_MAPPING_ERROR);
	dmaref_device_free(dev);
	assert_no_report();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(large_allocations_come_from_the_area, setup_machine),
		cmocka_unit_test_setup(single_pages_skip_the_area, setup_machine),
		cmocka_unit_test_setup(a_full_area_falls_back_to_the_page_allocator, setup_machine),
		cmocka_unit_test_setup(the_area_survives_fragmentation, setup_machine),
		cmocka_unit_test_setup(beyond_the_area_and_the_largest_block_fails, setup_machine),
	};

	return cmocka_run_group_tests_name("cma", tests, NULL, NULL);
}
