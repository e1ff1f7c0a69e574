/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated machine behind libdmaref: devices, the device side of DMA,
 * MMIO registers, interrupts, machine configuration and the reports of the
 * ownership sanitizer and of the dma-debug checks.
 *
 * Driver code uses <linux/dma-mapping.h>; a test harness (the "hardware")
 * uses this header.
 *
 * Every call of the library, here and in <linux/dma-mapping.h>, reports
 * bad input (a NULL, freed or foreign device, a size of 0 or one no buffer
 * can have, a NULL pointer given to a free) as the kernel's dma-debug
 * would and returns its defined failure; it never crashes, and it never
 * reads through a device pointer that is not a live device of its own.
 */
#ifndef _DMAREF_SIM_H
#define _DMAREF_SIM_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/dma-direction.h>
#include <linux/interrupt.h>

/* ---- devices ---------------------------------------------------------- */

struct dmaref_device_config {
	const char *name;		/* shown in every report */
	u64 dma_mask;			/* streaming mask; 0 means 32 bits */
	bool coherent;			/* snoops the CPU cache: one view */
	bool iommu;			/* DMA through an IOVA space */
	u64 coherent_dma_mask;		/* 0: same as dma_mask */
	bool no_coherent_mask;		/* leave coherent_dma_mask at 0 */
	size_t coherent_pool_size;	/* per-device coherent pool, at most
					 * 4 MiB; 0: none
					 */
	unsigned int cache_line;	/* cache line in bytes; 0: 64 */
};

/*
 * NULL, with one report, when the device cannot be made: invalid-argument
 * for a bad config (NULL, a mask below 24 bits, a cache line not a power
 * of two in 16..128, a pool above 4 MiB, an IOMMU device whose mask is
 * below the machine's iova_base), out-of-memory when memory is exhausted
 * (no free block for its pool, no host memory, 256 devices alive, the
 * default machine not fitting in host memory).
 */
struct device *dmaref_device_new(const struct dmaref_device_config *cfg);
/*
 * Unbinds the device: every buffer still allocated or mapped is reported
 * as a leak and released; device-managed (dmam_/devm_) memory is released
 * silently.  The device stays known as freed: any later call given it
 * (a second dmaref_device_free() too) is reported, never a crash, until
 * 768 more devices have been made.
 */
void dmaref_device_free(struct device *dev);

/* ---- the device side of DMA ------------------------------------------- */

/*
 * What the device reads or writes at bus address @addr: memory's view for a
 * non-coherent device, the one shared view for a coherent device or a
 * coherent buffer.  Returns 0, or -EFAULT for an address above the device's
 * mask, -ENOENT for an address no buffer of this device maps (both are
 * reported).  An access to a buffer the CPU owns is reported but performed,
 * as hardware would.
 */
int dmaref_device_read(struct device *dev, dma_addr_t addr, void *buf,
		       size_t len);
int dmaref_device_write(struct device *dev, dma_addr_t addr, const void *buf,
			size_t len);

/* ---- MMIO and interrupts ---------------------------------------------- */

typedef void (*dmaref_mmio_fn)(struct device *dev, unsigned long offset,
			       unsigned int size, void *arg);

/*
 * A zeroed register block of @size bytes for @dev.  @on_write, if not NULL,
 * runs after every writeX()/iowriteX() into the block (a doorbell), in the
 * writing thread.  Released by dmaref_iomem_free() or dmaref_device_free().
 */
void __iomem *dmaref_iomem_alloc(struct device *dev, size_t size,
				 dmaref_mmio_fn on_write, void *arg);
void dmaref_iomem_free(void __iomem *regs);

/* Runs the handler registered with request_irq(); -ENOENT if none. */
int dmaref_raise_irq(unsigned int irq);

/* ---- the machine ------------------------------------------------------ */

struct dmaref_machine_config {
	size_t dma_zone_size;		/* ZONE_DMA, from 0, below 16 MiB */
	size_t dma32_zone_size;		/* ZONE_DMA32, from 16 MiB, below 4 GiB */
	size_t normal_zone_size;	/* ZONE_NORMAL, from 4 GiB */
	size_t cma_size;		/* contiguous area inside ZONE_DMA32 */
	size_t global_pool_size;	/* global coherent pool (ZONE_DMA32) */
	u64 iova_base;			/* first IOVA handed out */
	unsigned long evict_seed;	/* != 0: random write-back, seeded */
	unsigned int evict_rate;	/* evictions per 1000 API calls */
};

/* The defaults, after the DMAREF_EVICT_SEED environment variable. */
void dmaref_machine_default_config(struct dmaref_machine_config *cfg);
/*
 * (Re)builds the machine.  Fails with -EBUSY while devices exist, -EINVAL
 * on a bad layout.  Without a call the defaults are used.
 */
int dmaref_machine_init(const struct dmaref_machine_config *cfg);
/*
 * Fragments physical memory outside the contiguous area: afterwards no free
 * block is larger than 2^@max_order pages, while about half of the memory
 * stays free.  Returns the number of pages pinned, or a negative errno.
 */
long dmaref_machine_fragment(unsigned int max_order);
/* Releases what dmaref_machine_fragment() pinned. */
void dmaref_machine_defragment(void);

struct dmaref_memory_stats {
	size_t zone_free[3];		/* bytes free: DMA, DMA32, NORMAL */
	size_t cma_free;		/* bytes free in the contiguous area */
	size_t cma_allocs;		/* allocations served by it */
	size_t cma_fallbacks;		/* large allocations it could not serve */
	size_t largest_free_block;	/* bytes, outside the contiguous area */
	size_t iova_allocs;
};
void dmaref_memory_stats(struct dmaref_memory_stats *stats);

/* Writes back every dirty cache line of @dev's buffers now (an eviction). */
void dmaref_cache_evict_all(struct device *dev);

/* ---- reports ---------------------------------------------------------- */

/* The dma-debug error classes, plus what only a simulated cache can see. */
enum dmaref_error_class {
	/* NULL, freed or foreign device, size 0 or too large, bad direction */
	DMAREF_ERR_INVALID_ARGUMENT,
	DMAREF_ERR_FREE_INVALID_ADDRESS, /* free/unmap of DMA_MAPPING_ERROR */
	DMAREF_ERR_FREE_NOT_ALLOCATED,	/* free/unmap of an unknown buffer */
	DMAREF_ERR_FREE_WRONG_SIZE,
	DMAREF_ERR_FREE_WRONG_FUNCTION,	/* e.g. coherent freed as pages */
	DMAREF_ERR_FREE_WRONG_CPU_ADDRESS,
	DMAREF_ERR_FREE_WRONG_SG_COUNT,
	DMAREF_ERR_FREE_WRONG_DIRECTION,
	DMAREF_ERR_MAP_ERROR_UNCHECKED,	/* dma_mapping_error() never called */
	DMAREF_ERR_SYNC_NOT_ALLOCATED,
	DMAREF_ERR_SYNC_OUT_OF_RANGE,
	DMAREF_ERR_SYNC_WRONG_DIRECTION,
	DMAREF_ERR_SYNC_READ_ONLY_FOR_CPU, /* mapped TO_DEVICE, synced for CPU */
	DMAREF_ERR_SYNC_WRITE_ONLY_FOR_DEVICE, /* mapped FROM_DEVICE, TO_DEVICE sync */
	DMAREF_ERR_SYNC_WRONG_SG_COUNT,
	DMAREF_ERR_MAP_FROM_STACK,
	DMAREF_ERR_MAP_FROM_RODATA,
	DMAREF_ERR_MAP_FROM_VMAP,	/* a dma_vmap_noncontiguous() address */
	DMAREF_ERR_OVERLAPPING_CACHELINE,
	DMAREF_ERR_LEAK,		/* still allocated at dmaref_device_free() */
	DMAREF_ERR_CPU_WRITE_DEVICE_OWNED, /* seen at the next sync */
	DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED,
	DMAREF_ERR_DEVICE_UNMAPPED,	/* device access outside any buffer */
	DMAREF_ERR_DEVICE_UNREACHABLE,	/* device access above its mask */
	DMAREF_ERR_CACHE_SYNC_UNKNOWN,	/* dma_cache_sync() on unknown memory */
	/* TO_DEVICE: read CPU stores made after the last _for_device */
	DMAREF_ERR_DEVICE_READ_UNSYNCED,
	/* the simulator itself ran short: host memory, device slots */
	DMAREF_ERR_OUT_OF_MEMORY,
	DMAREF_NR_ERROR_CLASSES
};

struct dmaref_report {
	enum dmaref_error_class class;
	const char *class_name;		/* e.g. "free-wrong-size" */
	const char *device;		/* device name */
	const char *call;		/* the API call that found it */
	const char *buffer;		/* "<alloc call> [dma 0x.. size N]" */
	dma_addr_t dma_addr;		/* start of the buffer (or the address) */
	size_t offset;			/* first offending byte in the buffer */
	size_t size;			/* size the call named */
	enum dma_data_direction dir;	/* direction the call named */
	const char *message;		/* the whole line, without newline */
};

typedef void (*dmaref_report_fn)(const struct dmaref_report *report,
				 void *arg);

/*
 * Installs @fn (NULL: print to stderr, the default) and returns the
 * previous handler.  The handler runs with no library lock held.
 */
dmaref_report_fn dmaref_set_report_handler(dmaref_report_fn fn, void *arg);

/* Reports so far (all classes / one class). */
unsigned long dmaref_error_count(void);
unsigned long dmaref_error_count_class(enum dmaref_error_class class);
void dmaref_error_count_reset(void);
const char *dmaref_error_class_name(enum dmaref_error_class class);

#endif /* _DMAREF_SIM_H */
