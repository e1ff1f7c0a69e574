/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pages of libdmaref's simulated physical memory.  Every physical page has
 * a struct page (the kernel's mem_map); page_address() gives the CPU's
 * view of it and virt_to_page() goes back.  Only pointers into simulated
 * memory have a page: virt_to_page() of a host pointer returns NULL.
 */
#ifndef _DMAREF_LINUX_MM_H
#define _DMAREF_LINUX_MM_H

#include <linux/types.h>
#include <linux/gfp.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) \
	(((addr) + PAGE_SIZE - 1) & ~(__typeof__(addr))(PAGE_SIZE - 1))
#define PAGE_ALIGNED(addr)	(((unsigned long)(addr) & (PAGE_SIZE - 1)) == 0)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define MAX_ORDER	11

/* Managed by libdmaref; drivers only pass pointers around. */
struct page {
	unsigned long flags;
	unsigned long private;
	struct page *next;
	struct page *prev;
};

/* The order of the smallest power-of-two page block holding @size bytes. */
static inline int get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

void *page_address(const struct page *page);
struct page *virt_to_page(const void *addr);
unsigned long page_to_pfn(const struct page *page);
struct page *pfn_to_page(unsigned long pfn);
phys_addr_t page_to_phys(const struct page *page);
phys_addr_t virt_to_phys(const void *addr);
void *phys_to_virt(phys_addr_t addr);
bool virt_addr_valid(const void *addr);

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);

#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __free_page(page)	__free_pages(page, 0)
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
#define free_page(addr)		free_pages(addr, 0)

#endif /* _DMAREF_LINUX_MM_H */
