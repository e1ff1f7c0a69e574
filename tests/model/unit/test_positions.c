// SPDX-License-Identifier: GPL-2.0
/*
 * _for_cpu or _for_device by position (tests/model/drivers/position.c
 * and friends), and spatch's positions of the sites.
 */
#include "unit.h"

static struct unit *pos(void)
{
	static const char *const files[] = { "position.c", NULL };

	return unit_load("position", files, false);
}

static void device_start_follows(void **state)
{
	const struct plan_site *s = unit_site(pos(), "pos_kick_then_read", "dma_cache_sync");

	/* writel() comes before the read: the device is next */
	assert_str(s->fn, "dma_sync_single_for_device");
	assert_null(s->doubt);
}

static void cpu_read_follows_in_a_loop(void **state)
{
	const struct plan_site *s = unit_site(pos(), "pos_read_in_loop", "dma_cache_sync");

	/* the read at the top of the loop comes round after the site */
	assert_str(s->fn, "dma_sync_single_for_cpu");
}

static void helper_callers_disagree(void **state)
{
	const struct plan_site *s = unit_site(pos(), "pos_sync", "dma_cache_sync");

	assert_int_equal(s->action, ACT_LEAVE);
	assert_str(s->category, "position");
}

static void helper_decided_by_its_callers(void **state)
{
	static const char *const files[] = { "ring.c", NULL };
	struct unit *u = unit_load("ring", files, false);

	/* ring_sync_desc() says nothing; after its call in ring_start() comes writel() */
	assert_str(unit_site(u, "ring_sync_desc", "dma_cache_sync")->fn,
		   "dma_sync_single_for_device");
	assert_str(unit_site(u, "ring_rx", "dma_cache_sync")->fn, "dma_sync_single_for_cpu");
}

static void nothing_tells_default_and_doubt(void **state)
{
	const struct plan_site *s = unit_site(pos(), "pos_quiet", "dma_cache_sync");

	assert_str(s->fn, "dma_sync_single_for_device");
	assert_non_null(s->doubt);
}

static void to_device_nothing_follows(void **state)
{
	static const char *const files[] = { "rules.c", NULL };
	const struct plan_site *s = unit_site(unit_load("rules", files, false), "rule_local",
					      "dma_cache_sync");

	/* DMA_TO_DEVICE hands the buffer to the device wherever it is: no doubt */
	assert_str(s->fn, "dma_sync_single_for_device");
	assert_null(s->doubt);
}

static void to_device_then_own_read(void **state)
{
	const struct plan_site *s = unit_site(pos(), "pos_write_then_read_own", "dma_cache_sync");

	/* the read after a DMA_TO_DEVICE sync is of the CPU's own data */
	assert_str(s->fn, "dma_sync_single_for_device");
	assert_null(s->doubt);
}

static void macro_uses_disagree(void **state)
{
	const struct plan_site *s = unit_site(pos(), "pos_macro_uses", "dma_cache_sync");

	/* one place in the #define, two uses: device next, then CPU next */
	assert_non_null(s);
	assert_int_equal(s->uses, 2);
	assert_int_equal(s->action, ACT_LEAVE);
	assert_str(s->category, "macro-disagree");
	assert_str(s->pos.macro, "POS_FLUSH");
}

static void spatch_columns(void **state)
{
	static const char *const files[] = { "ring.c", NULL };
	struct unit *u = unit_load("ring", files, false);
	const struct plan_site *s = unit_site(u, "ring_rx", "dma_cache_sync");
	const struct plan_site *a = unit_site(u, "ring_probe", "dma_alloc_attrs");

	/* "\tdma_cache_sync(": the name at byte 1 (sparse says column 9) */
	assert_int_equal(s->pos.line, 53);
	assert_int_equal(s->pos.column, 1);
	/* "\trp->block = dma_alloc_attrs(": byte 13 */
	assert_int_equal(a->pos.line, 63);
	assert_int_equal(a->pos.column, 13);
	assert_non_null(strstr(a->pos.file, "tests/model/drivers/ring.c"));
}

TEST_LIST(position_tests,
	cmocka_unit_test(device_start_follows),
	cmocka_unit_test(cpu_read_follows_in_a_loop),
	cmocka_unit_test(helper_callers_disagree),
	cmocka_unit_test(helper_decided_by_its_callers),
	cmocka_unit_test(nothing_tells_default_and_doubt),
	cmocka_unit_test(to_device_nothing_follows),
	cmocka_unit_test(to_device_then_own_read),
	cmocka_unit_test(macro_uses_disagree),
	cmocka_unit_test(spatch_columns),
);
