// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario: the loopback NIC driver (ring/), legacy and converted, runs
 * correctly on non-coherent, coherent and IOMMU machines with no report;
 * the converted driver with one sync removed is caught both ways: the
 * hardware sends stale data, and the sanitizer names the buffer and call.
 */
#include "helpers.h"
#include "ring/ring.h"

#define PACKETS	20

struct machine {
	const char *name;
	bool coherent;
	bool iommu;
};

static const struct machine machines[] = {
	{ "non-coherent", false, false },
	{ "coherent", true, false },
	{ "iommu", false, true },
};

/* Sends PACKETS packets and returns how many came back intact. */
static int run_ring(const struct ring_driver *drv, const struct machine *m)
{
	struct device *dev = new_device(m->name, m->coherent, m->iommu,
					DMA_BIT_MASK(32));
	struct ring_hw *hw = ring_hw_new(dev);
	struct ring_priv *priv;
	u8 sent[RING_SLOT], got[RING_SLOT];
	int i, intact = 0;

	assert_non_null(hw);
	priv = drv->open(dev, ring_hw_regs(hw));
	assert_non_null(priv);
	for (i = 0; i < PACKETS; i++) {
		size_t len = 16 + (i * 37) % (RING_SLOT - 16);
		int n;

		memset(sent, 'a' + i % 26, len);
		snprintf((char *)sent, len, "packet %d via %s", i, drv->name);
		assert_int_equal(drv->send(priv, sent, len), 0);
		n = drv->receive(priv, got, sizeof(got));
		intact += n == (int)len && !memcmp(sent, got, len);
	}
	drv->close(priv);
	ring_hw_free(hw);
	dmaref_device_free(dev);
	return intact;
}

static void legacy_driver_works_everywhere(void **state)
{
	unsigned int m;

	for (m = 0; m < ARRAY_SIZE(machines); m++)
		assert_int_equal(run_ring(&ring_legacy, &machines[m]), PACKETS);
	assert_no_report();
}

static void converted_driver_works_everywhere(void **state)
{
	unsigned int m;

	for (m = 0; m < ARRAY_SIZE(machines); m++)
		assert_int_equal(run_ring(&ring_converted, &machines[m]), PACKETS);
	assert_no_report();
}

static void converted_driver_survives_random_eviction(void **state)
{
	struct dmaref_machine_config cfg;

	dmaref_machine_default_config(&cfg);
	cfg.evict_seed = 2024;
	cfg.evict_rate = 500;
	assert_int_equal(dmaref_machine_init(&cfg), 0);
	assert_int_equal(run_ring(&ring_converted, &machines[0]), PACKETS);
	assert_no_report();
}

static void missing_sync_shows_stale_data(void **state)
{
	/* The hardware reads memory the CPU never wrote back. */
	assert_int_equal(run_ring(&ring_broken, &machines[0]), 0);
}

static void missing_sync_is_reported(void **state)
{
	unsigned int i;

	run_ring(&ring_broken, &machines[0]);
	assert_int_equal(seen_class(DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED), seen.n);
	assert_true(seen.n >= PACKETS);
	i = seen_find(DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED);
	assert_non_null(strstr(seen.r[i].message, "dma_alloc_noncoherent"));
	assert_non_null(strstr(seen.r[i].message, "dmaref_device_read"));
	assert_int_equal(seen.r[i].offset, TX_SLOT_OFF(0));
}

static void coherent_hardware_hides_the_bug_but_not_from_the_sanitizer(void **state)
{
	/* One view: the data arrives, yet the hand-off rule was broken. */
	assert_int_equal(run_ring(&ring_broken, &machines[1]), PACKETS);
	assert_true(seen_class(DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED) >= PACKETS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(legacy_driver_works_everywhere, setup_machine),
		cmocka_unit_test_setup(converted_driver_works_everywhere, setup_machine),
		cmocka_unit_test_setup(converted_driver_survives_random_eviction, setup_machine),
		cmocka_unit_test_setup(missing_sync_shows_stale_data, setup_machine),
		cmocka_unit_test_setup(missing_sync_is_reported, setup_machine),
		cmocka_unit_test_setup(coherent_hardware_hides_the_bug_but_not_from_the_sanitizer, setup_machine),
	};

	return cmocka_run_group_tests_name("ring", tests, NULL, NULL);
}
