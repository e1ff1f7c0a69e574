// SPDX-License-Identifier: GPL-2.0
/*
 * Host memory running out: a boot that fails leaves nothing half made,
 * and every allocation the library makes, refused in turn, gives a
 * reported failure (out-of-memory) and never a crash.  This program is
 * linked with -Wl,--wrap=calloc,--wrap=malloc,--wrap=realloc
 * (allocator.mk), so the library's allocations come here first.
 */
#include "helpers.h"

#include <linux/io.h>
#include <linux/slab.h>

void *__real_calloc(size_t nmemb, size_t size);
void *__wrap_calloc(size_t nmemb, size_t size);
void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_realloc(void *p, size_t size);

/* The allocation to refuse, counting from 1; 0: none. */
static unsigned int fail_at;
static unsigned int nr_calls;

static bool refuse(void)
{
	return fail_at && ++nr_calls == fail_at;
}

void *__wrap_calloc(size_t nmemb, size_t size)
{
	return refuse() ? NULL : __real_calloc(nmemb, size);
}

void *__wrap_malloc(size_t size)
{
	return refuse() ? NULL : __real_malloc(size);
}

void *__wrap_realloc(void *p, size_t size)
{
	return refuse() ? NULL : __real_realloc(p, size);
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

static unsigned long oom_before;

/* A call that failed while an allocation was being refused says so. */
static void expect_reported(bool ok, const char *what)
{
	if (!ok && dmaref_error_count_class(DMAREF_ERR_OUT_OF_MEMORY) == oom_before)
		fail_msg("allocation %u refused: %s failed without a report",
			 fail_at, what);
}

/* A driver's life on an IOMMU device with a coherent pool. */
static void driver_life(void)
{
	struct dmaref_device_config cfg = {
		.name = "oom", .dma_mask = DMA_BIT_MASK(32), .iommu = true,
		.coherent_pool_size = 64 << 10,
	};
	struct dmaref_machine_config mc;
	struct sg_table *sgt = NULL;
	void __iomem *regs;
	int ret;
	struct device *d;
	dma_addr_t hc, hm = DMA_MAPPING_ERROR;
	u8 *host = kmalloc(300, GFP_KERNEL);
	void *c, *va = NULL;

	/*
	 * A fresh machine each time: its boot may fail too (-ENOMEM, no
	 * report: an errno is its defined failure), and then the device
	 * boots the default one, which may fail in turn (reported).
	 */
	dmaref_machine_default_config(&mc);
	mc.evict_seed = 0;
	ret = dmaref_machine_init(&mc);
	assert_true(ret == 0 || ret == -ENOMEM);
	oom_before = dmaref_error_count_class(DMAREF_ERR_OUT_OF_MEMORY);
	d = dmaref_device_new(&cfg);
	expect_reported(d, "dmaref_device_new");
	if (!d)
		goto out;
	regs = dmaref_iomem_alloc(d, 256, NULL, NULL);
	expect_reported(regs, "dmaref_iomem_alloc");
	sgt = dma_alloc_noncontiguous(d, 64 << 10, DMA_BIDIRECTIONAL,
				      GFP_KERNEL, 0);
	expect_reported(sgt, "dma_alloc_noncontiguous");
	if (sgt) {
		va = dma_vmap_noncontiguous(d, 64 << 10, sgt);
		expect_reported(va, "dma_vmap_noncontiguous");
	}
	c = dma_alloc_coherent(d, 8192, &hc, GFP_KERNEL);
	expect_reported(c, "dma_alloc_coherent");
	hm = dma_map_single(d, host, 300, DMA_TO_DEVICE);
	expect_reported(!dma_mapping_error(d, hm), "dma_map_single");

	if (hm != DMA_MAPPING_ERROR)
		dma_unmap_single(d, hm, 300, DMA_TO_DEVICE);
	if (c)
		dma_free_coherent(d, 8192, c, hc);
	if (va)
		dma_vunmap_noncontiguous(d, va);
	if (sgt)
		dma_free_noncontiguous(d, 64 << 10, sgt, DMA_BIDIRECTIONAL);
	dmaref_iomem_free(regs);
	dmaref_device_free(d);
out:
	kfree(host);
}

static void every_refused_allocation_is_reported(void **state)
{
	unsigned int n;

	dmaref_set_report_handler(record_report, &seen);
	for (n = 1; ; n++) {
		memset(&seen, 0, sizeof(seen));
		fail_at = n;
		nr_calls = 0;
		driver_life();
		fail_at = 0;
		/* Nothing but the refusals themselves is reported. */
		if (seen.n != seen_class(DMAREF_ERR_OUT_OF_MEMORY))
			fail_msg("allocation %u refused: %u report(s), first: %s",
				 n, seen.n, seen.r[0].message);
		if (nr_calls < n)
			break;		/* the whole life ran: all refused once */
	}
	/* Enough allocations to mean something were refused in turn. */
	assert_true(n > 10);
	print_message("# %u allocations refused in turn, each reported\n",
		      n - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failed_boot_leaves_nothing_half_made),
		cmocka_unit_test(every_refused_allocation_is_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
