// SPDX-License-Identifier: GPL-2.0
/*
 * The checker's queries (SSA roots: a struct field, a global, a
 * parameter, a call's result) and the printer of expressions as source.
 */
#include "unit.h"

static struct unit *rules(void)
{
	static const char *const files[] = { "rules.c", NULL };

	return unit_load("rules", files, false);
}

static void field_by_type_and_offset(void **state)
{
	struct unit *u = rules();
	struct symbol *fn = unit_fn(u, "rule_local");
	struct dm_target t;
	struct symbol *st, *arg;

	/* the type of rule_local's parameter p: struct rule_priv */
	assert_non_null(fn);
	arg = first_ptr_list((struct ptr_list *)fn->ctype.base_type->arguments);
	st = arg->ctype.base_type->ctype.base_type;
	t = model_field(u->m, st, 8);			/* ->rings */
	assert_int_equal(t.kind, DM_ALLOC);
	assert_str(t.alloc->cpu, "p->rings");
	t = model_field(u->m, st, 16);			/* ->rings_dma */
	assert_int_equal(t.kind, DM_HANDLE);
}

static void parameter_and_result(void **state)
{
	struct unit *u = rules();
	struct dm_target t = model_param(u->m, unit_fn(u, "rule_param"), 1);

	assert_int_equal(t.kind, DM_ALLOC);
	t = model_call_result(u->m, unit_fn(u, "rule_return"));
	assert_int_equal(t.kind, DM_UNKNOWN);		/* rule_return returns nothing */
}

static void printer_keeps_macro_uses(void **state)
{
	static const char *const files[] = { "ring.c", NULL };
	struct unit *u = unit_load("ring", files, false);

	assert_str(unit_arg_text(u, "ring_start", "writel", 0), "DESC_TO_DMA(rp, rp->tx)");
	assert_str(unit_arg_text(u, "ring_rx", "dma_cache_sync", 0), "dev->dev.parent");
	assert_str(unit_arg_text(u, "ring_rx", "dma_cache_sync", 2), "sizeof(*rd)");
}

TEST_LIST(query_tests,
	cmocka_unit_test(field_by_type_and_offset),
	cmocka_unit_test(parameter_and_result),
	cmocka_unit_test(printer_keeps_macro_uses),
);
