// SPDX-License-Identifier: GPL-2.0
/*
 * A bitmap allocator over a fixed run of physical pages, one bit per page.
 * The contiguous area and the coherent pools are both such runs: memory set
 * aside at boot (or device creation) and handed out first fit, aligned.
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

#define BITS_PER_WORD	(8 * sizeof(unsigned long))

static bool test_bit_at(const unsigned long *map, unsigned long i)
{
	return map[i / BITS_PER_WORD] & (1UL << (i % BITS_PER_WORD));
}

static void assign_bits(unsigned long *map, unsigned long first,
			unsigned long nr, bool set)
{
	unsigned long i;

	for (i = first; i < first + nr; i++) {
		if (set)
			map[i / BITS_PER_WORD] |= 1UL << (i % BITS_PER_WORD);
		else
			map[i / BITS_PER_WORD] &= ~(1UL << (i % BITS_PER_WORD));
	}
}

int dmaref_area_init(struct dmaref_area *a, phys_addr_t base,
		     unsigned long nr_pages)
{
	a->base = base;
	a->nr_pages = nr_pages;
	a->used = 0;
	a->bitmap = calloc((nr_pages + BITS_PER_WORD - 1) / BITS_PER_WORD + 1,
			   sizeof(unsigned long));
	return a->bitmap ? 0 : -ENOMEM;
}

void dmaref_area_exit(struct dmaref_area *a)
{
	free(a->bitmap);
	a->bitmap = NULL;
	a->nr_pages = 0;
}

/* First fit of @nr pages starting at a multiple of @align pages; -1: none. */
long dmaref_area_alloc(struct dmaref_area *a, unsigned long nr,
		       unsigned long align)
{
	unsigned long start, i;

	if (!nr || !a->bitmap || nr > a->nr_pages)
		return -1;
	for (start = 0; start <= a->nr_pages - nr; start += align) {
		for (i = 0; i < nr && !test_bit_at(a->bitmap, start + i); i++)
			;
		if (i == nr) {
			assign_bits(a->bitmap, start, nr, true);
			a->used += nr;
			return start;
		}
	}
	return -1;
}

void dmaref_area_free(struct dmaref_area *a, unsigned long first,
		      unsigned long nr)
{
	assign_bits(a->bitmap, first, nr, false);
	a->used -= nr;
}

bool dmaref_area_contains(const struct dmaref_area *a, phys_addr_t pa)
{
	return a->nr_pages && pa >= a->base &&
	       pa - a->base < ((phys_addr_t)a->nr_pages << PAGE_SHIFT);
}

/* Marks the pages of a boot-time area so the buddy allocator skips them. */
void dmaref_area_reserve_pages(const struct dmaref_area *a)
{
	unsigned long i;

	for (i = 0; i < a->nr_pages; i++)
		dmaref_phys_to_page(a->base + ((phys_addr_t)i << PAGE_SHIFT))
			->flags |= PG_RESERVED;
}
