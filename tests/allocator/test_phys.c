// SPDX-License-Identifier: GPL-2.0
/* Simulated physical memory: struct page, the CPU view and the zones. */
#include "helpers.h"

#include <linux/mm.h>

static void page_address_round_trip(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	u8 *va;

	assert_non_null(page);
	va = page_address(page);
	assert_non_null(va);
	assert_true(PAGE_ALIGNED(va));
	assert_ptr_equal(virt_to_page(va), page);
	assert_ptr_equal(virt_to_page(va + 3 * PAGE_SIZE + 17), page + 3);
	assert_ptr_equal(pfn_to_page(page_to_pfn(page)), page);
	assert_ptr_equal(phys_to_virt(page_to_phys(page)), va);
	assert_int_equal(virt_to_phys(va + 5), page_to_phys(page) + 5);
	__free_pages(page, 2);
}

static void host_pointers_have_no_page(void **state)
{
	int local = 0;
	static int global;

	assert_null(virt_to_page(&local));
	assert_null(virt_to_page(&global));
	assert_false(virt_addr_valid(&local));
	assert_null(page_address(NULL));
	assert_null(page_address((struct page *)&local));
	assert_null(pfn_to_page(0x7fffffffUL));	/* a hole between banks */
}

static void zones_sit_where_the_kernel_puts_them(void **state)
{
	struct page *dma = alloc_pages(GFP_KERNEL | __GFP_DMA, 0);
	struct page *dma32 = alloc_pages(GFP_KERNEL | __GFP_DMA32, 0);
	struct page *normal = alloc_pages(GFP_KERNEL, 0);

	assert_non_null(dma);
	assert_non_null(dma32);
	assert_non_null(normal);
	assert_true(page_to_phys(dma) < (16ULL << 20));
	assert_true(page_to_phys(dma32) >= (16ULL << 20));
	assert_true(page_to_phys(dma32) < (4ULL << 30));
	assert_true(page_to_phys(normal) >= (4ULL << 30));
	__free_pages(dma, 0);
	__free_pages(dma32, 0);
	__free_pages(normal, 0);
}

static void zeroed_pages_are_zero(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	u8 *va = page_address(page);
	unsigned int i;

	memset(va, 0xa5, PAGE_SIZE);
	__free_pages(page, 0);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	va = page_address(page);
	for (i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(va[i], 0);
	__free_pages(page, 0);
}

static void bad_layout_is_refused(void **state)
{
	struct dmaref_machine_config cfg;

	dmaref_machine_default_config(&cfg);
	cfg.dma_zone_size = 32UL << 20;		/* ZONE_DMA ends at 16 MiB */
	assert_int_equal(dmaref_machine_init(&cfg), -EINVAL);
	dmaref_machine_default_config(&cfg);
	cfg.normal_zone_size = 4096;		/* not whole 4 MiB blocks */
	assert_int_equal(dmaref_machine_init(&cfg), -EINVAL);
	fresh_machine();
}

static void eviction_seed_comes_from_the_environment(void **state)
{
	struct dmaref_machine_config cfg;

	setenv("DMAREF_EVICT_SEED", "77", 1);
	setenv("DMAREF_EVICT_RATE", "12", 1);
	dmaref_machine_default_config(&cfg);
	assert_int_equal(cfg.evict_seed, 77);
	assert_int_equal(cfg.evict_rate, 12);
	unsetenv("DMAREF_EVICT_SEED");
	unsetenv("DMAREF_EVICT_RATE");
	dmaref_machine_default_config(&cfg);
	assert_int_equal(cfg.evict_seed, 0);
	assert_int_equal(cfg.evict_rate, 250);
}

static void machine_is_busy_while_devices_live(void **state)
{
	struct device *dev = new_noncoherent();

	assert_int_equal(dmaref_machine_init(NULL), -EBUSY);
	dmaref_device_free(dev);
	assert_int_equal(dmaref_machine_init(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(page_address_round_trip, setup_machine),
		cmocka_unit_test_setup(host_pointers_have_no_page, setup_machine),
		cmocka_unit_test_setup(zones_sit_where_the_kernel_puts_them, setup_machine),
		cmocka_unit_test_setup(zeroed_pages_are_zero, setup_machine),
		cmocka_unit_test(bad_layout_is_refused),
		cmocka_unit_test_setup(machine_is_busy_while_devices_live, setup_machine),
		cmocka_unit_test(eviction_seed_comes_from_the_environment),
	};

	return cmocka_run_group_tests_name("phys", tests, NULL, NULL);
}
