// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the DMA API table (checker/api/dma_api.def): every check
 * reads it, so its rows must be consistent with the DMA API's facts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib.h"
#include "api/api.h"

static const struct dma_api rows[] = {
#define API(n, na, fx, fam, b, k, h, sz, d, g, a, era) \
	{ #n, na, fx, fam, b, k, h, sz, d, g, a, era },
#include "api/dma_api.def"
#undef API
};

#define NR_ROWS ARRAY_SIZE(rows)

/* Every argument index a row names exists in a call with its arity. */
static void test_indexes_fit(void **state)
{
	unsigned int i;

	for (i = 0; i < NR_ROWS; i++) {
		const struct dma_api *r = &rows[i];
		int idx[] = { r->buf, r->handle, r->size, r->dir, r->gfp, r->attrs };
		unsigned int k;

		assert_true(r->nargs > 0);
		for (k = 0; k < ARRAY_SIZE(idx); k++)
			assert_true(idx[k] < r->nargs);
	}
}

/* The 4- and 5-argument dma_alloc_noncoherent() are told apart by arity. */
static void test_noncoherent_by_arity(void **state)
{
	const struct dma_api *old = api_lookup("dma_alloc_noncoherent", 4);
	const struct dma_api *new = api_lookup("dma_alloc_noncoherent", 5);

	assert_non_null(old);
	assert_non_null(new);
	assert_int_equal(old->era, ERA_OLD);
	assert_int_equal(new->era, ERA_ANY);
	/* 5.10+: dev, size, handle, dir, gfp: the direction comes first */
	assert_int_equal(new->dir, 3);
	assert_int_equal(new->gfp, 4);
	assert_int_equal(old->gfp, 3);
	assert_null(api_lookup("dma_alloc_noncoherent", 3));
}

/* Each allocation and map has the release its family needs. */
static void test_release_for(void **state)
{
	static const struct { const char *alloc; int nargs; const char *release; } pairs[] = {
		{ "dma_alloc_coherent", 4, "dma_free_coherent" },
		{ "dma_alloc_noncoherent", 5, "dma_free_noncoherent" },
		{ "dma_alloc_noncoherent", 4, "dma_free_noncoherent" },
		{ "dma_alloc_pages", 5, "dma_free_pages" },
		{ "dma_alloc_noncontiguous", 5, "dma_free_noncontiguous" },
		{ "dma_alloc_attrs", 5, "dma_free_attrs" },
		{ "dma_map_single", 4, "dma_unmap_single" },
		{ "dma_map_page", 5, "dma_unmap_page" },
		{ "dma_map_sgtable", 4, "dma_unmap_sgtable" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		const struct dma_api *a = api_lookup(pairs[i].alloc, pairs[i].nargs);

		assert_non_null(a);
		assert_string_equal(api_release_for(a), pairs[i].release);
	}
}

/* Hand-offs name the buffer by handle; dma_cache_sync() by CPU address. */
static void test_handoffs(void **state)
{
	const struct dma_api *dev = api_lookup("dma_sync_single_for_device", 4);
	const struct dma_api *cpu = api_lookup("dma_sync_single_for_cpu", 4);
	const struct dma_api *legacy = api_lookup("dma_cache_sync", 4);
	const struct dma_api *range = api_lookup("dma_sync_single_range_for_cpu", 5);

	assert_int_equal(dev->effect, FX_TO_DEVICE);
	assert_int_equal(cpu->effect, FX_TO_CPU);
	assert_int_equal(dev->kind, BK_HANDLE);
	assert_int_equal(legacy->kind, BK_CPU);
	assert_int_equal(legacy->effect, FX_CACHE_SYNC);
	assert_int_equal(legacy->era, ERA_OLD);
	/* (dev, addr, offset, size, dir) */
	assert_int_equal(range->size, 3);
	assert_int_equal(range->dir, 4);
}

/* MMIO writes are kicks; reads and unknown names are not in the table. */
static void test_kicks(void **state)
{
	assert_int_equal(api_lookup("writel", 2)->effect, FX_KICK);
	assert_int_equal(api_lookup("iowrite32", 2)->effect, FX_KICK);
	assert_null(api_lookup("readl", 1));
	assert_null(api_lookup("my_dma_cache_sync", 4));
}

static void test_directions(void **state)
{
	assert_string_equal(api_dir_name(DIR_BIDI), "DMA_BIDIRECTIONAL");
	assert_string_equal(api_dir_name(DIR_TO_DEVICE), "DMA_TO_DEVICE");
	assert_string_equal(api_dir_name(DIR_FROM_DEVICE), "DMA_FROM_DEVICE");
	assert_string_equal(api_dir_name(DIR_NONE), "DMA_NONE");
	assert_string_equal(api_dir_name(7), "an unknown direction");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indexes_fit),
		cmocka_unit_test(test_noncoherent_by_arity),
		cmocka_unit_test(test_release_for),
		cmocka_unit_test(test_handoffs),
		cmocka_unit_test(test_kicks),
		cmocka_unit_test(test_directions),
	};

	return cmocka_run_group_tests_name("dma_api table", tests, NULL, NULL);
}
