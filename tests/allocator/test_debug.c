// SPDX-License-Identifier: GPL-2.0
/*
 * The dma-debug error classes: one test per class that must report, with
 * the correct call beside it that must stay quiet.
 */
#include "helpers.h"

#include <linux/slab.h>

static void free_with_wrong_size(void **state)
{
	dma_addr_t h;
	void *p = dma_alloc_coherent(dev, 4096, &h, GFP_KERNEL);

	dma_free_coherent(dev, 2048, p, h);
	assert_only_report(DMAREF_ERR_FREE_WRONG_SIZE);
	/* The memory really was freed: the second free is a double free. */
	seen_reset();
	dma_free_coherent(dev, 4096, p, h);
	assert_only_report(DMAREF_ERR_FREE_NOT_ALLOCATED);
}

static void free_with_wrong_function(void **state)
{
	dma_addr_t h;
	void *p = dma_alloc_coherent(dev, 4096, &h, GFP_KERNEL);

	dma_free_noncoherent(dev, 4096, p, h, DMA_BIDIRECTIONAL);
	assert_int_equal(seen_class(DMAREF_ERR_FREE_WRONG_FUNCTION), 1);
	assert_non_null(strstr(seen.r[0].message, "coherent"));
	assert_non_null(strstr(seen.r[0].message, "noncoherent"));
}

static void free_with_wrong_cpu_address(void **state)
{
	dma_addr_t h;
	u8 *p = dma_alloc_coherent(dev, 4096, &h, GFP_KERNEL);

	dma_free_coherent(dev, 4096, p + 8, h);
	assert_only_report(DMAREF_ERR_FREE_WRONG_CPU_ADDRESS);
}

static void free_with_wrong_direction(void **state)
{
	dma_addr_t h;
	struct page *pg = dma_alloc_pages(dev, 4096, &h, DMA_TO_DEVICE, GFP_KERNEL);

	dma_free_pages(dev, 4096, pg, h, DMA_FROM_DEVICE);
	assert_only_report(DMAREF_ERR_FREE_WRONG_DIRECTION);
}

static void free_of_an_invalid_address(void **state)
{
	dma_unmap_single(dev, DMA_MAPPING_ERROR, 64, DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_FREE_INVALID_ADDRESS);
}

static void unmap_without_checking_the_map_error(void **state)
{
	u8 *buf = kmalloc(256, GFP_KERNEL);
	dma_addr_t h = dma_map_single(dev, buf, 256, DMA_TO_DEVICE);

	dma_unmap_single(dev, h, 256, DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_MAP_ERROR_UNCHECKED);
	/* Near miss: checked, quiet. */
	seen_reset();
	h = dma_map_single(dev, buf, 256, DMA_TO_DEVICE);
	assert_false(dma_mapping_error(dev, h));
	dma_unmap_single(dev, h, 256, DMA_TO_DEVICE);
	assert_no_report();
	kfree(buf);
}

static void sg_unmap_with_a_different_count(void **state)
{
	struct scatterlist sg[3];
	struct page *pg = alloc_pages(GFP_KERNEL, 2);
	u8 *va = page_address(pg);
	int i;

	sg_init_table(sg, 3);
	for (i = 0; i < 3; i++)
		sg_set_buf(&sg[i], va + i * PAGE_SIZE, 512);
	assert_int_equal(dma_map_sg(dev, sg, 3, DMA_TO_DEVICE), 3);
	dma_sync_sg_for_device(dev, sg, 2, DMA_TO_DEVICE);
	assert_int_equal(seen_class(DMAREF_ERR_SYNC_WRONG_SG_COUNT), 2);
	seen_reset();
	dma_unmap_sg(dev, sg, 2, DMA_TO_DEVICE);
	assert_int_equal(seen_class(DMAREF_ERR_FREE_WRONG_SG_COUNT), 2);
	seen_reset();
	dma_unmap_sg(dev, &sg[2], 1, DMA_TO_DEVICE);
	assert_int_equal(seen_class(DMAREF_ERR_FREE_WRONG_SG_COUNT), 1);
	__free_pages(pg, 2);
}

static void sync_of_memory_never_allocated(void **state)
{
	dma_sync_single_for_cpu(dev, 0x12345000, 64, DMA_FROM_DEVICE);
	assert_only_report(DMAREF_ERR_SYNC_NOT_ALLOCATED);
}

static void sync_outside_the_range(void **state)
{
	dma_addr_t h;
	void *p = dma_alloc_noncoherent(dev, 1000, &h, DMA_BIDIRECTIONAL, GFP_KERNEL);

	dma_sync_single_range_for_device(dev, h, 900, 200, DMA_BIDIRECTIONAL);
	assert_only_report(DMAREF_ERR_SYNC_OUT_OF_RANGE);
	seen_reset();
	dma_sync_single_range_for_device(dev, h, 800, 200, DMA_BIDIRECTIONAL);
	assert_no_report();
	dma_sync_single_for_cpu(dev, h, 1000, DMA_BIDIRECTIONAL);
	dma_free_noncoherent(dev, 1000, p, h, DMA_BIDIRECTIONAL);
	assert_no_report();
}

static void sync_direction_rules(void **state)
{
	dma_addr_t to, from, both;
	struct page *t = dma_alloc_pages(dev, 4096, &to, DMA_TO_DEVICE, GFP_KERNEL);
	struct page *f = dma_alloc_pages(dev, 4096, &from, DMA_FROM_DEVICE, GFP_KERNEL);
	struct page *b = dma_alloc_pages(dev, 4096, &both, DMA_BIDIRECTIONAL, GFP_KERNEL);

	/* Read-only memory (TO_DEVICE) synced for the CPU as FROM_DEVICE. */
	dma_sync_single_for_cpu(dev, to, 4096, DMA_FROM_DEVICE);
	assert_int_equal(seen_class(DMAREF_ERR_SYNC_WRONG_DIRECTION), 1);
	assert_int_equal(seen_class(DMAREF_ERR_SYNC_READ_ONLY_FOR_CPU), 1);
	seen_reset();
	/* Write-only memory (FROM_DEVICE) synced for the device as TO_DEVICE. */
	dma_sync_single_for_device(dev, from, 4096, DMA_TO_DEVICE);
	assert_int_equal(seen_class(DMAREF_ERR_SYNC_WRONG_DIRECTION), 1);
	assert_int_equal(seen_class(DMAREF_ERR_SYNC_WRITE_ONLY_FOR_DEVICE), 1);
	seen_reset();
	/* Near misses: matching directions, and anything on BIDIRECTIONAL. */
	dma_sync_single_for_device(dev, to, 4096, DMA_TO_DEVICE);
	dma_sync_single_for_cpu(dev, to, 4096, DMA_TO_DEVICE);
	dma_sync_single_for_device(dev, from, 4096, DMA_FROM_DEVICE);
	dma_sync_single_for_cpu(dev, from, 4096, DMA_FROM_DEVICE);
	dma_sync_single_for_device(dev, both, 4096, DMA_TO_DEVICE);
	dma_sync_single_for_cpu(dev, both, 4096, DMA_FROM_DEVICE);
	assert_no_report();
	dma_free_pages(dev, 4096, t, to, DMA_TO_DEVICE);
	dma_free_pages(dev, 4096, f, from, DMA_FROM_DEVICE);
	dma_free_pages(dev, 4096, b, both, DMA_BIDIRECTIONAL);
	assert_no_report();
}

static void map_from_the_stack(void **state)
{
	char frame[128];
	dma_addr_t h;

	memset(frame, 0, sizeof(frame));
	h = dma_map_single(dev, frame, sizeof(frame), DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_MAP_FROM_STACK);
	assert_false(dma_mapping_error(dev, h));
	dma_unmap_single(dev, h, sizeof(frame), DMA_TO_DEVICE);
}

static const char firmware[256] = "read-only image";

static void map_from_rodata(void **state)
{
	dma_addr_t h = dma_map_single(dev, (void *)firmware, sizeof(firmware),
				      DMA_TO_DEVICE);

	assert_only_report(DMAREF_ERR_MAP_FROM_RODATA);
	assert_false(dma_mapping_error(dev, h));
	dma_unmap_single(dev, h, sizeof(firmware), DMA_TO_DEVICE);
}

static void map_from_a_vmap(void **state)
{
	struct device *mmu = new_device("mmu", false, true, DMA_BIT_MASK(32));
	struct sg_table *sgt;
	u8 *va;
	dma_addr_t h;

	/* Fragmented: the pages are scattered, the vmap is a real one. */
	assert_true(dmaref_machine_fragment(0) > 0);
	sgt = dma_alloc_noncontiguous(mmu, 4 * PAGE_SIZE, DMA_TO_DEVICE,
				      GFP_KERNEL, 0);
	dmaref_machine_defragment();
	assert_non_null(sgt);
	va = dma_vmap_noncontiguous(mmu, 4 * PAGE_SIZE, sgt);
	assert_non_null(va);
	assert_no_report();
	h = dma_map_single(dev, va, 64, DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_MAP_FROM_VMAP);
	assert_false(dma_mapping_error(dev, h));
	dma_unmap_single(dev, h, 64, DMA_TO_DEVICE);
	dma_vunmap_noncontiguous(mmu, va);
	dma_free_noncontiguous(mmu, 4 * PAGE_SIZE, sgt, DMA_TO_DEVICE);
	dmaref_device_free(mmu);
}

static void overlapping_mappings(void **state)
{
	u8 *buf = kmalloc(4096, GFP_KERNEL);
	struct page *pg = alloc_pages(GFP_KERNEL | __GFP_DMA32, 0);
	dma_addr_t a, b;

	a = dma_map_page(dev, pg, 0, 256, DMA_TO_DEVICE);
	b = dma_map_page(dev, pg, 128, 256, DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_OVERLAPPING_CACHELINE);
	dma_mapping_error(dev, a);
	dma_mapping_error(dev, b);
	dma_unmap_page(dev, a, 256, DMA_TO_DEVICE);
	dma_unmap_page(dev, b, 256, DMA_TO_DEVICE);
	__free_pages(pg, 0);
	kfree(buf);
}

static void leaks_at_unbind(void **state)
{
	struct device *leaky = new_device("leaky", false, false, DMA_BIT_MASK(32));
	dma_addr_t h1, h2;

	assert_non_null(dma_alloc_coherent(leaky, 100, &h1, GFP_KERNEL));
	assert_non_null(dma_alloc_pages(leaky, 100, &h2, DMA_TO_DEVICE, GFP_KERNEL));
	dmaref_device_free(leaky);
	assert_int_equal(seen_class(DMAREF_ERR_LEAK), 2);
	assert_int_equal(seen.n, 2);
}

static void device_access_checks(void **state)
{
	struct device *narrow = new_device("narrow", false, false, DMA_BIT_MASK(24));
	char b[4];

	assert_int_equal(dmaref_device_read(narrow, 1ULL << 24, b, 4), -EFAULT);
	assert_only_report(DMAREF_ERR_DEVICE_UNREACHABLE);
	seen_reset();
	assert_int_equal(dmaref_device_write(narrow, 0x1000, b, 4), -ENOENT);
	assert_only_report(DMAREF_ERR_DEVICE_UNMAPPED);
	dmaref_device_free(narrow);
}

static void error_count_counts_every_report(void **state)
{
	unsigned long before = dmaref_error_count();

	dma_sync_single_for_cpu(dev, 0x1000, 4, DMA_TO_DEVICE);
	dma_unmap_single(dev, DMA_MAPPING_ERROR, 4, DMA_TO_DEVICE);
	assert_int_equal(dmaref_error_count(), before + 2);
	assert_true(dmaref_error_count_class(DMAREF_ERR_SYNC_NOT_ALLOCATED) >= 1);
	dmaref_error_count_reset();
	assert_int_equal(dmaref_error_count(), 0);
	assert_string_equal(dmaref_error_class_name(DMAREF_ERR_LEAK), "leak");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup_device, teardown_device)
	const struct CMUnitTest tests[] = {
		T(free_with_wrong_size),
		T(free_with_wrong_function),
		T(free_with_wrong_cpu_address),
		T(free_with_wrong_direction),
		T(free_of_an_invalid_address),
		T(unmap_without_checking_the_map_error),
		T(sg_unmap_with_a_different_count),
		T(sync_of_memory_never_allocated),
		T(sync_outside_the_range),
		T(sync_direction_rules),
		T(map_from_the_stack),
		T(map_from_rodata),
		T(map_from_a_vmap),
		T(overlapping_mappings),
		T(leaks_at_unbind),
		T(device_access_checks),
		T(error_count_counts_every_report),
	};

	return cmocka_run_group_tests_name("debug", tests, NULL, NULL);
}
