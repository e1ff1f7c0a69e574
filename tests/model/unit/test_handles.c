// SPDX-License-Identifier: GPL-2.0
/*
 * The handle text rules of the planner (docs/design/driver-model.md,
 * section 3): the offset moved onto the handle, element sizes written by
 * type, the driver's translation helper, a generated helper, a typed
 * local to reach the holder, a shared allocation helper, NULL devices,
 * the allocation and free rewrites, --narrow.
 */
#include "unit.h"

static struct unit *load(const char *name, const char *file, bool narrow)
{
	const char *files[] = { file, NULL };

	return unit_load(name, files, narrow);
}

static const struct plan_site *sync_in(struct unit *u, const char *fn)
{
	const struct plan_site *s = unit_site(u, fn, "dma_cache_sync");

	assert_non_null(s);
	assert_int_equal(s->action, ACT_SYNC);
	return s;
}

static void byte_offset(void **state)
{
	assert_str(sync_in(load("rules", "rules.c", false), "rule_local")->handle,
		   "p->rings_dma + 16");
}

static void element_by_type(void **state)
{
	assert_str(sync_in(load("rules", "rules.c", false), "rule_index")->handle,
		   "p->rings_dma + i * sizeof(struct rule_desc)");
}

static void void_pointer_offset(void **state)
{
	/* dac->buffer is void *: "+ off", never "off * sizeof(*buffer)" */
	assert_str(sync_in(load("audio", "audio.c", false), "chip_playback")->handle,
		   "dac->buffer_dma + off");
}

static void shared_allocation_helper(void **state)
{
	struct unit *u = load("audio", "audio.c", false);

	/* one allocation call made for both codecs: each site uses its own codec's handle */
	assert_int_equal(model_nr_allocs(u->m), 1);
	assert_str(sync_in(u, "chip_capture")->handle, "chip->adc.buffer_dma + off");
	assert_str(sync_in(u, "chip_playback")->dev, "chip->dev");
}

static void translation_helper(void **state)
{
	struct unit *u = load("ring", "ring.c", false);

	assert_str(model_alloc(u->m, 0)->translator, "DESC_TO_DMA");
	assert_str(sync_in(u, "ring_rx")->handle, "DESC_TO_DMA(rp, rd)");
}

static void helper_with_only_dev_and_addr(void **state)
{
	struct unit *u = load("ring", "ring.c", false);
	const struct plan_site *s = sync_in(u, "ring_sync_desc");

	/* ring_sync_desc(dev, void *addr): the holder through netdev_priv(dev) */
	assert_str(s->handle, "DESC_TO_DMA(rp, addr)");
	assert_int_equal(s->nr_decls, 1);
	assert_str(s->decls[0].type, "struct ring_private *");
	assert_str(s->decls[0].name, "rp");
	assert_str(s->decls[0].init, "netdev_priv(dev)");
	assert_str(s->dev, "dev->dev.parent");
}

static void generated_helper(void **state)
{
	struct unit *u = load("rules", "rules.c", false);
	const struct plan_site *s = sync_in(u, "rule_param");
	int i, found = 0;

	/* no translator in rules.c: one generated helper for the block, named with the prefix of the driver's functions */
	assert_str(s->handle, "rule_rings_to_dma(p, addr)");
	for (i = 0; i < u->p->nr_helpers; i++) {
		if (strcmp(u->p->helpers[i].name, "rule_rings_to_dma"))
			continue;
		found++;
		assert_str(u->p->helpers[i].after, "struct rule_priv");
		assert_non_null(strstr(u->p->helpers[i].text,
				       "return h->rings_dma + ((char *)p - (char *)h->rings);"));
	}
	assert_int_equal(found, 1);
}

static void null_device(void **state)
{
	struct unit *u = load("nulldev", "nulldev.c", false);
	const struct plan_site *s = sync_in(u, "nd_send");
	const struct plan_site *a = unit_site(u, "nd_probe", "dma_alloc_attrs");

	assert_str(s->dev, "nd->dev");
	assert_non_null(a);
	assert_int_equal(a->action, ACT_ALLOC);
	assert_str(a->fn, "dma_alloc_noncoherent");
	assert_str(a->dev, "nd->dev");
}

static void null_device_from_the_platform_device(void **state)
{
	struct unit *u = load("pdevnull", "pdevnull.c", false);
	const struct plan_site *a = unit_site(u, "pn_probe", "dma_alloc_attrs");
	const struct plan_site *f = unit_site(u, "pn_remove", "dma_free_attrs");

	/* never synced: coherent; NULL: the platform device's, not the net device's */
	assert_str(a->fn, "dma_alloc_coherent");
	assert_str(a->dev, "&pdev->dev");
	assert_non_null(a->doubt);
	assert_str(f->fn, "dma_free_coherent");
	assert_str(f->dev, "&pdev->dev");
}

static void declaration_name_taken(void **state)
{
	struct unit *u = load("declclash", "declclash.c", false);
	const struct plan_site *s = unit_site(u, "dc_sync", "dma_cache_sync");

	/* "struct dc_private *sp = netdev_priv(dev);" would clash with "int sp" */
	assert_non_null(s);
	assert_int_equal(s->action, ACT_LEAVE);
	assert_str(s->category, "unknown");
	assert_non_null(strstr(s->why, "already names"));
}

static void never_synced_is_coherent(void **state)
{
	struct unit *u = load("nulldev", "nulldev.c", false);
	const struct plan_site *a = unit_site(u, "nd_probe", "dma_alloc_noncoherent");
	const struct plan_site *f = unit_site(u, "nd_remove", "dma_free_noncoherent");

	assert_int_equal(a->action, ACT_ALLOC);
	assert_str(a->fn, "dma_alloc_coherent");
	assert_int_equal(f->action, ACT_FREE);
	assert_str(f->fn, "dma_free_coherent");
}

static void free_of_synced(void **state)
{
	struct unit *u = load("nulldev", "nulldev.c", false);
	const struct plan_site *f = unit_site(u, "nd_remove", "dma_free_attrs");

	assert_int_equal(f->action, ACT_FREE);
	assert_str(f->fn, "dma_free_noncoherent");
	assert_str(f->dir, "DMA_BIDIRECTIONAL");
}

static void attribute_dropped_from_a_mapping(void **state)
{
	struct unit *u = load("nulldev", "nulldev.c", false);
	const struct plan_site *s = unit_site(u, "nd_map", "dma_map_single_attrs");

	assert_non_null(s);
	assert_int_equal(s->action, ACT_DROP_ATTR);
}

static void direction_bidirectional_unless_narrowed(void **state)
{
	assert_str(sync_in(load("nulldev", "nulldev.c", false), "nd_send")->dir,
		   "DMA_BIDIRECTIONAL");
	assert_str(sync_in(load("nulldev", "nulldev.c", true), "nd_send")->dir, "DMA_TO_DEVICE");
	/* both directions: --narrow keeps DMA_BIDIRECTIONAL */
	assert_str(sync_in(load("ring", "ring.c", true), "ring_rx")->dir, "DMA_BIDIRECTIONAL");
}

TEST_LIST(handle_tests,
	cmocka_unit_test(byte_offset),
	cmocka_unit_test(element_by_type),
	cmocka_unit_test(void_pointer_offset),
	cmocka_unit_test(shared_allocation_helper),
	cmocka_unit_test(translation_helper),
	cmocka_unit_test(helper_with_only_dev_and_addr),
	cmocka_unit_test(generated_helper),
	cmocka_unit_test(null_device),
	cmocka_unit_test(null_device_from_the_platform_device),
	cmocka_unit_test(declaration_name_taken),
	cmocka_unit_test(never_synced_is_coherent),
	cmocka_unit_test(free_of_synced),
	cmocka_unit_test(attribute_dropped_from_a_mapping),
	cmocka_unit_test(direction_bidirectional_unless_narrowed),
);
