// SPDX-License-Identifier: GPL-2.0
/* The page allocator: orders, alignment, merging, exhaustion, fragmenting. */
#include "helpers.h"

#include <linux/mm.h>

static void blocks_are_aligned_to_their_order(void **state)
{
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		assert_non_null(page);
		assert_int_equal(page_to_phys(page) % (PAGE_SIZE << order), 0);
		__free_pages(page, order);
	}
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
}

static void freeing_merges_buddies_back(void **state)
{
	struct dmaref_memory_stats before, during, after;
	struct page *pages[64];
	unsigned int i;

	dmaref_memory_stats(&before);
	for (i = 0; i < 64; i++)
		assert_non_null(pages[i] = alloc_pages(GFP_KERNEL | __GFP_DMA, 0));
	dmaref_memory_stats(&during);
	assert_int_equal(during.zone_free[0], before.zone_free[0] - 64 * PAGE_SIZE);
	for (i = 0; i < 64; i++)
		__free_pages(pages[i], 0);
	dmaref_memory_stats(&after);
	assert_int_equal(after.zone_free[0], before.zone_free[0]);
	assert_int_equal(after.largest_free_block, before.largest_free_block);
}

static void a_zone_runs_out(void **state)
{
	struct dmaref_machine_config cfg;
	struct page *big[4];
	unsigned int i;

	dmaref_machine_default_config(&cfg);
	cfg.dma_zone_size = 16UL << 20;
	cfg.evict_seed = 0;
	assert_int_equal(dmaref_machine_init(&cfg), 0);
	for (i = 0; i < 4; i++)
		assert_non_null(big[i] = alloc_pages(GFP_KERNEL | __GFP_DMA,
						     MAX_ORDER - 1));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_DMA, 0));
	__free_pages(big[2], MAX_ORDER - 1);
	assert_non_null(alloc_pages(GFP_KERNEL | __GFP_DMA, 0));
	fresh_machine();
}

static void fragmenting_caps_the_largest_block(void **state)
{
	struct dmaref_memory_stats st;
	long pinned;

	pinned = dmaref_machine_fragment(0);
	assert_true(pinned > 0);
	dmaref_memory_stats(&st);
	/* Half the memory is free, yet no two pages are adjacent. */
	assert_int_equal(st.largest_free_block, PAGE_SIZE);
	assert_true(st.zone_free[1] > (64UL << 20));
	assert_null(alloc_pages(GFP_KERNEL, 1));
	assert_non_null(alloc_pages(GFP_KERNEL, 0));
	dmaref_machine_defragment();
	dmaref_memory_stats(&st);
	assert_int_equal(st.largest_free_block, PAGE_SIZE << (MAX_ORDER - 1));
}

static void fragment_refuses_silly_orders(void **state)
{
	assert_int_equal(dmaref_machine_fragment(MAX_ORDER), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(blocks_are_aligned_to_their_order, setup_machine),
		cmocka_unit_test_setup(freeing_merges_buddies_back, setup_machine),
		cmocka_unit_test_setup(a_zone_runs_out, setup_machine),
		cmocka_unit_test_setup(fragmenting_caps_the_largest_block, setup_machine),
		cmocka_unit_test_setup(fragment_refuses_silly_orders, setup_machine),
	};

	return cmocka_run_group_tests_name("buddy", tests, NULL, NULL);
}
