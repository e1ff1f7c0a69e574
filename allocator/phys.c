// SPDX-License-Identifier: GPL-2.0
/*
 * Simulated physical memory.
 *
 * The machine has up to three banks, one per zone: ZONE_DMA from 0,
 * ZONE_DMA32 from 16 MiB and ZONE_NORMAL from 4 GiB.  All banks are laid
 * end to end in an "arena" that exists three times in the host:
 *
 *   cpu     what the CPU sees through its cache (the pointers drivers get);
 *   ram     what memory holds, which is what a non-coherent device sees;
 *   shadow  the CPU view as it was when last clean, to find dirty lines.
 *
 * The arenas are reserved, not committed: untouched pages cost nothing.
 * The CPU view is a memfd mapping so that dma_vmap_noncontiguous() can
 * alias scattered pages into one virtual range, as the kernel's vmap does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

struct dmaref_phys dmaref_phys = { .memfd = -1 };

static const phys_addr_t bank_start[DMAREF_NR_ZONES] = {
	[ZONE_DMA]	= 0,
	[ZONE_DMA32]	= DMAREF_DMA_LIMIT,
	[ZONE_NORMAL]	= DMAREF_DMA32_LIMIT,
};

static void *reserve(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int map_cpu_view(size_t size)
{
	void *p;

	dmaref_phys.memfd = memfd_create("dmaref-cpu-view", MFD_CLOEXEC);
	if (dmaref_phys.memfd < 0)
		return -errno;
	if (ftruncate(dmaref_phys.memfd, size) < 0)
		return -errno;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 dmaref_phys.memfd, 0);
	if (p == MAP_FAILED)
		return -errno;
	dmaref_phys.cpu = p;
	return 0;
}

static int layout_banks(const struct dmaref_machine_config *cfg)
{
	const size_t sizes[DMAREF_NR_ZONES] = {
		cfg->dma_zone_size, cfg->dma32_zone_size,
		cfg->normal_zone_size,
	};
	size_t off = 0;
	int z;

	if (cfg->dma_zone_size > DMAREF_DMA_LIMIT ||
	    cfg->dma32_zone_size > DMAREF_DMA32_LIMIT - DMAREF_DMA_LIMIT)
		return -EINVAL;
	for (z = 0; z < DMAREF_NR_ZONES; z++) {
		struct dmaref_bank *b = &dmaref_phys.bank[z];

		/* Whole maximal buddy blocks keep the allocator simple. */
		if (sizes[z] % (PAGE_SIZE << (MAX_ORDER - 1)))
			return -EINVAL;
		b->start = bank_start[z];
		b->size = sizes[z];
		b->arena_off = off;
		b->zone = z;
		off += sizes[z];
	}
	if (!off)
		return -EINVAL;
	dmaref_phys.arena_size = off;
	dmaref_phys.nr_pages = off >> PAGE_SHIFT;
	return 0;
}

int dmaref_phys_init(const struct dmaref_machine_config *cfg)
{
	int ret = layout_banks(cfg);
	size_t size;

	if (ret)
		return ret;
	size = dmaref_phys.arena_size;
	ret = map_cpu_view(size);
	if (ret)
		goto fail;
	dmaref_phys.ram = reserve(size);
	dmaref_phys.shadow = reserve(size);
	dmaref_phys.pages = calloc(dmaref_phys.nr_pages, sizeof(struct page));
	if (!dmaref_phys.ram || !dmaref_phys.shadow || !dmaref_phys.pages) {
		ret = -ENOMEM;
		goto fail;
	}
	return 0;
fail:
	dmaref_phys_exit();
	return ret;
}

void dmaref_phys_exit(void)
{
	size_t size = dmaref_phys.arena_size;

	if (dmaref_phys.cpu)
		munmap(dmaref_phys.cpu, size);
	if (dmaref_phys.ram)
		munmap(dmaref_phys.ram, size);
	if (dmaref_phys.shadow)
		munmap(dmaref_phys.shadow, size);
	if (dmaref_phys.memfd >= 0)
		close(dmaref_phys.memfd);
	free(dmaref_phys.pages);
	memset(&dmaref_phys, 0, sizeof(dmaref_phys));
	dmaref_phys.memfd = -1;
}

bool dmaref_phys_valid(phys_addr_t pa, size_t len)
{
	const struct dmaref_bank *b = dmaref_bank_of(pa);

	return b && len <= b->size - (pa - b->start);
}

bool dmaref_cpu_in_arena(const void *p)
{
	const u8 *c = p;

	return dmaref_phys.cpu && c >= dmaref_phys.cpu &&
	       c < dmaref_phys.cpu + dmaref_phys.arena_size;
}

/* ---- the kernel's page helpers ---- */

static bool page_valid(const struct page *page)
{
	return page && dmaref_phys.pages && page >= dmaref_phys.pages &&
	       page < dmaref_phys.pages + dmaref_phys.nr_pages;
}

void *page_address(const struct page *page)
{
	if (!page_valid(page))
		return NULL;
	return dmaref_phys.cpu + ((size_t)(page - dmaref_phys.pages) << PAGE_SHIFT);
}

struct page *virt_to_page(const void *addr)
{
	if (!dmaref_cpu_in_arena(addr))
		return NULL;
	return &dmaref_phys.pages[((const u8 *)addr - dmaref_phys.cpu) >> PAGE_SHIFT];
}

bool virt_addr_valid(const void *addr)
{
	return dmaref_cpu_in_arena(addr);
}

unsigned long page_to_pfn(const struct page *page)
{
	return page_valid(page) ? dmaref_page_phys(page) >> PAGE_SHIFT : 0;
}

struct page *pfn_to_page(unsigned long pfn)
{
	phys_addr_t pa = (phys_addr_t)pfn << PAGE_SHIFT;

	return dmaref_phys_valid(pa, PAGE_SIZE) ? dmaref_phys_to_page(pa) : NULL;
}

phys_addr_t page_to_phys(const struct page *page)
{
	return page_valid(page) ? dmaref_page_phys(page) : 0;
}

phys_addr_t virt_to_phys(const void *addr)
{
	if (!dmaref_cpu_in_arena(addr))
		return 0;
	return dmaref_off_to_phys((const u8 *)addr - dmaref_phys.cpu);
}

void *phys_to_virt(phys_addr_t pa)
{
	if (!dmaref_phys_valid(pa, 1))
		return NULL;
	return dmaref_phys.cpu + dmaref_phys_to_off(pa);
}
