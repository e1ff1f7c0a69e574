// SPDX-License-Identifier: GPL-2.0
/*
 * A boot that runs out of host memory fails cleanly, and the next boot
 * starts from scratch.  This program is linked with -Wl,--wrap=calloc
 * (allocator.mk), so the library's calloc() calls come here first.
 */
#include "helpers.h"

void *__real_calloc(size_t nmemb, size_t size);
void *__wrap_calloc(size_t nmemb, size_t size);

/* The calloc() to fail, counting from 1; 0: none. */
static unsigned int fail_at;
static unsigned int nr_calls;

void *__wrap_calloc(size_t nmemb, size_t size)
{
	if (fail_at && ++nr_calls == fail_at)
		return NULL;
	return __real_calloc(nmemb, size);
}

static void failed_boot_leaves_nothing_half_made(void **state)
{
	struct dmaref_machine_config cfg;
	struct device *d;
	dma_addr_t h;
	void *p;

	dmaref_machine_default_config(&cfg);
	cfg.evict_seed = 0;
	/* The first boot's second allocation: its lookup tables. */
	fail_at = 2;
	assert_int_equal(dmaref_machine_init(&cfg), -ENOMEM);
	fail_at = 0;
	assert_int_equal(dmaref_machine_init(&cfg), 0);
	seen_reset();
	d = new_noncoherent();
	p = dma_alloc_coherent(d, 64, &h, GFP_KERNEL);
	assert_non_null(p);
	dma_free_coherent(d, 64, p, h);
	dmaref_device_free(d);
	assert_no_report();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failed_boot_leaves_nothing_half_made),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
