// SPDX-License-Identifier: GPL-2.0
/*
 * Known-zero pages.  dma-direct hands out zeroed memory; clearing three
 * views of a large buffer on every allocation would cost more than the
 * rest of the allocator together.  So a large buffer's pages are given
 * back to the host when freed (a hole punched in the CPU view's memfd,
 * MADV_DONTNEED on the others) and marked PG_ZERO: the host zero-fills
 * them lazily, as it does for posix_memalign()'s fresh mmap, and the next
 * allocation of those pages skips the clearing.
 *
 * Invariant: PG_ZERO on a free page means all three views of it are zero.
 * Whoever takes pages calls dmaref_zero_take(), which clears the mark.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>

#include "internal.h"

/* Below this, a memset is cheaper than three system calls. */
#define PUNCH_MIN	(64UL << 10)

static struct page *first_page(phys_addr_t pa)
{
	return dmaref_phys_to_page(pa);
}

bool dmaref_zero_take(phys_addr_t pa, size_t len)
{
	struct page *page = first_page(pa);
	unsigned long i, n = PAGE_ALIGN(len) >> PAGE_SHIFT;
	bool zero = true;

	for (i = 0; i < n; i++) {
		zero &= !!(page[i].flags & PG_ZERO);
		page[i].flags &= ~PG_ZERO;
	}
	return zero;
}

void dmaref_zero_mark_all(void)
{
	unsigned long i;

	for (i = 0; i < dmaref_phys.nr_pages; i++)
		dmaref_phys.pages[i].flags |= PG_ZERO;
}

/* Zeroes [pa, pa + len) in all views if it is worth it; true if done. */
bool dmaref_zero_release(phys_addr_t pa, size_t len)
{
	size_t off = dmaref_phys_to_off(pa);
	struct page *page;
	unsigned long i;

	if (len < PUNCH_MIN || !PAGE_ALIGNED(off) || !PAGE_ALIGNED(len))
		return false;
	if (fallocate(dmaref_phys.memfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		      off, len) ||
	    madvise(dmaref_phys.ram + off, len, MADV_DONTNEED) ||
	    madvise(dmaref_phys.shadow + off, len, MADV_DONTNEED))
		return false;
	page = first_page(pa);
	for (i = 0; i < len >> PAGE_SHIFT; i++)
		page[i].flags |= PG_ZERO;
	return true;
}
