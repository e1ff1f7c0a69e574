// SPDX-License-Identifier: GPL-2.0
/*
 * Sites inside a #define: keyed by the call's place in the definition,
 * decided from every use; an i82596-style library included by a
 * non-coherent and a coherent driver; a header macro that only gets the
 * device.
 */
#include "unit.h"

static void includer_macro_keyed_in_define(void **state)
{
	static const char *const files[] = { "lasi596.c", NULL };
	struct unit *u = unit_load("lasi596", files, false);
	const struct plan_site *w = unit_site(u, "i596_kick", "dma_cache_sync");
	const struct plan_site *r = unit_site(u, "i596_status", "dma_cache_sync");

	assert_non_null(w);
	assert_non_null(r);
	/* "\tdo { dma_cache_sync(" on lasi596.c:6 */
	assert_non_null(strstr(w->pos.file, "lasi596.c"));
	assert_int_equal(w->pos.line, 6);
	assert_int_equal(w->pos.column, 6);
	assert_str(w->pos.macro, "DMA_WBACK");
	assert_str(w->fn, "dma_sync_single_for_device");	/* then the CA write */
	assert_str(r->fn, "dma_sync_single_for_cpu");		/* then the status read */
	/* the holder spelled from the macro's own parameter */
	assert_str(w->handle, "virt_to_dma(((struct i596_private *)netdev_priv(ndev)), (void *)addr)");
	assert_str(w->dev, "(ndev)->dev.parent");
}

static void allocation_in_the_shared_file(void **state)
{
	static const char *const files[] = { "lasi596.c", "sni596.c", NULL };
	struct unit *u = unit_load("i596", files, false);
	const struct plan_site *s;
	int i;

	/*
	 * Both includers of lib596.c in one run: sni596.c's no-op macros
	 * are no sites (nothing removed, no sync invented); the allocation
	 * lib596.c makes for both is one site, non-coherent (one includer
	 * syncs it).
	 */
	for (i = 0; i < u->p->nr_sites; i++)
		assert_null(strstr(u->p->sites[i].pos.file, "sni596.c"));
	s = unit_site(u, "i596_probe", "dma_alloc_attrs");
	assert_non_null(s);
	assert_non_null(strstr(s->pos.file, "lib596.c"));
	assert_int_equal(s->uses, 2);
	assert_str(s->fn, "dma_alloc_noncoherent");
}

static void each_includer_allocates(void **state)
{
	static const char *const files[] = { "shlasi.c", "shsni.c", NULL };
	struct unit *u = unit_load("sh", files, false);
	const struct plan_site *s;

	/* the shared file's syncs are shlasi.c's: shsni.c's own block stays coherent */
	s = unit_site(u, "shlasi_probe", "dma_alloc_attrs");
	assert_non_null(s);
	assert_str(s->fn, "dma_alloc_noncoherent");
	s = unit_site(u, "shsni_probe", "dma_alloc_attrs");
	assert_non_null(s);
	assert_str(s->fn, "dma_alloc_coherent");
	/* virt_to_dma() is only used inside SWAP32(): found by its #define */
	s = unit_site(u, "sh_start", "dma_cache_sync");
	assert_non_null(s);
	assert_str(s->pos.macro, "DMA_WBACK");
	assert_str(s->handle, "virt_to_dma(((struct sh_private *)netdev_priv(ndev)), (void *)addr)");
	assert_int_equal(u->p->nr_helpers, 0);
}

static void macro_uses_pass_different_holders(void **state)
{
	static const char *const files[] = { "holders.c", NULL };
	struct unit *u = unit_load("holders", files, false);
	const struct plan_site *s = unit_site(u, "hl_start", "dma_cache_sync");

	/* one use's holder is "hostdata", the other's "h": no one text to pass */
	assert_non_null(s);
	assert_int_equal(s->action, ACT_LEAVE);
	assert_str(s->category, "macro-disagree");
}

static void coherent_includer_alone(void **state)
{
	static const char *const files[] = { "sni596.c", NULL };
	struct unit *u = unit_load("sni596", files, false);
	int i;

	/* no sync anywhere: the allocation becomes coherent, nothing else moves */
	for (i = 0; i < u->p->nr_sites; i++)
		assert_int_not_equal(u->p->sites[i].action, ACT_SYNC);
	assert_str(unit_site(u, "i596_probe", "dma_alloc_attrs")->fn, "dma_alloc_coherent");
}

static void header_macro_gets_only_dev(void **state)
{
	static const char *const files[] = { "scsi700.c", NULL };
	struct unit *u = unit_load("scsi700", files, false);
	const struct plan_site *s = unit_site(u, "scsi700_start", "dma_cache_sync");
	const struct plan_macro *pm;

	assert_non_null(s);
	assert_int_equal(s->action, ACT_SYNC);
	assert_int_equal(s->uses, 2);		/* probe and start, merged */
	assert_str(s->pos.macro, "script_patch");
	assert_non_null(strstr(s->pos.file, "scsi700.h"));
	assert_str(s->dev, "h->dev");
	assert_str(s->handle, "scsi700_script_to_dma(h, &(script)[off])");
	assert_int_equal(u->p->nr_macros, 1);
	pm = &u->p->macros[0];
	assert_str(pm->name, "script_patch");
	assert_int_equal(pm->param, 0);
	assert_str(pm->was, "dev");
	assert_str(pm->now, "h");
	assert_str(pm->pass, "hostdata");
}

TEST_LIST(macro_tests,
	cmocka_unit_test(includer_macro_keyed_in_define),
	cmocka_unit_test(allocation_in_the_shared_file),
	cmocka_unit_test(each_includer_allocates),
	cmocka_unit_test(macro_uses_pass_different_holders),
	cmocka_unit_test(coherent_includer_alone),
	cmocka_unit_test(header_macro_gets_only_dev),
);
