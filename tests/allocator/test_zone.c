// SPDX-License-Identifier: GPL-2.0
/* Zone choice from the DMA mask: every address handed out is reachable. */
#include "helpers.h"

static void check_mask(u64 mask, size_t size)
{
	struct device *dev = new_device("masked", false, false, mask);
	dma_addr_t h;
	void *c;
	struct page *p;

	c = dma_alloc_coherent(dev, size, &h, GFP_KERNEL);
	assert_non_null(c);
	assert_true(h + size - 1 <= mask);
	dma_free_coherent(dev, size, c, h);
	p = dma_alloc_pages(dev, size, &h, DMA_TO_DEVICE, GFP_KERNEL);
	assert_non_null(p);
	assert_true(h + size - 1 <= mask);
	dma_free_pages(dev, size, p, h, DMA_TO_DEVICE);
	dmaref_device_free(dev);
	assert_no_report();
}

static void isa_mask_gets_zone_dma(void **state)
{
	check_mask(DMA_BIT_MASK(24), PAGE_SIZE);
	check_mask(DMA_BIT_MASK(24), 64 * 1024);
}

static void odd_masks_fall_back_to_lower_zones(void **state)
{
	/* 28 bits: ZONE_DMA32 reaches above it, so lower blocks are picked. */
	check_mask(DMA_BIT_MASK(28), PAGE_SIZE);
	check_mask(DMA_BIT_MASK(30), 2 * 1024 * 1024);
}

static void wide_masks_may_use_high_memory(void **state)
{
	struct device *dev = new_device("wide", false, false, DMA_BIT_MASK(64));
	dma_addr_t h;
	struct page *p = dma_alloc_pages(dev, PAGE_SIZE, &h, DMA_BIDIRECTIONAL,
					 GFP_KERNEL);

	assert_non_null(p);
	assert_true(h >= (4ULL << 30));		/* ZONE_NORMAL first */
	dma_free_pages(dev, PAGE_SIZE, p, h, DMA_BIDIRECTIONAL);
	dmaref_device_free(dev);
	assert_no_report();
}

static void streaming_map_of_high_memory_bounces_under_the_mask(void **state)
{
	struct device *dev = new_device("isa", false, false, DMA_BIT_MASK(24));
	struct page *high = alloc_pages(GFP_KERNEL, 0);
	u8 *va = page_address(high), out[8];
	dma_addr_t h;

	assert_true(page_to_phys(high) >= (4ULL << 30));
	memcpy(va, "bounced", 8);
	h = dma_map_page(dev, high, 0, 8, DMA_TO_DEVICE);
	assert_false(dma_mapping_error(dev, h));
	assert_true(h + 7 <= DMA_BIT_MASK(24));
	assert_int_equal(dmaref_device_read(dev, h, out, 8), 0);
	assert_string_equal((char *)out, "bounced");
	dma_unmap_page(dev, h, 8, DMA_TO_DEVICE);
	__free_pages(high, 0);
	dmaref_device_free(dev);
	assert_no_report();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(isa_mask_gets_zone_dma, setup_machine),
		cmocka_unit_test_setup(odd_masks_fall_back_to_lower_zones, setup_machine),
		cmocka_unit_test_setup(wide_masks_may_use_high_memory, setup_machine),
		cmocka_unit_test_setup(streaming_map_of_high_memory_bounces_under_the_mask, setup_machine),
	};

	return cmocka_run_group_tests_name("zone", tests, NULL, NULL);
}
