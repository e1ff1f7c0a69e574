// SPDX-License-Identifier: GPL-2.0
/*
 * Misuse of the API (issue 11): every case is reported the way dma-debug
 * would and none crashes, under ASan/UBSan too.
 *
 * The table calls every entry point that takes a device with four bad
 * devices: NULL, freed, made up, and a pointer into the middle of a live
 * one.  Each call must raise exactly one invalid-argument report and
 * return its defined failure.  A made-up device is full of poison
 * pointers and a freed one is poisoned memory, so the library reading
 * either would crash the test.  The other tests cover impossible sizes
 * (ranges that would wrap), NULL frees, zero sizes, foreign frees and the
 * ways dmaref_device_new() can fail.
 */
#include "helpers.h"

#include <pthread.h>
#include <stdint.h>
#include <linux/io.h>
#include <linux/slab.h>

/* 5.9 only in <linux/dma-mapping.h>; the library always has it. */
void dma_cache_sync(struct device *dev, void *vaddr, size_t size,
		    enum dma_data_direction dir);

#define POISON_PTR	((void *)0x6b6b6b6b6b6b6b6bULL)
#define HUGE		(1ULL << 63)

/* What the entry points are given besides the device: real objects. */
struct ctx {
	struct device *good;
	void *cpu;			/* coherent buffer of @good */
	dma_addr_t h;
	u8 *host;			/* kmalloc memory */
	struct scatterlist sg[1];
	struct sg_table sgt;		/* one entry, host memory */
};

static struct ctx ctx;

/* Each returns true when the call gave its defined failure. */
typedef bool (*entry_fn)(struct device *d, struct ctx *c);

static bool e_set_mask(struct device *d, struct ctx *c)
{
	return dma_set_mask(d, DMA_BIT_MASK(32)) == -EINVAL;
}

static bool e_set_coherent_mask(struct device *d, struct ctx *c)
{
	return dma_set_coherent_mask(d, DMA_BIT_MASK(32)) == -EINVAL;
}

static bool e_set_mask_and_coherent(struct device *d, struct ctx *c)
{
	return dma_set_mask_and_coherent(d, DMA_BIT_MASK(32)) == -EINVAL;
}

static bool e_get_mask(struct device *d, struct ctx *c)
{
	return dma_get_mask(d) == 0;
}

static bool e_can_alloc_noncoherent(struct device *d, struct ctx *c)
{
	return !dma_can_alloc_noncoherent(d);
}

static bool e_alloc_attrs(struct device *d, struct ctx *c)
{
	dma_addr_t h = 0;

	return !dma_alloc_attrs(d, 64, &h, GFP_KERNEL, 0) &&
	       h == DMA_MAPPING_ERROR;
}

static bool e_alloc_coherent(struct device *d, struct ctx *c)
{
	dma_addr_t h = 0;

	return !dma_alloc_coherent(d, 64, &h, GFP_KERNEL) &&
	       h == DMA_MAPPING_ERROR;
}

static bool e_dmam_alloc_attrs(struct device *d, struct ctx *c)
{
	dma_addr_t h;

	return !dmam_alloc_attrs(d, 64, &h, GFP_KERNEL, 0);
}

static bool e_dmam_alloc_coherent(struct device *d, struct ctx *c)
{
	dma_addr_t h;

	return !dmam_alloc_coherent(d, 64, &h, GFP_KERNEL);
}

/* The frees name @good's buffer: it must survive them. */
static bool e_free_attrs(struct device *d, struct ctx *c)
{
	dma_free_attrs(d, 64, c->cpu, c->h, 0);
	return true;
}

static bool e_free_coherent(struct device *d, struct ctx *c)
{
	dma_free_coherent(d, 64, c->cpu, c->h);
	return true;
}

static bool e_dmam_free_coherent(struct device *d, struct ctx *c)
{
	dmam_free_coherent(d, 64, c->cpu, c->h);
	return true;
}

static bool e_map_single(struct device *d, struct ctx *c)
{
	return dma_map_single(d, c->host, 64, DMA_TO_DEVICE) ==
	       DMA_MAPPING_ERROR;
}

static bool e_map_single_attrs(struct device *d, struct ctx *c)
{
	return dma_map_single_attrs(d, c->host, 64, DMA_TO_DEVICE, 0) ==
	       DMA_MAPPING_ERROR;
}

static bool e_unmap_single(struct device *d, struct ctx *c)
{
	dma_unmap_single(d, c->h, 64, DMA_TO_DEVICE);
	return true;
}

static bool e_unmap_single_attrs(struct device *d, struct ctx *c)
{
	dma_unmap_single_attrs(d, c->h, 64, DMA_TO_DEVICE, 0);
	return true;
}

static bool e_map_page(struct device *d, struct ctx *c)
{
	return dma_map_page(d, virt_to_page(c->cpu), 0, 64, DMA_TO_DEVICE) ==
	       DMA_MAPPING_ERROR;
}

static bool e_map_page_attrs(struct device *d, struct ctx *c)
{
	return dma_map_page_attrs(d, virt_to_page(c->cpu), 0, 64,
				  DMA_TO_DEVICE, 0) == DMA_MAPPING_ERROR;
}

static bool e_unmap_page(struct device *d, struct ctx *c)
{
	dma_unmap_page(d, c->h, 64, DMA_TO_DEVICE);
	return true;
}

static bool e_unmap_page_attrs(struct device *d, struct ctx *c)
{
	dma_unmap_page_attrs(d, c->h, 64, DMA_TO_DEVICE, 0);
	return true;
}

static bool e_map_sg(struct device *d, struct ctx *c)
{
	return dma_map_sg(d, c->sg, 1, DMA_TO_DEVICE) == 0;
}

static bool e_map_sg_attrs(struct device *d, struct ctx *c)
{
	return dma_map_sg_attrs(d, c->sg, 1, DMA_TO_DEVICE, 0) == 0;
}

static bool e_unmap_sg(struct device *d, struct ctx *c)
{
	dma_unmap_sg(d, c->sg, 1, DMA_TO_DEVICE);
	return true;
}

static bool e_unmap_sg_attrs(struct device *d, struct ctx *c)
{
	dma_unmap_sg_attrs(d, c->sg, 1, DMA_TO_DEVICE, 0);
	return true;
}

static bool e_map_sgtable(struct device *d, struct ctx *c)
{
	return dma_map_sgtable(d, &c->sgt, DMA_TO_DEVICE, 0) == -EINVAL;
}

static bool e_unmap_sgtable(struct device *d, struct ctx *c)
{
	dma_unmap_sgtable(d, &c->sgt, DMA_TO_DEVICE, 0);
	return true;
}

static bool e_mapping_error(struct device *d, struct ctx *c)
{
	return dma_mapping_error(d, c->h) == 0;
}

static bool e_sync_single_for_cpu(struct device *d, struct ctx *c)
{
	dma_sync_single_for_cpu(d, c->h, 64, DMA_FROM_DEVICE);
	return true;
}

static bool e_sync_single_for_device(struct device *d, struct ctx *c)
{
	dma_sync_single_for_device(d, c->h, 64, DMA_TO_DEVICE);
	return true;
}

static bool e_sync_single_range_for_cpu(struct device *d, struct ctx *c)
{
	dma_sync_single_range_for_cpu(d, c->h, 8, 8, DMA_FROM_DEVICE);
	return true;
}

static bool e_sync_single_range_for_device(struct device *d, struct ctx *c)
{
	dma_sync_single_range_for_device(d, c->h, 8, 8, DMA_TO_DEVICE);
	return true;
}

static bool e_sync_sg_for_cpu(struct device *d, struct ctx *c)
{
	dma_sync_sg_for_cpu(d, c->sg, 1, DMA_FROM_DEVICE);
	return true;
}

static bool e_sync_sg_for_device(struct device *d, struct ctx *c)
{
	dma_sync_sg_for_device(d, c->sg, 1, DMA_TO_DEVICE);
	return true;
}

static bool e_sync_sgtable_for_cpu(struct device *d, struct ctx *c)
{
	dma_sync_sgtable_for_cpu(d, &c->sgt, DMA_FROM_DEVICE);
	return true;
}

static bool e_sync_sgtable_for_device(struct device *d, struct ctx *c)
{
	dma_sync_sgtable_for_device(d, &c->sgt, DMA_TO_DEVICE);
	return true;
}

static bool e_alloc_pages(struct device *d, struct ctx *c)
{
	dma_addr_t h = 0;

	return !dma_alloc_pages(d, 64, &h, DMA_TO_DEVICE, GFP_KERNEL) &&
	       h == DMA_MAPPING_ERROR;
}

static bool e_free_pages(struct device *d, struct ctx *c)
{
	dma_free_pages(d, 64, virt_to_page(c->cpu), c->h, DMA_TO_DEVICE);
	return true;
}

static bool e_alloc_noncoherent(struct device *d, struct ctx *c)
{
	dma_addr_t h = 0;

	return !dma_alloc_noncoherent(d, 64, &h, DMA_TO_DEVICE, GFP_KERNEL) &&
	       h == DMA_MAPPING_ERROR;
}

static bool e_free_noncoherent(struct device *d, struct ctx *c)
{
	dma_free_noncoherent(d, 64, c->cpu, c->h, DMA_TO_DEVICE);
	return true;
}

static bool e_alloc_noncontiguous(struct device *d, struct ctx *c)
{
	return !dma_alloc_noncontiguous(d, 64, DMA_TO_DEVICE, GFP_KERNEL, 0);
}

static bool e_free_noncontiguous(struct device *d, struct ctx *c)
{
	dma_free_noncontiguous(d, 64, &c->sgt, DMA_TO_DEVICE);
	return true;
}

static bool e_vmap_noncontiguous(struct device *d, struct ctx *c)
{
	return !dma_vmap_noncontiguous(d, 64, &c->sgt);
}

static bool e_vunmap_noncontiguous(struct device *d, struct ctx *c)
{
	dma_vunmap_noncontiguous(d, c->cpu);
	return true;
}

static bool e_cache_sync(struct device *d, struct ctx *c)
{
	dma_cache_sync(d, c->cpu, 64, DMA_TO_DEVICE);
	return true;
}

static bool e_devm_kmalloc(struct device *d, struct ctx *c)
{
	return !devm_kmalloc(d, 64, GFP_KERNEL);
}

static bool e_devm_kzalloc(struct device *d, struct ctx *c)
{
	return !devm_kzalloc(d, 64, GFP_KERNEL);
}

static bool e_devm_kfree(struct device *d, struct ctx *c)
{
	devm_kfree(d, c->host);
	return true;
}

static bool e_device_free(struct device *d, struct ctx *c)
{
	dmaref_device_free(d);
	return true;
}

static bool e_device_read(struct device *d, struct ctx *c)
{
	u8 b[8];

	return dmaref_device_read(d, c->h, b, sizeof(b)) == -EINVAL;
}

static bool e_device_write(struct device *d, struct ctx *c)
{
	return dmaref_device_write(d, c->h, "12345678", 8) == -EINVAL;
}

static bool e_iomem_alloc(struct device *d, struct ctx *c)
{
	return !dmaref_iomem_alloc(d, 64, NULL, NULL);
}

static bool e_cache_evict_all(struct device *d, struct ctx *c)
{
	dmaref_cache_evict_all(d);
	return true;
}

#define E(fn)	{ #fn, e_##fn }

static const struct entry {
	const char *name;
	entry_fn call;
} entries[] = {
	E(set_mask), E(set_coherent_mask), E(set_mask_and_coherent),
	E(get_mask), E(can_alloc_noncoherent),
	E(alloc_attrs), E(alloc_coherent), E(dmam_alloc_attrs),
	E(dmam_alloc_coherent), E(free_attrs), E(free_coherent),
	E(dmam_free_coherent),
	E(map_single), E(map_single_attrs), E(unmap_single),
	E(unmap_single_attrs), E(map_page), E(map_page_attrs),
	E(unmap_page), E(unmap_page_attrs), E(map_sg), E(map_sg_attrs),
	E(unmap_sg), E(unmap_sg_attrs), E(map_sgtable), E(unmap_sgtable),
	E(mapping_error),
	E(sync_single_for_cpu), E(sync_single_for_device),
	E(sync_single_range_for_cpu), E(sync_single_range_for_device),
	E(sync_sg_for_cpu), E(sync_sg_for_device), E(sync_sgtable_for_cpu),
	E(sync_sgtable_for_device),
	E(alloc_pages), E(free_pages), E(alloc_noncoherent),
	E(free_noncoherent), E(alloc_noncontiguous), E(free_noncontiguous),
	E(vmap_noncontiguous), E(vunmap_noncontiguous), E(cache_sync),
	E(devm_kmalloc), E(devm_kzalloc), E(devm_kfree),
	E(device_free), E(device_read), E(device_write), E(iomem_alloc),
	E(cache_evict_all),
};

static int setup_ctx(void **state)
{
	fresh_machine();
	ctx.good = new_noncoherent();
	ctx.cpu = dma_alloc_coherent(ctx.good, 64, &ctx.h, GFP_KERNEL);
	assert_non_null(ctx.cpu);
	ctx.host = kmalloc(64, GFP_KERNEL);
	sg_init_one(ctx.sg, ctx.host, 64);
	assert_int_equal(sg_alloc_table(&ctx.sgt, 1, GFP_KERNEL), 0);
	sg_set_buf(ctx.sgt.sgl, ctx.host, 64);
	return 0;
}

/* Nothing the bad calls did touched @good: its buffer frees cleanly. */
static int teardown_ctx(void **state)
{
	seen_reset();
	dma_free_coherent(ctx.good, 64, ctx.cpu, ctx.h);
	dmaref_device_free(ctx.good);
	assert_no_report();
	sg_free_table(&ctx.sgt);
	kfree(ctx.host);
	return 0;
}

/* Every entry point with @bad: one invalid-argument report each. */
static void every_entry_point_with(struct device *bad, const char *what)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(entries); i++) {
		bool failed;

		seen_reset();
		failed = entries[i].call(bad, &ctx);
		if (seen.n != 1 || seen.r[0].class != DMAREF_ERR_INVALID_ARGUMENT)
			fail_msg("%s with a %s device: expected one invalid-argument report, got %u (first: %s)",
				 entries[i].name, what, seen.n,
				 seen.n ? seen.r[0].message : "none");
		if (!failed)
			fail_msg("%s with a %s device: not its defined failure",
				 entries[i].name, what);
	}
}

static void null_device_everywhere(void **state)
{
	every_entry_point_with(NULL, "NULL");
	assert_non_null(strstr(seen.r[0].message, "NULL device"));
}

static void freed_device_everywhere(void **state)
{
	struct device *gone = new_device("gone", false, false,
					 DMA_BIT_MASK(32));

	dmaref_device_free(gone);
	every_entry_point_with(gone, "freed");
	/* The report still names it, from the registry, not from @gone. */
	assert_non_null(strstr(seen.r[0].message, "gone:"));
	assert_non_null(strstr(seen.r[0].message, "dmaref_device_free()"));
}

static void made_up_device_everywhere(void **state)
{
	struct device fake;

	/* Anything read through it would be a wild pointer. */
	memset(&fake, 0x6b, sizeof(fake));
	fake.init_name = POISON_PTR;
	fake.dmaref = POISON_PTR;
	every_entry_point_with(&fake, "made-up");
	assert_non_null(strstr(seen.r[0].message, "not made by dmaref_device_new()"));
}

static void pointer_into_a_live_device_everywhere(void **state)
{
	every_entry_point_with((struct device *)((char *)ctx.good + 8),
			       "misaligned");
}

static void double_device_free(void **state)
{
	struct device *d = new_device("twice", false, false, DMA_BIT_MASK(32));

	dmaref_device_free(d);
	assert_no_report();
	dmaref_device_free(d);
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	assert_non_null(strstr(seen.r[0].message, "twice:"));
}

/* Freed slots are reused oldest first: a stale pointer stays known. */
static void freed_device_is_still_known_after_many_new_ones(void **state)
{
	struct device *gone = new_device("old", false, false, DMA_BIT_MASK(32));
	int i;

	dmaref_device_free(gone);
	for (i = 0; i < 700; i++) {
		struct device *d = new_device("churn", true, false,
					      DMA_BIT_MASK(32));

		assert_ptr_not_equal(d, gone);
		dmaref_device_free(d);
	}
	seen_reset();
	dma_sync_single_for_cpu(gone, 0x1000, 64, DMA_FROM_DEVICE);
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	assert_non_null(strstr(seen.r[0].message, "old:"));
}

/* ---- sizes and ranges that would overflow a naive check ---- */

static void map_of_64_bytes_with_size_2_63(void **state)
{
	u8 *buf = kmalloc(64, GFP_KERNEL);
	u8 frame[64];

	assert_int_equal(dma_map_single(dev, buf, HUGE, DMA_TO_DEVICE),
			 DMA_MAPPING_ERROR);
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	seen_reset();
	/* Even from the stack it is the size that is wrong. */
	assert_int_equal(dma_map_single(dev, frame, HUGE, DMA_TO_DEVICE),
			 DMA_MAPPING_ERROR);
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	kfree(buf);
}

static void map_ranges_that_wrap_or_run_off(void **state)
{
	struct page *pg;
	dma_addr_t h;
	struct scatterlist sg[1];
	u8 *buf = kmalloc(64, GFP_KERNEL);

	/* Wraps around the address space. */
	assert_int_equal(dma_map_single(dev, (void *)(UINTPTR_MAX - 15), 64,
					DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	/* Runs past the end of simulated memory. */
	seen_reset();
	pg = dma_alloc_pages(dev, PAGE_SIZE, &h, DMA_TO_DEVICE, GFP_KERNEL);
	assert_int_equal(dma_map_page(dev, pg, 0, HUGE, DMA_TO_DEVICE),
			 DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_page(dev, pg, HUGE, 64, DMA_TO_DEVICE),
			 DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_page(dev, pg, ~0UL, 64, DMA_TO_DEVICE),
			 DMA_MAPPING_ERROR);
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 3);
	assert_int_equal(seen.n, 3);
	/* Host memory larger than stand-in pages can hold. */
	seen_reset();
	sg_init_one(sg, buf, 0xffffffffu);
	assert_int_equal(dma_map_sg(dev, sg, 1, DMA_TO_DEVICE), 0);
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	seen_reset();
	dma_free_pages(dev, PAGE_SIZE, pg, h, DMA_TO_DEVICE);
	assert_no_report();
	kfree(buf);
}

/* A thread with a small stack: a map running past its top is refused. */
static void *map_past_stack_top(void *arg)
{
	u8 frame[64];
	dma_addr_t *h = arg;

	memset(frame, 1, sizeof(frame));
	*h = dma_map_single(dev, frame, 2 << 20, DMA_TO_DEVICE);
	return NULL;
}

static void map_running_past_the_stack(void **state)
{
	pthread_attr_t attr;
	pthread_t t;
	dma_addr_t h = 0;

	assert_int_equal(pthread_attr_init(&attr), 0);
	assert_int_equal(pthread_attr_setstacksize(&attr, 256 << 10), 0);
	assert_int_equal(pthread_create(&t, &attr, map_past_stack_top, &h), 0);
	pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
	assert_int_equal(h, DMA_MAPPING_ERROR);
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	assert_non_null(strstr(seen.r[0].message, "stack"));
}

static void allocations_larger_than_memory(void **state)
{
	dma_addr_t h;

	assert_null(dma_alloc_coherent(dev, SIZE_MAX, &h, GFP_KERNEL));
	assert_null(dma_alloc_coherent(dev, HUGE, &h, GFP_KERNEL));
	assert_null(dma_alloc_attrs(dev, SIZE_MAX - PAGE_SIZE + 2, &h,
				    GFP_KERNEL, 0));
	assert_null(dma_alloc_pages(dev, HUGE, &h, DMA_TO_DEVICE, GFP_KERNEL));
	assert_null(dma_alloc_noncoherent(dev, SIZE_MAX, &h, DMA_TO_DEVICE,
					  GFP_KERNEL));
	assert_null(dma_alloc_noncontiguous(dev, SIZE_MAX, DMA_TO_DEVICE,
					    GFP_KERNEL, 0));
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 6);
	assert_int_equal(seen.n, 6);
	assert_null(devm_kmalloc(dev, SIZE_MAX, GFP_KERNEL));
	assert_null(kmalloc(SIZE_MAX, GFP_KERNEL));
}

static void syncs_and_device_accesses_that_wrap(void **state)
{
	dma_addr_t h;
	u8 *p = dma_alloc_noncoherent(dev, PAGE_SIZE, &h, DMA_BIDIRECTIONAL,
				      GFP_KERNEL);
	u8 b[16];

	dma_sync_single_range_for_cpu(dev, h, ~0UL, 64, DMA_BIDIRECTIONAL);
	assert_only_report(DMAREF_ERR_SYNC_NOT_ALLOCATED);
	seen_reset();
	dma_sync_single_for_device(dev, h, HUGE, DMA_BIDIRECTIONAL);
	assert_only_report(DMAREF_ERR_SYNC_OUT_OF_RANGE);
	seen_reset();
	dma_sync_single_range_for_device(dev, h, 64, SIZE_MAX,
					 DMA_BIDIRECTIONAL);
	assert_only_report(DMAREF_ERR_SYNC_OUT_OF_RANGE);
	seen_reset();
	assert_int_equal(dmaref_device_read(dev, ~0ULL - 3, b, sizeof(b)),
			 -EFAULT);
	assert_only_report(DMAREF_ERR_DEVICE_UNREACHABLE);
	seen_reset();
	assert_int_equal(dmaref_device_write(dev, h + 8, b, SIZE_MAX), -EFAULT);
	assert_only_report(DMAREF_ERR_DEVICE_UNREACHABLE);
	seen_reset();
	assert_int_equal(dmaref_device_read(dev, h + 8, b, PAGE_SIZE), -ENOENT);
	assert_only_report(DMAREF_ERR_DEVICE_UNMAPPED);
	seen_reset();
	dma_cache_sync(dev, p + 8, SIZE_MAX, DMA_TO_DEVICE);
	assert_only_report(DMAREF_ERR_CACHE_SYNC_UNKNOWN);
	seen_reset();
	dma_sync_single_for_cpu(dev, h, 64, DMA_BIDIRECTIONAL);
	dma_free_noncoherent(dev, PAGE_SIZE, p, h, DMA_BIDIRECTIONAL);
	assert_no_report();
}

static void vmap_of_an_impossible_size(void **state)
{
	struct device *mmu = new_device("mmu", false, true, DMA_BIT_MASK(32));
	struct sg_table *sgt = dma_alloc_noncontiguous(mmu, 3 * PAGE_SIZE,
						       DMA_TO_DEVICE,
						       GFP_KERNEL, 0);

	assert_non_null(sgt);
	assert_null(dma_vmap_noncontiguous(mmu, SIZE_MAX, sgt));
	assert_null(dma_vmap_noncontiguous(mmu, 0, sgt));
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 2);
	assert_int_equal(seen.n, 2);
	seen_reset();
	dma_free_noncontiguous(mmu, 3 * PAGE_SIZE, sgt, DMA_TO_DEVICE);
	dmaref_device_free(mmu);
	assert_no_report();
}

/* ---- NULL given to a free: reported, nothing freed ---- */

static void null_cpu_address_to_every_free(void **state)
{
	struct device *mmu = new_device("mmu", false, true, DMA_BIT_MASK(32));
	dma_addr_t hc, hn, hp;
	void *c = dma_alloc_coherent(dev, 64, &hc, GFP_KERNEL);
	void *n = dma_alloc_noncoherent(dev, 64, &hn, DMA_TO_DEVICE, GFP_KERNEL);
	struct page *pg = dma_alloc_pages(dev, 64, &hp, DMA_TO_DEVICE,
					  GFP_KERNEL);
	struct sg_table *sgt = dma_alloc_noncontiguous(mmu, 3 * PAGE_SIZE,
						       DMA_TO_DEVICE,
						       GFP_KERNEL, 0);
	void *va = dma_vmap_noncontiguous(mmu, 3 * PAGE_SIZE, sgt);

	assert_non_null(va);
	dma_free_coherent(dev, 64, NULL, hc);
	dma_free_attrs(dev, 64, NULL, hc, 0);
	dmam_free_coherent(dev, 64, NULL, hc);
	dma_free_coherent(dev, 0, NULL, 0);
	dma_free_noncoherent(dev, 64, NULL, hn, DMA_TO_DEVICE);
	dma_free_pages(dev, 64, NULL, hp, DMA_TO_DEVICE);
	dma_free_noncontiguous(mmu, 3 * PAGE_SIZE, NULL, DMA_TO_DEVICE);
	dma_vunmap_noncontiguous(mmu, NULL);
	dma_unmap_sg(dev, NULL, 1, DMA_TO_DEVICE);
	dma_unmap_sgtable(dev, NULL, DMA_TO_DEVICE, 0);
	dma_map_sgtable(dev, NULL, DMA_TO_DEVICE, 0);
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 11);
	assert_int_equal(seen.n, 11);
	assert_non_null(strstr(seen.r[0].message, "stays allocated"));
	/* Nothing was freed: the right frees now work and say nothing. */
	seen_reset();
	dma_free_coherent(dev, 64, c, hc);
	dma_free_noncoherent(dev, 64, n, hn, DMA_TO_DEVICE);
	dma_free_pages(dev, 64, pg, hp, DMA_TO_DEVICE);
	dma_vunmap_noncontiguous(mmu, va);
	dma_free_noncontiguous(mmu, 3 * PAGE_SIZE, sgt, DMA_TO_DEVICE);
	dmaref_device_free(mmu);
	assert_no_report();
}

/* ---- size 0 ---- */

static void zero_sizes(void **state)
{
	dma_addr_t h, hp;
	struct page *pg = dma_alloc_pages(dev, 64, &hp, DMA_BIDIRECTIONAL,
					  GFP_KERNEL);
	void *p = page_address(pg);
	u8 *buf = kmalloc(64, GFP_KERNEL);

	/* Calls that cannot do anything with 0 bytes refuse it. */
	assert_null(dma_alloc_coherent(dev, 0, &h, GFP_KERNEL));
	assert_null(dma_alloc_pages(dev, 0, &h, DMA_TO_DEVICE, GFP_KERNEL));
	assert_null(dma_alloc_noncoherent(dev, 0, &h, DMA_TO_DEVICE,
					  GFP_KERNEL));
	assert_null(dma_alloc_noncontiguous(dev, 0, DMA_TO_DEVICE,
					    GFP_KERNEL, 0));
	assert_int_equal(dma_map_single(dev, buf, 0, DMA_TO_DEVICE),
			 DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_page(dev, pg, 0, 0, DMA_TO_DEVICE),
			 DMA_MAPPING_ERROR);
	dma_sync_single_for_cpu(dev, hp, 0, DMA_BIDIRECTIONAL);
	dma_sync_single_for_device(dev, hp, 0, DMA_BIDIRECTIONAL);
	dma_sync_single_range_for_cpu(dev, hp, 0, 0, DMA_BIDIRECTIONAL);
	dma_sync_single_range_for_device(dev, hp, 0, 0, DMA_BIDIRECTIONAL);
	dma_cache_sync(dev, p, 0, DMA_TO_DEVICE);
	assert_null(dmaref_iomem_alloc(dev, 0, NULL, NULL));
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 12);
	assert_int_equal(seen.n, 12);
	/* A free of 0 bytes is a free of the wrong size, as in dma-debug. */
	seen_reset();
	dma_free_pages(dev, 0, pg, hp, DMA_BIDIRECTIONAL);
	assert_only_report(DMAREF_ERR_FREE_WRONG_SIZE);
	kfree(buf);
}

/* ---- frees of what the library never gave ---- */

static void foreign_and_double_frees_outside_dma_memory(void **state)
{
	void *m = devm_kmalloc(dev, 64, GFP_KERNEL);
	void __iomem *regs = dmaref_iomem_alloc(dev, 64, NULL, NULL);
	u8 local[8];

	devm_kfree(dev, m);
	devm_kfree(dev, NULL);		/* fine, as kfree(NULL) */
	dmaref_iomem_free(regs);
	dmaref_iomem_free(NULL);	/* fine, as iounmap(NULL) */
	assert_no_report();
	devm_kfree(dev, m);
	devm_kfree(dev, local);
	dmaref_iomem_free(regs);
	dmaref_iomem_free((void __iomem __force *)local);
	dma_vunmap_noncontiguous(dev, local);
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 5);
	assert_int_equal(seen.n, 5);
}

static void null_pointers_to_the_simulator(void **state)
{
	assert_null(dmaref_device_new(NULL));
	dmaref_memory_stats(NULL);
	dmaref_machine_default_config(NULL);
	assert_int_equal(dmaref_device_read(dev, 0, NULL, 4), -EINVAL);
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 4);
	assert_int_equal(seen.n, 4);
}

/* ---- dmaref_device_new(): every failure is reported ---- */

static void device_new_with_impossible_configs(void **state)
{
	struct dmaref_device_config cfg = {
		.name = "pool", .dma_mask = DMA_BIT_MASK(32),
	};

	cfg.coherent_pool_size = 1UL << 30;
	assert_null(dmaref_device_new(&cfg));
	cfg.coherent_pool_size = SIZE_MAX;
	assert_null(dmaref_device_new(&cfg));
	cfg.coherent_pool_size = 0;
	cfg.coherent_dma_mask = DMA_BIT_MASK(16);
	assert_null(dmaref_device_new(&cfg));
	assert_int_equal(seen_class(DMAREF_ERR_INVALID_ARGUMENT), 3);
	assert_int_equal(seen.n, 3);
	assert_non_null(strstr(seen.r[0].message, "'pool'"));
	assert_non_null(strstr(seen.r[0].message, "coherent pool"));
}

static void device_new_when_memory_is_short(void **state)
{
	struct dmaref_device_config cfg = {
		.name = "bigpool", .dma_mask = DMA_BIT_MASK(32),
		.coherent_pool_size = 4 << 20,
	};

	/* No free block of 4 MiB anywhere: the pool cannot be made. */
	assert_true(dmaref_machine_fragment(0) > 0);
	assert_null(dmaref_device_new(&cfg));
	assert_only_report(DMAREF_ERR_OUT_OF_MEMORY);
	assert_non_null(strstr(seen.r[0].message, "bigpool"));
	dmaref_machine_defragment();
	seen_reset();
	dmaref_device_free(dmaref_device_new(&cfg));
	assert_no_report();
}

static void device_new_beyond_256_devices(void **state)
{
	static struct device *many[256];
	int i;

	/* @dev is alive already: 255 more make 256. */
	for (i = 0; i < 255; i++)
		many[i] = new_device("many", true, false, DMA_BIT_MASK(32));
	assert_null(dmaref_device_new(&(struct dmaref_device_config){
		.name = "one-too-many" }));
	assert_only_report(DMAREF_ERR_OUT_OF_MEMORY);
	for (i = 0; i < 255; i++)
		dmaref_device_free(many[i]);
}

static void iommu_device_without_iova_space(void **state)
{
	struct dmaref_machine_config mc;
	struct dmaref_device_config cfg = {
		.name = "lowmmu", .dma_mask = DMA_BIT_MASK(24), .iommu = true,
	};

	dmaref_device_free(dev);
	dmaref_machine_default_config(&mc);
	mc.evict_seed = 0;
	mc.iova_base = 1ULL << 30;	/* above a 24-bit mask */
	assert_int_equal(dmaref_machine_init(&mc), 0);
	seen_reset();
	assert_null(dmaref_device_new(&cfg));
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	assert_non_null(strstr(seen.r[0].message, "iova_base"));
	/* The fixture's teardown frees @dev: give it one again. */
	dev = new_noncoherent();
}

int main(void)
{
#define C(fn) cmocka_unit_test_setup_teardown(fn, setup_ctx, teardown_ctx)
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup_device, teardown_device)
	const struct CMUnitTest tests[] = {
		C(null_device_everywhere),
		C(freed_device_everywhere),
		C(made_up_device_everywhere),
		C(pointer_into_a_live_device_everywhere),
		T(double_device_free),
		T(freed_device_is_still_known_after_many_new_ones),
		T(map_of_64_bytes_with_size_2_63),
		T(map_ranges_that_wrap_or_run_off),
		T(map_running_past_the_stack),
		T(allocations_larger_than_memory),
		T(syncs_and_device_accesses_that_wrap),
		T(vmap_of_an_impossible_size),
		T(null_cpu_address_to_every_free),
		T(zero_sizes),
		T(foreign_and_double_frees_outside_dma_memory),
		T(null_pointers_to_the_simulator),
		T(device_new_with_impossible_configs),
		T(device_new_when_memory_is_short),
		T(device_new_beyond_256_devices),
		T(iommu_device_without_iova_space),
	};

	int failed = cmocka_run_group_tests_name("misuse", tests, NULL, NULL);

	/*
	 * Every misuse gave exactly one report and nothing else reported:
	 * the count of reports is the count of misuse cases (docs/reliability.md).
	 */
	print_message("# misuse cases: %lu, each reported once; crashes: 0\n",
		      dmaref_error_count());
	return failed;
}
