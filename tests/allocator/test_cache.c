// SPDX-License-Identifier: GPL-2.0
/*
 * The non-coherent cache model: views differ until the right sync, syncs
 * work on whole cache lines, coherent devices see one view, and seeded
 * eviction writes dirty lines back at random moments.
 */
#include "helpers.h"

static u8 *cpu;
static dma_addr_t dma;

#define SIZE	(2 * PAGE_SIZE)

static int setup(void **state)
{
	setup_device(state);
	cpu = dma_alloc_noncoherent(dev, SIZE, &dma, DMA_BIDIRECTIONAL, GFP_KERNEL);
	assert_non_null(cpu);
	return 0;
}

static int teardown(void **state)
{
	dma_free_noncoherent(dev, SIZE, cpu, dma, DMA_BIDIRECTIONAL);
	return teardown_device(state);
}

static void device_sees_cpu_stores_only_after_for_device(void **state)
{
	char out[8];

	memcpy(cpu, "fresh", 6);
	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	assert_int_equal(dmaref_device_read(dev, dma, out, 6), 0);
	assert_string_equal(out, "fresh");
	assert_no_report();
}

static void missing_for_device_shows_stale_data(void **state)
{
	char out[8];

	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	dma_sync_single_for_cpu(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	memcpy(cpu, "fresh", 6);
	/* No _for_device: memory still holds the zeroes. */
	assert_int_equal(dmaref_device_read(dev, dma, out, 6), 0);
	assert_int_equal(out[0], 0);
	assert_only_report(DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED);
}

static void cpu_sees_device_writes_only_after_for_cpu(void **state)
{
	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	assert_int_equal(dmaref_device_write(dev, dma + 100, "dev", 4), 0);
	assert_int_equal(cpu[100], 0);		/* stale: still cached */
	dma_sync_single_for_cpu(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	assert_string_equal((char *)cpu + 100, "dev");
	assert_no_report();
}

static void partial_syncs_work_on_whole_lines(void **state)
{
	int line = 64;

	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	dmaref_device_write(dev, dma + 2 * line, "A", 1);
	dmaref_device_write(dev, dma + 3 * line, "B", 1);
	/* Syncing bytes 130..131 invalidates the whole third line only. */
	dma_sync_single_range_for_cpu(dev, dma, 2 * line + 2, 2, DMA_BIDIRECTIONAL);
	assert_int_equal(cpu[2 * line], 'A');
	assert_int_equal(cpu[3 * line], 0);
	assert_no_report();
}

static void invalidate_discards_dirty_lines(void **state)
{
	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	cpu[10] = 'x';			/* a store into a device-owned line */
	dma_sync_single_for_cpu(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	assert_int_equal(cpu[10], 0);	/* lost, as on real hardware */
	assert_only_report(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED);
	assert_int_equal(seen.r[0].offset, 10);
	assert_non_null(strstr(seen.r[0].message, "dma_alloc_noncoherent"));
	assert_non_null(strstr(seen.r[0].message, "dma_sync_single_for_cpu"));
	assert_non_null(strstr(seen.r[0].message, "DMA_BIDIRECTIONAL"));
}

static void clean_lines_are_not_written_back(void **state)
{
	char out[4];

	/* A second hand-off must not put the CPU's stale line over data. */
	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	dmaref_device_write(dev, dma + 256, "dev", 4);
	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	dmaref_device_read(dev, dma + 256, out, 4);
	assert_string_equal(out, "dev");
	dma_sync_single_for_cpu(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	assert_string_equal((char *)cpu + 256, "dev");
	assert_no_report();
}

static void device_writes_to_cpu_owned_lines_survive_like_hardware(void **state)
{
	char out[4];

	/* Reported, but a clean CPU line is still not written back over it. */
	dmaref_device_write(dev, dma + 512, "bad", 4);
	assert_only_report(DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED);
	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	dmaref_device_read(dev, dma + 512, out, 4);
	assert_string_equal(out, "bad");
	/* While a dirty line elsewhere still goes out. */
	dma_sync_single_for_cpu(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	cpu[1024] = 'c';
	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	dmaref_device_read(dev, dma + 1024, out, 1);
	assert_int_equal(out[0], 'c');
}

static void to_device_buffer_written_by_the_device(void **state)
{
	dma_addr_t h;
	struct page *pg = dma_alloc_pages(dev, PAGE_SIZE, &h, DMA_TO_DEVICE,
					  GFP_KERNEL);
	char out[4];

	dma_sync_single_for_device(dev, h, PAGE_SIZE, DMA_TO_DEVICE);
	dmaref_device_write(dev, h, "odd", 4);	/* allowed, if unusual */
	dma_sync_single_for_cpu(dev, h, PAGE_SIZE, DMA_TO_DEVICE);
	dma_sync_single_for_device(dev, h, PAGE_SIZE, DMA_TO_DEVICE);
	dmaref_device_read(dev, h, out, 4);
	assert_string_equal(out, "odd");	/* no invalidate, no write back */
	dma_free_pages(dev, PAGE_SIZE, pg, h, DMA_TO_DEVICE);
	assert_no_report();
}

static void unaligned_mappings_work_line_by_line(void **state)
{
	u8 *host = malloc(1000);
	dma_addr_t h;
	char out[8];

	memset(host, 0, 1000);
	memcpy(host + 3, "start", 6);
	/* 3 bytes in: lines do not start at the buffer's start. */
	h = dma_map_single(dev, host + 3, 900, DMA_BIDIRECTIONAL);
	assert_false(dma_mapping_error(dev, h));
	dmaref_device_read(dev, h, out, 6);
	assert_string_equal(out, "start");
	dmaref_device_write(dev, h + 500, "end", 4);
	host[3 + 700] = 'x';			/* a store while the device owns it */
	dma_sync_single_for_cpu(dev, h, 900, DMA_BIDIRECTIONAL);
	assert_string_equal((char *)host + 503, "end");
	assert_int_equal(host[703], 0);		/* the store was lost */
	assert_only_report(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED);
	assert_int_equal(seen.r[0].offset, 700);
	seen_reset();
	memcpy(host + 3 + 100, "cpu", 4);
	dma_sync_single_range_for_device(dev, h, 100, 4, DMA_BIDIRECTIONAL);
	dmaref_device_read(dev, h + 100, out, 4);
	assert_string_equal(out, "cpu");
	dma_unmap_single(dev, h, 900, DMA_BIDIRECTIONAL);
	assert_no_report();
	free(host);
}

static void coherent_device_has_one_view(void **state)
{
	struct device *coh = new_device("coherent", true, false, DMA_BIT_MASK(32));
	dma_addr_t h;
	u8 *p = dma_alloc_noncoherent(coh, PAGE_SIZE, &h, DMA_FROM_DEVICE,
				      GFP_KERNEL);
	char out[4];

	assert_non_null(p);
	dma_sync_single_for_device(coh, h, PAGE_SIZE, DMA_FROM_DEVICE);
	dmaref_device_write(coh, h, "abc", 4);
	assert_string_equal((char *)p, "abc");	/* no sync needed to see it */
	dmaref_device_read(coh, h, out, 4);
	assert_string_equal(out, "abc");
	dma_sync_single_for_cpu(coh, h, PAGE_SIZE, DMA_FROM_DEVICE);
	assert_string_equal((char *)p, "abc");
	dma_free_noncoherent(coh, PAGE_SIZE, p, h, DMA_FROM_DEVICE);
	dmaref_device_free(coh);
	assert_no_report();
}

static void coherent_memory_needs_no_sync(void **state)
{
	dma_addr_t h;
	u8 *p = dma_alloc_coherent(dev, 256, &h, GFP_KERNEL);
	char out[4];

	memcpy(p, "one", 4);
	dmaref_device_read(dev, h, out, 4);
	assert_string_equal(out, "one");
	dmaref_device_write(dev, h, "two", 4);
	assert_string_equal((char *)p, "two");
	dma_free_coherent(dev, 256, p, h);
	assert_no_report();
}

static void eviction_corrupts_device_data_and_is_reported(void **state)
{
	struct dmaref_machine_config cfg;
	struct device *d;
	u8 *p, out;
	dma_addr_t h;
	int i;

	teardown(state);
	dmaref_machine_default_config(&cfg);
	cfg.evict_seed = 42;
	cfg.evict_rate = 1000;		/* an eviction at every call */
	assert_int_equal(dmaref_machine_init(&cfg), 0);
	d = new_noncoherent();
	p = dma_alloc_noncoherent(d, PAGE_SIZE, &h, DMA_FROM_DEVICE, GFP_KERNEL);
	dma_sync_single_for_device(d, h, PAGE_SIZE, DMA_FROM_DEVICE);
	dmaref_device_write(d, h, "D", 1);
	p[0] = 'C';			/* the bug: a store while the device owns it */
	for (i = 0; i < 64; i++)
		dmaref_device_read(d, h, &out, 1);
	/* The dirty line went back over the device's data. */
	assert_int_equal(out, 'C');
	assert_int_equal(seen_class(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED), 1);
	assert_int_equal(seen.r[seen_find(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED)].offset, 0);
	dma_free_noncoherent(d, PAGE_SIZE, p, h, DMA_FROM_DEVICE);
	dmaref_device_free(d);
	setup(state);
}

static void evict_all_writes_back_every_dirty_line(void **state)
{
	char out[4];

	memcpy(cpu + PAGE_SIZE, "wb", 3);
	dmaref_cache_evict_all(dev);
	dma_sync_single_for_device(dev, dma, SIZE, DMA_BIDIRECTIONAL);
	dmaref_device_read(dev, dma + PAGE_SIZE, out, 3);
	assert_string_equal(out, "wb");
	assert_no_report();
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(device_sees_cpu_stores_only_after_for_device),
		T(missing_for_device_shows_stale_data),
		T(cpu_sees_device_writes_only_after_for_cpu),
		T(partial_syncs_work_on_whole_lines),
		T(invalidate_discards_dirty_lines),
		T(clean_lines_are_not_written_back),
		T(device_writes_to_cpu_owned_lines_survive_like_hardware),
		T(to_device_buffer_written_by_the_device),
		T(unaligned_mappings_work_line_by_line),
		T(coherent_device_has_one_view),
		T(coherent_memory_needs_no_sync),
		T(eviction_corrupts_device_data_and_is_reported),
		T(evict_all_writes_back_every_dirty_line),
	};

	return cmocka_run_group_tests_name("cache", tests, NULL, NULL);
}
