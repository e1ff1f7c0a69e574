// SPDX-License-Identifier: GPL-2.0
/*
 * Where a pointer handed to a streaming map points: the current thread's
 * stack, the program's text or read-only data, or a vmap.  dma-debug
 * refuses all three; the map still goes ahead (through stand-in pages).
 */
#define _GNU_SOURCE
#include <link.h>
#include <pthread.h>
#include <stdint.h>

#include "internal.h"

/* The current thread's stack; false if it cannot be known. */
static bool stack_bounds(uintptr_t *base, size_t *size)
{
	pthread_attr_t attr;
	void *b;
	bool ok = false;

	if (pthread_getattr_np(pthread_self(), &attr))
		return false;
	if (!pthread_attr_getstack(&attr, &b, size)) {
		*base = (uintptr_t)b;
		ok = true;
	}
	pthread_attr_destroy(&attr);
	return ok;
}

static bool on_stack(const void *p, size_t len)
{
	uintptr_t base;
	size_t size;

	return stack_bounds(&base, &size) &&
	       dmaref_ranges_overlap((uintptr_t)p, len, base, size);
}

/* Starts on the stack and runs past its top: copying it would fault. */
bool dmaref_stack_overrun(const void *p, size_t len)
{
	uintptr_t base, a = (uintptr_t)p;
	size_t size;

	if (!stack_bounds(&base, &size) || a < base || a - base >= size)
		return false;
	return len > size - (a - base);
}

typedef ElfW(Phdr) elf_phdr;

struct ro_probe {
	unsigned long addr;
	bool hit;
};

static int ro_segment(struct dl_phdr_info *info, size_t sz, void *arg)
{
	struct ro_probe *pr = arg;
	int i;

	for (i = 0; i < info->dlpi_phnum; i++) {
		const elf_phdr *ph = &info->dlpi_phdr[i];
		unsigned long start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type == PT_LOAD && !(ph->p_flags & PF_W) &&
		    pr->addr >= start && pr->addr - start < ph->p_memsz) {
			pr->hit = true;
			return 1;
		}
	}
	return 0;
}

/* Text or read-only data of the program or a library. */
static bool in_rodata(const void *p)
{
	struct ro_probe pr = { .addr = (unsigned long)p };

	if (dmaref_cpu_in_arena(p))
		return false;
	dl_iterate_phdr(ro_segment, &pr);
	return pr.hit;
}

void dmaref_check_origin(struct device *dev, const char *call, const void *p,
			 size_t size, enum dma_data_direction dir)
{
	if (dmaref_cpu_in_arena(p))
		return;
	if (on_stack(p, size))
		dmaref_report(DMAREF_ERR_MAP_FROM_STACK, dev, call, NULL, 0,
			      size, dir, "maps memory from the stack [addr=%p]",
			      p);
	else if (in_rodata(p))
		dmaref_report(DMAREF_ERR_MAP_FROM_RODATA, dev, call, NULL, 0,
			      size, dir,
			      "maps memory from kernel text or rodata [addr=%p]",
			      p);
	else if (dmaref_is_vmap(p, size))
		dmaref_report(DMAREF_ERR_MAP_FROM_VMAP, dev, call, NULL, 0,
			      size, dir,
			      "maps memory from the vmalloc area [addr=%p]", p);
}

