// SPDX-License-Identifier: GPL-2.0
/*
 * IOMMU devices (seed 000): on a fragmented machine a large physically
 * contiguous buffer fails, while dma_alloc_noncontiguous() of the same size
 * succeeds on an IOMMU device: scattered pages, one contiguous DMA range.
 */
#include "helpers.h"

#define BIG	(1UL << 20)

static int setup(void **state)
{
	struct dmaref_machine_config cfg;

	/* No contiguous area: nothing rescues the contiguous request. */
	dmaref_machine_default_config(&cfg);
	cfg.cma_size = 0;
	cfg.evict_seed = 0;
	assert_int_equal(dmaref_machine_init(&cfg), 0);
	seen_reset();
	return 0;
}

static void fragmented_machine_needs_the_iommu(void **state)
{
	struct device *plain = new_device("plain", false, false, DMA_BIT_MASK(32));
	struct device *mmu = new_device("behind-iommu", false, true, DMA_BIT_MASK(32));
	struct sg_table *sgt;
	dma_addr_t h;

	assert_true(dmaref_machine_fragment(0) > 0);
	assert_null(dma_alloc_pages(plain, BIG, &h, DMA_BIDIRECTIONAL, GFP_KERNEL));
	assert_null(dma_alloc_noncontiguous(plain, BIG, DMA_BIDIRECTIONAL,
					    GFP_KERNEL, 0));
	sgt = dma_alloc_noncontiguous(mmu, BIG, DMA_BIDIRECTIONAL, GFP_KERNEL, 0);
	assert_non_null(sgt);
	assert_int_equal(sgt->nents, 1);
	assert_int_equal(sgt->orig_nents, BIG / PAGE_SIZE);
	assert_int_equal(sg_dma_len(sgt->sgl), BIG);
	assert_true(sg_dma_address(sgt->sgl) + BIG - 1 <= DMA_BIT_MASK(32));
	/* The pages really are scattered: no two neighbours are adjacent. */
	assert_int_not_equal(page_to_phys(sg_page(&sgt->sgl[1])),
			     page_to_phys(sg_page(&sgt->sgl[0])) + PAGE_SIZE);
	dma_free_noncontiguous(mmu, BIG, sgt, DMA_BIDIRECTIONAL);
	dmaref_machine_defragment();
	dmaref_device_free(plain);
	dmaref_device_free(mmu);
	assert_no_report();
}

static void one_dma_range_over_scattered_pages(void **state)
{
	struct device *mmu = new_device("mmu", false, true, DMA_BIT_MASK(32));
	struct sg_table *sgt;
	u8 *va, out[32];
	dma_addr_t h;

	assert_true(dmaref_machine_fragment(0) > 0);
	sgt = dma_alloc_noncontiguous(mmu, 4 * PAGE_SIZE, DMA_BIDIRECTIONAL,
				      GFP_KERNEL, 0);
	assert_non_null(sgt);
	va = dma_vmap_noncontiguous(mmu, 4 * PAGE_SIZE, sgt);
	assert_non_null(va);
	/* A CPU store across a page boundary, through the vmap... */
	memcpy(va + PAGE_SIZE - 8, "across-a-page-boundary", 23);
	dma_sync_sgtable_for_device(mmu, sgt, DMA_BIDIRECTIONAL);
	/* ...is one contiguous read for the device. */
	h = sg_dma_address(sgt->sgl);
	assert_int_equal(dmaref_device_read(mmu, h + PAGE_SIZE - 8, out, 23), 0);
	assert_string_equal((char *)out, "across-a-page-boundary");
	/* And a device write lands in the right scattered page. */
	assert_int_equal(dmaref_device_write(mmu, h + 3 * PAGE_SIZE, "tail", 5), 0);
	dma_sync_sgtable_for_cpu(mmu, sgt, DMA_BIDIRECTIONAL);
	assert_string_equal((char *)va + 3 * PAGE_SIZE, "tail");
	assert_string_equal((char *)page_address(sg_page(&sgt->sgl[3])), "tail");
	dma_vunmap_noncontiguous(mmu, va);
	dma_free_noncontiguous(mmu, 4 * PAGE_SIZE, sgt, DMA_BIDIRECTIONAL);
	dmaref_machine_defragment();
	dmaref_device_free(mmu);
	assert_no_report();
}

static void iova_addresses_stay_under_the_mask_and_are_reused(void **state)
{
	struct device *mmu = new_device("mmu24", false, true, DMA_BIT_MASK(28));
	dma_addr_t h[8], again;
	void *buf[8];
	int i;

	for (i = 0; i < 8; i++) {
		buf[i] = dma_alloc_coherent(mmu, 3 * PAGE_SIZE, &h[i], GFP_KERNEL);
		assert_non_null(buf[i]);
		assert_true(h[i] + 3 * PAGE_SIZE - 1 <= DMA_BIT_MASK(28));
	}
	for (i = 0; i < 8; i++)
		assert_int_not_equal(h[i], h[(i + 1) % 8]);
	dma_free_coherent(mmu, 3 * PAGE_SIZE, buf[4], h[4]);
	buf[4] = dma_alloc_coherent(mmu, 3 * PAGE_SIZE, &again, GFP_KERNEL);
	assert_int_equal(again, h[4]);	/* the freed range merged back */
	for (i = 0; i < 8; i++)
		dma_free_coherent(mmu, 3 * PAGE_SIZE, buf[i], i == 4 ? again : h[i]);
	dmaref_device_free(mmu);
	assert_no_report();
}

static void streaming_maps_of_host_memory_go_through_the_iommu(void **state)
{
	struct device *mmu = new_device("mmu", false, true, DMA_BIT_MASK(32));
	char *host = malloc(300);
	dma_addr_t h;
	char out[300];

	memset(host, 'x', 300);
	h = dma_map_single(mmu, host + 5, 290, DMA_TO_DEVICE);
	assert_false(dma_mapping_error(mmu, h));
	assert_int_equal(dmaref_device_read(mmu, h, out, 290), 0);
	assert_int_equal(out[289], 'x');
	assert_int_equal(dmaref_device_read(mmu, h + 290, out, 1), -ENOENT);
	assert_int_equal(seen_class(DMAREF_ERR_DEVICE_UNMAPPED), 1);
	dma_unmap_single(mmu, h, 290, DMA_TO_DEVICE);
	free(host);
	dmaref_device_free(mmu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(fragmented_machine_needs_the_iommu, setup),
		cmocka_unit_test_setup(one_dma_range_over_scattered_pages, setup),
		cmocka_unit_test_setup(iova_addresses_stay_under_the_mask_and_are_reused, setup),
		cmocka_unit_test_setup(streaming_maps_of_host_memory_go_through_the_iommu, setup),
	};

	return cmocka_run_group_tests_name("iova", tests, NULL, NULL);
}
