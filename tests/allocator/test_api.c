// SPDX-License-Identifier: GPL-2.0
/*
 * The API boundary: the kernel's argument checks, size rounding, zeroed
 * memory, masks, and bad input (NULL device, size 0, bad direction, double
 * or foreign frees) giving a report and a defined return, never a crash.
 */
#include "helpers.h"

#include <linux/slab.h>

static void no_coherent_mask_gets_null(void **state)
{
	struct dmaref_device_config cfg = {
		.name = "nomask", .dma_mask = DMA_BIT_MASK(32),
		.no_coherent_mask = true,
	};
	struct device *d = dmaref_device_new(&cfg);
	dma_addr_t h;
	void *p;

	assert_null(dma_alloc_coherent(d, 64, &h, GFP_KERNEL));
	assert_int_equal(h, DMA_MAPPING_ERROR);
	assert_null(dma_alloc_pages(d, 64, &h, DMA_TO_DEVICE, GFP_KERNEL));
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 2);
	seen_reset();
	assert_int_equal(dma_set_coherent_mask(d, DMA_BIT_MASK(32)), 0);
	p = dma_alloc_noncoherent(d, 64, &h, DMA_TO_DEVICE, GFP_KERNEL);
	assert_non_null(p);
	dma_free_noncoherent(d, 64, p, h, DMA_TO_DEVICE);
	dmaref_device_free(d);
	assert_no_report();
}

static void zone_and_compound_flags_get_null(void **state)
{
	dma_addr_t h;
	void *c;

	assert_null(dma_alloc_pages(dev, 64, &h, DMA_TO_DEVICE, GFP_KERNEL | __GFP_DMA));
	assert_null(dma_alloc_noncoherent(dev, 64, &h, DMA_TO_DEVICE, GFP_KERNEL | __GFP_DMA32));
	assert_null(dma_alloc_noncontiguous(dev, 64, DMA_TO_DEVICE, GFP_KERNEL | __GFP_HIGHMEM, 0));
	assert_null(dma_alloc_pages(dev, 64, &h, DMA_TO_DEVICE, GFP_KERNEL | __GFP_COMP));
	assert_null(dma_alloc_coherent(dev, 64, &h, GFP_KERNEL | __GFP_COMP));
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 5);
	seen_reset();
	/* Coherent allocations drop zone modifiers instead. */
	c = dma_alloc_coherent(dev, 64, &h, GFP_KERNEL | __GFP_DMA);
	assert_non_null(c);
	dma_free_coherent(dev, 64, c, h);
	assert_no_report();
}

static void size_is_rounded_to_pages_and_memory_is_zeroed(void **state)
{
	dma_addr_t h;
	u8 *p = dma_alloc_noncoherent(dev, 10, &h, DMA_BIDIRECTIONAL, GFP_KERNEL);
	u8 tail;
	unsigned int i;

	assert_non_null(p);
	assert_int_equal(h % PAGE_SIZE, 0);
	for (i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(p[i], 0);
	memset(p, 0xff, PAGE_SIZE);	/* the whole page is the caller's */
	dma_sync_single_for_device(dev, h, 10, DMA_BIDIRECTIONAL);
	dma_sync_single_for_cpu(dev, h, 10, DMA_BIDIRECTIONAL);
	dma_free_noncoherent(dev, 10, p, h, DMA_BIDIRECTIONAL);
	/* Reallocated: zero again, in both views. */
	p = dma_alloc_noncoherent(dev, 10, &h, DMA_BIDIRECTIONAL, GFP_KERNEL);
	assert_int_equal(p[PAGE_SIZE - 1], 0);
	dma_sync_single_for_device(dev, h, 10, DMA_BIDIRECTIONAL);
	dmaref_device_read(dev, h + 9, &tail, 1);
	assert_int_equal(tail, 0);
	dma_sync_single_for_cpu(dev, h, 10, DMA_BIDIRECTIONAL);
	dma_free_noncoherent(dev, 10, p, h, DMA_BIDIRECTIONAL);
	assert_no_report();
}

static void null_device_is_reported(void **state)
{
	dma_addr_t h = 0;
	struct device fake = { .init_name = "fake" };

	assert_null(dma_alloc_coherent(NULL, 64, &h, GFP_KERNEL));
	assert_int_equal(dma_map_single(NULL, &h, 8, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	dma_sync_single_for_cpu(NULL, 0, 8, DMA_FROM_DEVICE);
	dma_free_coherent(NULL, 64, (void *)&h, 0);
	assert_int_equal(dmaref_device_read(NULL, 0, &h, 1), -EINVAL);
	assert_int_equal(dma_set_mask(NULL, DMA_BIT_MASK(32)), -EINVAL);
	assert_null(dma_alloc_pages(&fake, 64, &h, DMA_TO_DEVICE, GFP_KERNEL));
	dmaref_device_free(&fake);
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 8);
	assert_int_equal(seen.n, 8);
}

static void size_zero_is_reported(void **state)
{
	dma_addr_t h;
	u8 byte;

	assert_null(dma_alloc_coherent(dev, 0, &h, GFP_KERNEL));
	assert_null(dma_alloc_pages(dev, 0, &h, DMA_TO_DEVICE, GFP_KERNEL));
	assert_int_equal(dma_map_single(dev, &byte, 0, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 3);
	assert_int_equal(seen.n, 3);
}

static void invalid_direction_is_reported(void **state)
{
	dma_addr_t h;
	u8 *buf = kmalloc(64, GFP_KERNEL);
	struct page *pg;

	assert_null(dma_alloc_pages(dev, 64, &h, DMA_NONE, GFP_KERNEL));
	assert_null(dma_alloc_noncoherent(dev, 64, &h, (enum dma_data_direction)7, GFP_KERNEL));
	assert_int_equal(dma_map_single(dev, buf, 64, DMA_NONE), DMA_MAPPING_ERROR);
	pg = dma_alloc_pages(dev, 64, &h, DMA_TO_DEVICE, GFP_KERNEL);
	dma_sync_single_for_device(dev, h, 64, DMA_NONE);
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 4);
	assert_int_equal(seen.n, 4);
	dma_free_pages(dev, 64, pg, h, DMA_TO_DEVICE);
	kfree(buf);
}

static void double_and_foreign_frees_are_reported(void **state)
{
	dma_addr_t h;
	struct page *pg = dma_alloc_pages(dev, 8192, &h, DMA_TO_DEVICE, GFP_KERNEL);
	struct device *other = new_device("other", false, false, DMA_BIT_MASK(32));

	dma_free_pages(other, 8192, pg, h, DMA_TO_DEVICE);	/* foreign device */
	assert_only_report(DMAREF_ERR_FREE_NOT_ALLOCATED);
	seen_reset();
	dma_free_pages(dev, 8192, (struct page *)&h, h, DMA_TO_DEVICE);	/* foreign page */
	assert_only_report(DMAREF_ERR_FREE_WRONG_CPU_ADDRESS);
	seen_reset();
	dma_free_pages(dev, 8192, pg, h, DMA_TO_DEVICE);	/* double free */
	assert_only_report(DMAREF_ERR_FREE_NOT_ALLOCATED);
	seen_reset();
	dma_unmap_single(dev, 0xdead000, 16, DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_FREE_NOT_ALLOCATED);
	dmaref_device_free(other);
}

static void masks_are_checked(void **state)
{
	assert_int_equal(dma_set_mask(dev, DMA_BIT_MASK(16)), -EIO);
	assert_int_equal(dma_set_mask_and_coherent(dev, DMA_BIT_MASK(30)), 0);
	assert_int_equal(dma_get_mask(dev), DMA_BIT_MASK(30));
	assert_int_equal(*dev->dma_mask, DMA_BIT_MASK(30));
	assert_int_equal(dev->coherent_dma_mask, DMA_BIT_MASK(30));
	assert_int_equal(dma_get_cache_alignment(), 128);
	assert_true(dma_can_alloc_noncoherent(dev));
	assert_no_report();
}

static void kmalloc_memory_maps_like_swiotlb(void **state)
{
	u8 *buf = kmalloc(300, GFP_KERNEL);
	dma_addr_t h;
	char out[4];

	memcpy(buf, "tx!", 4);
	h = dma_map_single(dev, buf, 300, DMA_BIDIRECTIONAL);
	assert_false(dma_mapping_error(dev, h));
	dmaref_device_read(dev, h, out, 4);
	assert_string_equal(out, "tx!");
	dmaref_device_write(dev, h + 10, "rx", 3);
	dma_unmap_single(dev, h, 300, DMA_BIDIRECTIONAL);
	assert_string_equal((char *)buf + 10, "rx");
	kfree(buf);
	assert_no_report();
}

static void scatterlists_of_host_memory(void **state)
{
	struct scatterlist sg[2];
	u8 *a = kmalloc(100, GFP_KERNEL), *b = kzalloc(200, GFP_KERNEL);
	char out[4];

	memcpy(a, "sg0", 4);
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], a, 100);
	sg_set_buf(&sg[1], b, 200);
	assert_ptr_equal(sg_virt(&sg[0]), a);
	assert_int_equal(dma_map_sg(dev, sg, 2, DMA_BIDIRECTIONAL), 2);
	dmaref_device_read(dev, sg_dma_address(&sg[0]), out, 4);
	assert_string_equal(out, "sg0");
	dmaref_device_write(dev, sg_dma_address(&sg[1]) + 150, "sg1", 4);
	dma_sync_sg_for_cpu(dev, sg, 2, DMA_BIDIRECTIONAL);
	assert_string_equal((char *)b + 150, "sg1");
	dma_sync_sg_for_device(dev, sg, 2, DMA_BIDIRECTIONAL);
	dma_unmap_sg(dev, sg, 2, DMA_BIDIRECTIONAL);
	assert_no_report();
	/* An empty entry is reported and nothing stays mapped. */
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], a, 100);
	assert_int_equal(dma_map_sg(dev, sg, 2, DMA_TO_DEVICE), 0);
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	kfree(a);
	kfree(b);
}

/* Seeded garbage: every call gets a report or works; nothing crashes. */
#define LIVE	32

struct live {
	void *cpu;
	dma_addr_t h;
	size_t size;
	int kind;		/* 0 empty, 1 coherent, 2 noncoherent, 3 map */
};

static unsigned long long garbage_state = 1234567;

static unsigned long rnd(unsigned long n)
{
	garbage_state = garbage_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (garbage_state >> 33) % n;
}

static void garbage_step(struct device *d, struct live *l, u8 *host)
{
	static const size_t sizes[] = { 0, 1, 63, 4096, 5000, 1 << 20, 3 << 20 };
	enum dma_data_direction dir = rnd(5);
	size_t size = sizes[rnd(ARRAY_SIZE(sizes))];
	gfp_t gfp = rnd(4) ? GFP_KERNEL : (__force gfp_t)(u32)rnd(1 << 20);
	dma_addr_t any = rnd(2) ? l->h + rnd(8192) : (dma_addr_t)rnd(1UL << 33);
	u8 byte[16];

	switch (rnd(9)) {
	case 0:
		if (l->kind)
			break;
		l->cpu = dma_alloc_coherent(d, size, &l->h, gfp);
		l->size = size;
		l->kind = l->cpu ? 1 : 0;
		break;
	case 1:
		if (l->kind)
			break;
		l->cpu = dma_alloc_noncoherent(d, size, &l->h, dir, gfp);
		l->size = size;
		l->kind = l->cpu ? 2 : 0;
		break;
	case 2:
		if (l->kind)
			break;
		l->h = dma_map_single(d, host + rnd(64), size % 4000, dir);
		l->size = size % 4000;
		l->kind = l->h == DMA_MAPPING_ERROR ? 0 : 3;
		break;
	case 3:		/* frees with possibly wrong arguments, or twice */
		dma_free_coherent(d, rnd(2) ? l->size : size, l->cpu, l->h);
		l->kind = 0;
		break;
	case 4:
		dma_free_noncoherent(d, l->size, rnd(2) ? l->cpu : host, l->h, dir);
		l->kind = 0;
		break;
	case 5:
		dma_unmap_single(d, l->h, l->size, dir);
		l->kind = 0;
		break;
	case 6:
		dma_sync_single_for_cpu(d, any, size % 9000, dir);
		break;
	case 7:
		dma_sync_single_range_for_device(d, l->h, rnd(5000), size % 9000, dir);
		break;
	default:
		if (rnd(2))
			dmaref_device_read(d, any, byte, rnd(sizeof(byte)));
		else
			dmaref_device_write(d, any, byte, rnd(sizeof(byte)));
		break;
	}
}

static void count_only(const struct dmaref_report *r, void *arg)
{
	(*(unsigned long *)arg)++;
}

static void seeded_garbage_never_crashes(void **state)
{
	unsigned long reports = 0, before = dmaref_error_count();
	struct live live[LIVE] = { { 0 } };
	u8 *host = malloc(8192);
	struct device *mmu = new_device("mmu", false, true, DMA_BIT_MASK(32));
	int i;

	memset(host, 0x5a, 8192);
	dmaref_set_report_handler(count_only, &reports);
	for (i = 0; i < 20000; i++)
		garbage_step(rnd(2) ? dev : mmu, &live[rnd(LIVE)], host);
	dmaref_device_free(mmu);
	assert_true(reports > 100);
	/* Every report was delivered, however many one call raised. */
	assert_int_equal(reports, dmaref_error_count() - before);
	seen_reset();
	free(host);
}

static void bad_device_configs_are_refused(void **state)
{
	struct dmaref_device_config cfg = {
		.name = "bad", .dma_mask = DMA_BIT_MASK(12),
	};

	assert_null(dmaref_device_new(&cfg));
	cfg.dma_mask = DMA_BIT_MASK(32);
	cfg.cache_line = 48;
	assert_null(dmaref_device_new(&cfg));
	assert_null(dmaref_device_new(NULL));
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 3);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup_device, teardown_device)
	const struct CMUnitTest tests[] = {
		T(no_coherent_mask_gets_null),
		T(zone_and_compound_flags_get_null),
		T(size_is_rounded_to_pages_and_memory_is_zeroed),
		T(null_device_is_reported),
		T(size_zero_is_reported),
		T(invalid_direction_is_reported),
		T(double_and_foreign_frees_are_reported),
		T(masks_are_checked),
		T(kmalloc_memory_maps_like_swiotlb),
		T(scatterlists_of_host_memory),
		T(bad_device_configs_are_refused),
		T(seeded_garbage_never_crashes),
	};

	return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
