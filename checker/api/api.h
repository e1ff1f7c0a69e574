/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DMA API as a table (dma_api.def, mmio.def, accessors.def) and its
 * reader (api.c): for each call, what it does to which argument.  The
 * checker asks these questions and nothing else about the API.
 */
#ifndef DMACHECK_API_H
#define DMACHECK_API_H

#include <stdbool.h>

enum api_effect {
	FX_ALLOC,	/* returns a new buffer, CPU-owned */
	FX_FREE,	/* releases an allocated buffer */
	FX_MAP,		/* returns a handle; the device owns the buffer */
	FX_MAP_ARG,	/* maps the buffer in place (sg lists) */
	FX_UNMAP,	/* ends a mapping; the CPU owns the buffer again */
	FX_TO_DEVICE,	/* _for_device sync: hand-off to the device */
	FX_TO_CPU,	/* _for_cpu sync: the CPU takes the buffer back */
	FX_CACHE_SYNC,	/* dma_cache_sync(): direction decides */
	FX_DERIVE,	/* returns another name for the same buffer */
	FX_KICK,	/* starts the device (MMIO write) */
};

enum api_family {
	FAM_ANY, FAM_COHERENT, FAM_NONCOHERENT, FAM_PAGES, FAM_ATTRS,
	FAM_NONCONTIG, FAM_SINGLE, FAM_PAGE_MAP, FAM_SG, FAM_SGTABLE,
};

enum buf_kind { BK_CPU, BK_HANDLE, BK_PAGE, BK_SGT };
enum api_era { ERA_ANY, ERA_OLD };

struct dma_api {
	const char *name;
	int nargs;
	enum api_effect effect;
	enum api_family family;
	int buf;
	enum buf_kind kind;
	int handle, size, dir, gfp, attrs;
	enum api_era era;
};

/* The entry for a call of @name with @nargs arguments, or NULL. */
const struct dma_api *api_lookup(const char *name, int nargs);
/* The release call that matches an allocation or map, or NULL. */
const char *api_release_for(const struct dma_api *alloc);
/* Keep calls to the API's inline wrappers as calls (see api.c). */
void api_keep_calls(void);
/* --inline-api: let sparse inline the wrappers; only the notes are left */
extern bool api_inline;
/*
 * The name a call was written with: include/dmaconv/legacy-dma.h sends
 * the 4-argument dma_alloc_noncoherent() to __dmaconv_alloc_noncoherent4()
 * (its rule: "__dmaconv_" + the name after "dma_" + the argument count);
 * messages name what the driver wrote.  Other names are returned as is.
 */
const char *api_written_name(const char *name);
/* Is @name one of the table's calls or accessors? */
bool api_known(const char *name);

/* A library call that reads or writes a kernel buffer (cpu_access.def). */
struct api_cpu_access {
	const char *name;
	int write, read;	/* argument indexes, -1 none */
};

/* The entry for a call of @name, or NULL. */
const struct api_cpu_access *api_cpu_access(const char *name);

/* enum dma_data_direction values (stable kernel ABI) */
enum {
	DIR_BIDI = 0, DIR_TO_DEVICE = 1, DIR_FROM_DEVICE = 2, DIR_NONE = 3,
	DIR_UNKNOWN = -1
};
/* "DMA_TO_DEVICE" ... for messages */
const char *api_dir_name(int dir);

/* DMA_ATTR_NON_CONSISTENT, removed in 5.10 */
#define ATTR_NON_CONSISTENT (1UL << 3)

#endif /* DMACHECK_API_H */
