// SPDX-License-Identifier: GPL-2.0
/*
 * One test per points-to rule (docs/design/driver-model.md, section 2),
 * on tests/model/drivers/rules.c and friends: the pointer each rule_*
 * function syncs reaches the allocation only through that rule.
 */
#include "unit.h"

static struct unit *rules(void)
{
	static const char *const files[] = { "rules.c", NULL };

	return unit_load("rules", files, false);
}

/* the allocation a site's pointer resolves to, by the CPU location it is stored in */
static void expect_into(const char *fn, const char *cpu, long off)
{
	struct unit *u = rules();
	struct dm_target t = unit_arg(u, fn, "dma_cache_sync", 1);

	assert_int_equal(t.kind, DM_ALLOC);
	assert_non_null(t.alloc);
	assert_str(t.alloc->cpu, cpu);
	if (off >= 0) {
		assert_int_equal(t.off.kind, OFF_CONST);
		assert_int_equal(t.off.value, off);
	}
}

static void local_cast_offset(void **state)
{
	expect_into("rule_local", "p->rings", 16);
}

static void array_element(void **state)
{
	struct unit *u = rules();
	struct dm_target t = unit_arg(u, "rule_index", "dma_cache_sync", 1);

	assert_int_equal(t.kind, DM_ALLOC);
	assert_str(t.alloc->cpu, "p->rings");
	assert_int_equal(t.off.kind, OFF_UNKNOWN);	/* i is not known */
}

static void member_address(void **state)
{
	expect_into("rule_member", "p->rings", 8 * 16 + 16);
}

static void field_at_offset(void **state)
{
	/* p->txd = p->rings->tx: a field holding a pointer into the block at 128 */
	expect_into("rule_field_offset", "p->rings", 128);
}

static void pointer_stored_in_block(void **state)
{
	/* p->rings->rx[0].vaddr holds the other allocation */
	expect_into("rule_stored", "p->data", 0);
}

static void global(void **state)
{
	expect_into("rule_global_read", "p->rings", 0);
}

static void return_value(void **state)
{
	expect_into("rule_return", "p->rings", 0);
}

static void parameter_every_caller(void **state)
{
	struct unit *u = rules();
	struct dm_target t = unit_arg(u, "rule_param", "dma_cache_sync", 1);

	/* callers pass p->rings and &p->rings->rx[2]: one block, two offsets */
	assert_int_equal(t.kind, DM_ALLOC);
	assert_str(t.alloc->cpu, "p->rings");
	assert_int_equal(t.off.kind, OFF_UNKNOWN);
}

static void accessor_drvdata(void **state)
{
	expect_into("rule_drvdata", "p->rings", 0);
}

static void accessor_container_of(void **state)
{
	expect_into("rule_container", "p->data", 0);
}

static void handle_through_out_parameter(void **state)
{
	struct unit *u = rules();
	const struct plan_site *s = unit_site(u, "rule_out_param", "dma_cache_sync");

	assert_non_null(s);
	assert_int_equal(s->action, ACT_SYNC);
	assert_str(s->handle, "p->small_dma");
}

static void handle_through_local_then_field(void **state)
{
	static const char *const files[] = { "audio.c", NULL };
	struct unit *u = unit_load("audio", files, false);
	struct dm_alloc *a = model_alloc(u->m, 0);

	assert_int_equal(model_nr_allocs(u->m), 1);
	assert_str(a->handle, "buffer_dma");		/* as written at the call */
	assert_str(dm_loc_name(a->handle_loc), "struct snd_codec.buffer_dma");
	assert_str(dm_loc_name(a->cpu_loc), "struct snd_codec.buffer");
}

TEST_LIST(points_to_tests,
	cmocka_unit_test(local_cast_offset),
	cmocka_unit_test(array_element),
	cmocka_unit_test(member_address),
	cmocka_unit_test(field_at_offset),
	cmocka_unit_test(pointer_stored_in_block),
	cmocka_unit_test(global),
	cmocka_unit_test(return_value),
	cmocka_unit_test(parameter_every_caller),
	cmocka_unit_test(accessor_drvdata),
	cmocka_unit_test(accessor_container_of),
	cmocka_unit_test(handle_through_out_parameter),
	cmocka_unit_test(handle_through_local_then_field),
);
