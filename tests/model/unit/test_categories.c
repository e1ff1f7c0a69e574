// SPDX-License-Identifier: GPL-2.0
/*
 * The non-DMA categories (tests/model/drivers/categories.c): memory that
 * is not a DMA allocation is named for what it is, and never synced on
 * the real allocation's handle.
 */
#include "unit.h"

static struct unit *cats(void)
{
	static const char *const files[] = { "categories.c", NULL };

	return unit_load("categories", files, false);
}

static void expect_left(const char *fn, enum dm_kind kind, const char *category)
{
	struct unit *u = cats();
	struct dm_target t = unit_arg(u, fn, "dma_cache_sync", 1);
	const struct plan_site *s = unit_site(u, fn, "dma_cache_sync");

	assert_int_equal(t.kind, kind);
	assert_non_null(s);
	assert_int_equal(s->action, ACT_LEAVE);
	assert_str(s->category, category);
	assert_non_null(s->why);
	assert_null(s->handle);
}

static void skb_data(void **state)
{
	expect_left("cat_skb", DM_SKB, "skb");
}

static void stack(void **state)
{
	expect_left("cat_stack", DM_STACK, "stack");
}

static void kmalloc_never_mapped(void **state)
{
	expect_left("cat_kmalloc", DM_KMALLOC, "kmalloc");
}

static void user_pointer(void **state)
{
	expect_left("cat_user", DM_USER, "user");
}

static void bus_to_virt(void **state)
{
	expect_left("cat_bus", DM_BUS_TO_VIRT, "bus_to_virt");
}

static void streaming_with_reachable_handle(void **state)
{
	struct unit *u = cats();
	struct dm_target t = unit_arg(u, "cat_streaming", "dma_cache_sync", 1);
	const struct plan_site *s = unit_site(u, "cat_streaming", "dma_cache_sync");

	assert_int_equal(t.kind, DM_STREAMING);
	assert_str(dm_loc_name(t.handle_loc), "struct cat_private.bounce_dma");
	assert_int_equal(s->action, ACT_SYNC);
	assert_str(s->handle, "p->bounce_dma");		/* the mapping's, not the ring's */
	assert_str(s->dir, "DMA_TO_DEVICE");		/* the mapping's direction */
	assert_null(s->alloc);
}

static void streaming_sense_through_block_helper(void **state)
{
	static const char *const files[] = { "scsi700.c", NULL };
	struct unit *u = unit_load("scsi700", files, false);
	const struct plan_site *s = unit_site(u, "scsi700_sync", "dma_cache_sync");

	/* 53c700's mistake: the sense buffer must not be synced on the script's handle */
	assert_non_null(s);
	assert_int_equal(s->action, ACT_LEAVE);
	assert_str(s->category, "streaming");
	assert_non_null(strstr(s->why, "cmd->sense"));
	assert_null(s->handle);
}

static void the_allocation_itself(void **state)
{
	struct unit *u = cats();
	const struct plan_site *s = unit_site(u, "cat_probe", "dma_cache_sync");

	assert_int_equal(s->action, ACT_SYNC);
	assert_str(s->handle, "p->ring_dma");
}

TEST_LIST(category_tests,
	cmocka_unit_test(skb_data),
	cmocka_unit_test(stack),
	cmocka_unit_test(kmalloc_never_mapped),
	cmocka_unit_test(user_pointer),
	cmocka_unit_test(bus_to_virt),
	cmocka_unit_test(streaming_with_reachable_handle),
	cmocka_unit_test(streaming_sense_through_block_helper),
	cmocka_unit_test(the_allocation_itself),
);
