// SPDX-License-Identifier: GPL-2.0
/*
 * One-way buffers.  The device only reads DMA_TO_DEVICE memory, so the CPU
 * may refill a period it handed off without a _for_cpu first (the hal2
 * playback pattern); what breaks the rules is the device reading bytes
 * the CPU changed after the last _for_device.  Buffers the device writes
 * (BIDIRECTIONAL, FROM_DEVICE) keep the stricter rule: no CPU store while
 * the device owns a line.
 */
#include "helpers.h"

#define PERIOD	64		/* one cache line of the default machine */
#define SIZE	(4 * PERIOD)

static u8 *play;
static dma_addr_t play_dma;

static int setup(void **state)
{
	setup_device(state);
	play = dma_alloc_noncoherent(dev, SIZE, &play_dma, DMA_TO_DEVICE,
				     GFP_KERNEL);
	assert_non_null(play);
	return 0;
}

static int teardown(void **state)
{
	dma_free_noncoherent(dev, SIZE, play, play_dma, DMA_TO_DEVICE);
	return teardown_device(state);
}

/* Fills period @p with @c, hands it off and lets the device play it. */
static void play_period(unsigned int p, char c, u8 *out)
{
	memset(play + p * PERIOD, c, PERIOD);
	dma_sync_single_for_device(dev, play_dma + p * PERIOD, PERIOD,
				   DMA_TO_DEVICE);
	assert_int_equal(dmaref_device_read(dev, play_dma + p * PERIOD, out,
					    PERIOD), 0);
}

static void refill_after_device_read_is_not_reported(void **state)
{
	u8 out[PERIOD];
	unsigned int p;

	/* Two laps of the ring: the second refills handed-off periods. */
	for (p = 0; p < 8; p++) {
		play_period(p % 4, 'a' + p, out);
		assert_int_equal(out[0], 'a' + p);
		assert_int_equal(out[PERIOD - 1], 'a' + p);
	}
	assert_no_report();
}

static void evicted_refill_then_sync_is_not_reported(void **state)
{
	u8 out[PERIOD];

	play_period(1, 'a', out);
	memset(play + PERIOD, 'b', PERIOD);	/* refill, not yet synced */
	dmaref_cache_evict_all(dev);		/* the line leaves early */
	dma_sync_single_for_device(dev, play_dma + PERIOD, PERIOD,
				   DMA_TO_DEVICE);
	dmaref_device_read(dev, play_dma + PERIOD, out, PERIOD);
	assert_int_equal(out[0], 'b');
	assert_no_report();
}

static void device_reads_bytes_changed_after_hand_off(void **state)
{
	u8 out[PERIOD];

	play_period(2, 'a', out);
	play[2 * PERIOD + 10] = 'x';		/* after the hand-off... */
	play[2 * PERIOD + 11] = 'y';
	/* ...and read by the device with no _for_device since. */
	dmaref_device_read(dev, play_dma + 2 * PERIOD, out, PERIOD);
	assert_int_equal(out[10], 'a');		/* stale: still in the cache */
	assert_only_report(DMAREF_ERR_DEVICE_READ_UNSYNCED);
	assert_int_equal(seen.r[0].offset, 2 * PERIOD + 10);
	assert_string_equal(seen.r[0].call, "dmaref_device_read");
	assert_non_null(strstr(seen.r[0].message, "2 byte(s)"));
	assert_non_null(strstr(seen.r[0].message, "dma_alloc_noncoherent"));
	assert_non_null(strstr(seen.r[0].message, "DMA_TO_DEVICE"));
	assert_non_null(strstr(seen.r[0].message, "[device-read-unsynced]"));
}

static void evicted_change_is_a_torn_read(void **state)
{
	u8 out[PERIOD];

	play_period(3, 'a', out);
	play[3 * PERIOD + 40] = 'n';
	dmaref_cache_evict_all(dev);		/* memory gets the new byte */
	dmaref_device_read(dev, play_dma + 3 * PERIOD, out, PERIOD);
	assert_int_equal(out[40], 'n');
	assert_int_equal(out[39], 'a');		/* a mix of old and new */
	assert_only_report(DMAREF_ERR_DEVICE_READ_UNSYNCED);
	assert_int_equal(seen.r[0].offset, 3 * PERIOD + 40);
}

static void unchanged_bytes_of_a_changed_line_read_clean(void **state)
{
	u8 out[PERIOD];

	play_period(0, 'a', out);
	play[50] = 'z';
	/* The device reads bytes 0..31 only: none of them changed. */
	dmaref_device_read(dev, play_dma, out, 32);
	assert_int_equal(out[0], 'a');
	assert_no_report();
}

static void for_cpu_then_refill_is_not_reported(void **state)
{
	u8 out[PERIOD];

	/* The other legal way: take it back first (no invalidate). */
	play_period(0, 'a', out);
	dma_sync_single_for_cpu(dev, play_dma, PERIOD, DMA_TO_DEVICE);
	memset(play, 'c', PERIOD);
	dma_sync_single_for_device(dev, play_dma, PERIOD, DMA_TO_DEVICE);
	dmaref_device_read(dev, play_dma, out, PERIOD);
	assert_int_equal(out[5], 'c');
	assert_no_report();
}

static void streaming_map_on_coherent_device(void **state)
{
	struct device *coh = new_device("coh", true, false, DMA_BIT_MASK(32));
	u8 *host = calloc(1, PERIOD);
	u8 out[PERIOD];
	dma_addr_t h;

	/* One view: a store after the map is what the device reads. */
	h = dma_map_single(coh, host, PERIOD, DMA_TO_DEVICE);
	assert_false(dma_mapping_error(coh, h));
	host[7] = 'q';
	dmaref_device_read(coh, h, out, PERIOD);
	assert_int_equal(out[7], 'q');
	assert_only_report(DMAREF_ERR_DEVICE_READ_UNSYNCED);
	assert_int_equal(seen.r[0].offset, 7);
	seen_reset();
	dma_sync_single_for_device(coh, h, PERIOD, DMA_TO_DEVICE);
	dmaref_device_read(coh, h, out, PERIOD);
	dma_unmap_single(coh, h, PERIOD, DMA_TO_DEVICE);
	assert_no_report();
	dmaref_device_free(coh);
	free(host);
}

/* Memory the device writes keeps the rule: no store while it owns it. */
static void store_into_device_owned(enum dma_data_direction dir)
{
	dma_addr_t h;
	u8 *p = dma_alloc_noncoherent(dev, PERIOD, &h, dir, GFP_KERNEL);

	assert_non_null(p);
	dma_sync_single_for_device(dev, h, PERIOD, dir);
	p[20] = 'w';
	dma_sync_single_for_device(dev, h, PERIOD, dir);
	assert_only_report(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED);
	assert_int_equal(seen.r[0].offset, 20);
	dma_free_noncoherent(dev, PERIOD, p, h, dir);
}

static void bidirectional_store_is_still_reported(void **state)
{
	store_into_device_owned(DMA_BIDIRECTIONAL);
}

static void from_device_store_is_still_reported(void **state)
{
	store_into_device_owned(DMA_FROM_DEVICE);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(refill_after_device_read_is_not_reported),
		T(evicted_refill_then_sync_is_not_reported),
		T(device_reads_bytes_changed_after_hand_off),
		T(evicted_change_is_a_torn_read),
		T(unchanged_bytes_of_a_changed_line_read_clean),
		T(for_cpu_then_refill_is_not_reported),
		T(streaming_map_on_coherent_device),
		T(bidirectional_store_is_still_reported),
		T(from_device_store_is_still_reported),
	};

	return cmocka_run_group_tests_name("one_way", tests, NULL, NULL);
}
