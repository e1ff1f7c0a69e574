// SPDX-License-Identifier: GPL-2.0
/*
 * The page allocator of one zone: a binary buddy system over the zone's
 * pages, orders 0 to MAX_ORDER - 1.  A free block is marked on its first
 * page (PG_BUDDY, order in ->private) and sits on the list of its order;
 * freeing merges a block with its buddy while the buddy is free too.
 * That is what lets physical memory fragment the way a real machine's does.
 */
#include <string.h>

#include "internal.h"

struct dmaref_buddy dmaref_zones[DMAREF_NR_ZONES];

/* A zone's pages are consecutive in the page array. */
static struct page *zone_page(const struct dmaref_buddy *z, unsigned long idx)
{
	return z->first_page + idx;
}

static unsigned long zone_index(const struct dmaref_buddy *z,
				const struct page *page)
{
	return page - z->first_page;
}

static void list_add_block(struct dmaref_buddy *z, struct page *page,
			   unsigned int order)
{
	page->flags |= PG_BUDDY;
	page->private = order;
	page->prev = NULL;
	page->next = z->free[order];
	if (page->next)
		page->next->prev = page;
	z->free[order] = page;
	z->nr_free[order]++;
}

static void list_del_block(struct dmaref_buddy *z, struct page *page,
			   unsigned int order)
{
	if (page->prev)
		page->prev->next = page->next;
	else
		z->free[order] = page->next;
	if (page->next)
		page->next->prev = page->prev;
	page->next = page->prev = NULL;
	page->flags &= ~PG_BUDDY;
	z->nr_free[order]--;
}

/*
 * Builds the free lists from every page of the zone not reserved at boot
 * (PG_RESERVED: the contiguous area, the global pool); freeing page by page
 * lets the merging form the largest blocks the reservations allow.
 */
void dmaref_buddy_init(struct dmaref_buddy *z, unsigned long start_pfn,
		       unsigned long nr_pages)
{
	unsigned long idx;

	memset(z, 0, sizeof(*z));
	z->start_pfn = start_pfn;
	z->nr_pages = nr_pages;
	if (!nr_pages)
		return;
	z->first_page = dmaref_phys_to_page((phys_addr_t)start_pfn << PAGE_SHIFT);
	for (idx = 0; idx < nr_pages; idx++) {
		struct page *page = zone_page(z, idx);

		if (!(page->flags & PG_RESERVED))
			dmaref_buddy_free(z, page, 0);
	}
}

struct page *dmaref_buddy_alloc(struct dmaref_buddy *z, unsigned int order)
{
	unsigned int o;
	struct page *page;

	if (order >= MAX_ORDER)
		return NULL;
	for (o = order; o < MAX_ORDER && !z->free[o]; o++)
		;
	if (o == MAX_ORDER)
		return NULL;
	page = z->free[o];
	list_del_block(z, page, o);
	/* Split: give back the upper halves until the block fits. */
	while (o > order) {
		o--;
		list_add_block(z, zone_page(z, zone_index(z, page) + (1UL << o)),
			       o);
	}
	z->free_pages -= 1UL << order;
	return page;
}

void dmaref_buddy_free(struct dmaref_buddy *z, struct page *page,
		       unsigned int order)
{
	unsigned long idx = zone_index(z, page);

	z->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_idx = idx ^ (1UL << order);
		struct page *buddy;

		if (buddy_idx >= z->nr_pages)
			break;
		buddy = zone_page(z, buddy_idx);
		if (!(buddy->flags & PG_BUDDY) || buddy->private != order)
			break;
		list_del_block(z, buddy, order);
		idx &= buddy_idx;
		order++;
	}
	list_add_block(z, zone_page(z, idx), order);
}

/* Bytes in the largest free block, 0 when the zone is full. */
size_t dmaref_buddy_largest(const struct dmaref_buddy *z)
{
	int o;

	for (o = MAX_ORDER - 1; o >= 0; o--)
		if (z->free[o])
			return PAGE_SIZE << o;
	return 0;
}
