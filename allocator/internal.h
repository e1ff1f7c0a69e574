/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libdmaref internals shared by the allocator's files.
 *
 * One global lock (dmaref_lock()) guards the machine, the devices and the
 * buffer table: drivers sync from interrupt and process context at once,
 * and a single lock keeps every model invariant simple to state.  Reports
 * raised under the lock are queued and delivered by dmaref_unlock(), so a
 * report handler may call back into the library.
 */
#ifndef _DMAREF_INTERNAL_H
#define _DMAREF_INTERNAL_H

#include <stdint.h>

#include <linux/types.h>
#include <linux/mm.h>
#include <linux/device.h>
#include <linux/dma-direction.h>
#include <linux/scatterlist.h>
#include <dmaref/sim.h>

#define DMAREF_NR_ZONES		3
#define DMAREF_DMA_LIMIT	(16ULL << 20)	/* ZONE_DMA ends here */
#define DMAREF_DMA32_LIMIT	(4ULL << 30)	/* ZONE_DMA32 ends here */
#define DMAREF_ATTR_NON_CONSISTENT	(1UL << 3)	/* the 5.9 attribute */

enum dmaref_zone {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
};

/*
 * ---- range arithmetic that cannot overflow ----
 * Sizes and addresses come from the caller: "a + len > limit" wraps for a
 * large len and lets a bad range pass.  These compare differences instead.
 */

/* [a, a + alen) and [b, b + blen) share a byte. */
static inline bool dmaref_ranges_overlap(uintptr_t a, size_t alen,
					 uintptr_t b, size_t blen)
{
	if (!alen || !blen)
		return false;
	return a <= b ? b - a < alen : a - b < blen;
}

/* [p, p + len) runs past the top of the address space. */
static inline bool dmaref_range_wraps(uintptr_t p, size_t len)
{
	return len && len - 1 > UINTPTR_MAX - p;
}

/* The end of [off, off + len) clipped to @limit. */
static inline size_t dmaref_clip_end(size_t off, size_t len, size_t limit)
{
	return off >= limit || len >= limit - off ? limit : off + len;
}

/* ---- lock and reports (report.c) ---- */
void dmaref_lock(void);
void dmaref_unlock(void);

struct dmaref_buf;
void dmaref_report(enum dmaref_error_class class, struct device *dev,
		   const char *call, const struct dmaref_buf *buf,
		   size_t offset, size_t size, enum dma_data_direction dir,
		   const char *fmt, ...) __printf(8, 9);
const char *dmaref_dir_name(enum dma_data_direction dir);

/* ---- simulated physical memory (phys.c) ---- */
struct dmaref_bank {
	phys_addr_t start;
	size_t size;
	size_t arena_off;	/* where the bank starts in each host view */
	enum dmaref_zone zone;
};

struct dmaref_phys {
	struct dmaref_bank bank[DMAREF_NR_ZONES];
	size_t arena_size;
	u8 *cpu;		/* the CPU's (cached) view of all memory */
	u8 *ram;		/* memory's view */
	u8 *shadow;		/* the CPU view as last made clean */
	int memfd;		/* backs @cpu, so vmaps can alias it */
	struct page *pages;	/* one per page of the arena */
	unsigned long nr_pages;
};
extern struct dmaref_phys dmaref_phys;

int dmaref_phys_init(const struct dmaref_machine_config *cfg);
void dmaref_phys_exit(void);
bool dmaref_phys_valid(phys_addr_t pa, size_t len);
bool dmaref_cpu_in_arena(const void *p);

/*
 * Address translations, inline: every allocation and free makes several,
 * and as calls they cost more than the arithmetic (make bench).
 */
static inline const struct dmaref_bank *dmaref_bank_of(phys_addr_t pa)
{
	/* Each zone's bank starts at the zone's base: the address says which. */
	const struct dmaref_bank *b = &dmaref_phys.bank[
		pa >= DMAREF_DMA32_LIMIT ? ZONE_NORMAL :
		pa >= DMAREF_DMA_LIMIT ? ZONE_DMA32 : ZONE_DMA];

	return pa - b->start < b->size ? b : NULL;
}

static inline size_t dmaref_phys_to_off(phys_addr_t pa)
{
	const struct dmaref_bank *b = dmaref_bank_of(pa);

	return b->arena_off + (pa - b->start);
}

static inline phys_addr_t dmaref_off_to_phys(size_t off)
{
	int z;

	for (z = 0; z < DMAREF_NR_ZONES; z++) {
		const struct dmaref_bank *b = &dmaref_phys.bank[z];

		if (off >= b->arena_off && off - b->arena_off < b->size)
			return b->start + (off - b->arena_off);
	}
	return ~(phys_addr_t)0;
}

static inline enum dmaref_zone dmaref_phys_zone(phys_addr_t pa)
{
	return dmaref_bank_of(pa)->zone;
}

static inline struct page *dmaref_phys_to_page(phys_addr_t pa)
{
	return &dmaref_phys.pages[dmaref_phys_to_off(pa) >> PAGE_SHIFT];
}

static inline phys_addr_t dmaref_page_phys(const struct page *page)
{
	size_t idx = page - dmaref_phys.pages;

	return dmaref_off_to_phys(idx << PAGE_SHIFT);
}

/* ---- page allocator and zones (buddy.c, zone.c) ---- */
#define PG_BUDDY	0x1UL	/* head of a free block; order in private */
#define PG_RESERVED	0x2UL	/* carved out: CMA, pools, pins */
#define PG_ZERO		0x4UL	/* free, and zero in every view (zero.c) */

struct dmaref_buddy {
	struct page *free[MAX_ORDER];
	unsigned long nr_free[MAX_ORDER];
	unsigned long start_pfn;
	unsigned long nr_pages;
	unsigned long free_pages;
	struct page *first_page;
};
extern struct dmaref_buddy dmaref_zones[DMAREF_NR_ZONES];

void dmaref_buddy_init(struct dmaref_buddy *z, unsigned long start_pfn,
		       unsigned long nr_pages);
struct page *dmaref_buddy_alloc(struct dmaref_buddy *z, unsigned int order);
void dmaref_buddy_free(struct dmaref_buddy *z, struct page *page,
		       unsigned int order);
size_t dmaref_buddy_largest(const struct dmaref_buddy *z);

struct page *dmaref_zone_alloc(u64 mask, unsigned int order);
void dmaref_zone_free(struct page *page, unsigned int order);
int dmaref_zone_init(void);
void dmaref_zone_drain(void);

/* ---- known-zero pages (zero.c) ---- */
bool dmaref_zero_take(phys_addr_t pa, size_t len);
bool dmaref_zero_release(phys_addr_t pa, size_t len);
void dmaref_zero_mark_all(void);

/* ---- bitmap areas: CMA and coherent pools (area.c, cma.c, pool.c) ---- */
struct dmaref_area {
	phys_addr_t base;
	unsigned long nr_pages;
	unsigned long *bitmap;	/* one bit per page, set = in use */
	unsigned long used;
};

int dmaref_area_init(struct dmaref_area *a, phys_addr_t base,
		     unsigned long nr_pages);
void dmaref_area_exit(struct dmaref_area *a);
long dmaref_area_alloc(struct dmaref_area *a, unsigned long nr,
		       unsigned long align);
void dmaref_area_free(struct dmaref_area *a, unsigned long first,
		      unsigned long nr);
bool dmaref_area_contains(const struct dmaref_area *a, phys_addr_t pa);
void dmaref_area_reserve_pages(const struct dmaref_area *a);

int dmaref_cma_init(size_t size);
void dmaref_cma_exit(void);
bool dmaref_cma_alloc(u64 mask, size_t size, phys_addr_t *pa);
bool dmaref_cma_free(phys_addr_t pa, size_t size);
void dmaref_cma_stats(struct dmaref_memory_stats *st);

struct dmaref_pool;
struct dmaref_pool *dmaref_pool_new(size_t size, u64 mask);
void dmaref_pool_destroy(struct dmaref_pool *pool);
bool dmaref_pool_alloc(struct dmaref_pool *pool, size_t size, phys_addr_t *pa);
bool dmaref_pool_free(struct dmaref_pool *pool, phys_addr_t pa, size_t size);
int dmaref_global_pool_init(size_t size);
void dmaref_global_pool_exit(void);
struct dmaref_pool *dmaref_global_pool(void);

/* ---- physically contiguous allocation policy (contig.c) ---- */
enum dmaref_source {
	SRC_NONE,		/* memory the caller owns (a streaming map) */
	SRC_BUDDY,
	SRC_CMA,
	SRC_DEV_POOL,
	SRC_GLOBAL_POOL,
	SRC_PAGES,		/* discontiguous single pages */
};

bool dmaref_contig_alloc(struct device *dev, u64 mask, size_t size,
			 enum dmaref_source *src, phys_addr_t *pa);
void dmaref_contig_free(struct device *dev, enum dmaref_source src,
			phys_addr_t pa, size_t size);

/* ---- IOVA space of an IOMMU device (iova.c) ---- */
struct dmaref_iova_range {
	u64 start, end;		/* [start, end) */
	struct dmaref_iova_range *next;
};

struct dmaref_iova {
	struct dmaref_iova_range *free;	/* sorted, merged */
	u64 base, limit;
};

int dmaref_iova_init(struct dmaref_iova *io, u64 base, u64 limit);
void dmaref_iova_exit(struct dmaref_iova *io);
u64 dmaref_iova_alloc(struct dmaref_iova *io, size_t size);
void dmaref_iova_free(struct dmaref_iova *io, u64 addr, size_t size);
extern size_t dmaref_iova_allocs;
u64 dmaref_machine_iova_base(void);

/* ---- buffers: what the debug bookkeeping tracks (debug.c) ---- */
enum dmaref_buf_type {
	BUF_SINGLE,
	BUF_PAGE,
	BUF_SG,
	BUF_COHERENT,
	BUF_NONCOHERENT,
	BUF_PAGES,
	BUF_NONCONTIG,
};

/* One physically contiguous piece of a buffer and its three views. */
struct dmaref_seg {
	phys_addr_t phys;
	size_t len;
	u8 *cpu;
	u8 *ram;
	u8 *shadow;
};

struct dmaref_buf {
	/* What a lookup reads, together in the first cache line. */
	struct dmaref_buf *dma_next;	/* hash chain by DMA page */
	struct dmaref_buf *exact_next;	/* hash chain by DMA address */
	struct device *dev;
	dma_addr_t dma;
	size_t span;			/* bytes the views cover */
	size_t size;			/* size the caller asked for */
	struct dmaref_buf *cpu_next;	/* hash chain by CPU address */
	struct dmaref_buf *live_prev, *live_next; /* device's list */
	enum dmaref_buf_type type;
	const char *call;		/* the call that made it */
	enum dma_data_direction dir;
	unsigned long attrs;
	void *cpu;			/* what the caller got (or gave) */
	enum dmaref_source src;
	phys_addr_t phys;		/* for contiguous sources */
	size_t alloc_size;		/* bytes taken from @src */
	size_t iova_size;		/* bytes of IOVA space taken */
	bool cached;			/* CPU view separate from memory's */
	bool tracked;			/* ownership rules apply */
	bool managed;			/* dmam_*: freed at device free */
	bool map_err_checked;
	bool bounced;			/* views are stand-in pages */
	bool views_pending;		/* ram and shadow still to be zeroed */
	/* The device broke a rule: ram may differ from a clean CPU line. */
	bool diverged;
	bool iova;			/* @dma comes from the IOVA space */
	int sg_nents;
	struct sg_table *sgt;
	void *vmap;			/* dma_vmap_noncontiguous() address */
	unsigned int line_shift;	/* cache line size, log2 */
	unsigned long *bitmaps;		/* storage of the two below */
	unsigned long small_maps[4];	/* ...for up to 128 lines */
	unsigned long *dev_owned;	/* bit per line: device owns it */
	unsigned long *in_ram;		/* bit per line: clean copy is ram */
	unsigned int nr_segs;
	struct dmaref_seg *segs;
	struct dmaref_seg seg0;		/* storage when nr_segs == 1 */
	long cache_slot;		/* index in the eviction table, or -1 */
};

struct dmaref_buf *dmaref_buf_new(struct device *dev,
				  enum dmaref_buf_type type,
				  const char *call, unsigned int nr_segs);
void dmaref_buf_destroy(struct dmaref_buf *buf);
void dmaref_buf_insert(struct dmaref_buf *buf);
void dmaref_buf_remove(struct dmaref_buf *buf);
struct dmaref_buf *dmaref_buf_find_exact(struct device *dev, dma_addr_t dma);
struct dmaref_buf *dmaref_buf_find_contain(struct device *dev,
					   dma_addr_t dma, size_t len);
struct dmaref_buf *dmaref_buf_find_cpu(const void *cpu);
const char *dmaref_buf_type_name(enum dmaref_buf_type type);
void dmaref_buf_seg_set(struct dmaref_seg *seg, phys_addr_t phys, size_t len);
void dmaref_report_oom(struct device *dev, const char *call, const char *what);
int dmaref_debug_init(void);
extern unsigned long dmaref_debug_probes;

/* ---- the cache model (cache.c) ---- */
enum dmaref_fill {
	FILL_SNAPSHOT,		/* a mapping: memory holds what the CPU sees */
	FILL_ZERO,		/* fresh memory: clear it */
	FILL_KNOWN_ZERO,	/* fresh memory already zero in every view */
};
int dmaref_cache_setup(struct dmaref_buf *buf, enum dmaref_fill fill);
void dmaref_cache_teardown(struct dmaref_buf *buf);
void dmaref_cache_for_device(struct dmaref_buf *buf, size_t off, size_t len,
			     const char *call, enum dma_data_direction dir);
void dmaref_cache_for_cpu(struct dmaref_buf *buf, size_t off, size_t len,
			  const char *call, enum dma_data_direction dir,
			  bool invalidate);
void dmaref_cache_invalidate(struct dmaref_buf *buf, size_t off, size_t len);
void dmaref_cache_writeback(struct dmaref_buf *buf, size_t off, size_t len);
void dmaref_cache_check_cpu_writes(struct dmaref_buf *buf, size_t off,
				   size_t len, const char *call,
				   enum dma_data_direction dir);
void dmaref_cache_tick(void);
void dmaref_cache_set_eviction(unsigned long seed, unsigned int rate);
int dmaref_cache_device_access(struct dmaref_buf *buf, size_t off, void *data,
			       size_t len, bool write);

/* ---- devices (device.c, registry.c) ---- */
#define MAX_DEVICES		256	/* live at once */
#define DMAREF_NAME_LEN		64

struct dmaref_dev {
	struct device *dev;
	u64 mask;			/* *dev->dma_mask points here */
	bool coherent;
	bool iommu;
	unsigned int cache_line;
	struct dmaref_iova iova;
	struct dmaref_pool *pool;	/* per-device coherent pool */
	struct dmaref_buf *live;	/* buffers, for the leak check */
	unsigned long nr_live;
	unsigned long max_span_pages;	/* bounds containing lookups */
	unsigned int id;
	struct dmaref_devres *devres;	/* devm_ allocations */
	char name[DMAREF_NAME_LEN];
};

/*
 * The device registry (registry.c): every struct device lives in a slot
 * of one table, so whether a pointer is a live device of ours is decided
 * from its value alone, never by reading through it.
 */
#define DMAREF_DEV_SLOTS	1024

enum dmaref_slot_state {
	SLOT_UNUSED,
	SLOT_LIVE,
	SLOT_FREED,		/* dmaref_device_free() was called on it */
};

struct dmaref_dev_slot {
	struct device dev;	/* first: a device pointer is a slot pointer */
	enum dmaref_slot_state state;
	unsigned int generation;	/* times the slot was handed out */
} __aligned(64);

extern struct dmaref_dev_slot dmaref_dev_slots[DMAREF_DEV_SLOTS];

/* The slot @dev is the start of, or NULL (NULL, made-up, misaligned). */
static inline struct dmaref_dev_slot *dmaref_dev_slot(const struct device *dev)
{
	uintptr_t off = (uintptr_t)dev - (uintptr_t)dmaref_dev_slots;

	if (off >= sizeof(dmaref_dev_slots) ||
	    off % sizeof(dmaref_dev_slots[0]))
		return NULL;
	return &dmaref_dev_slots[off / sizeof(dmaref_dev_slots[0])];
}

struct device *dmaref_registry_take(void);
void dmaref_registry_release(struct device *dev, const char *name);
const char *dmaref_registry_name(const struct device *dev);
void dmaref_dev_report_invalid(struct device *dev, const char *call);

/*
 * Called with the lock held, at every entry point: a NULL, freed or
 * foreign device is reported (never read) and the call fails.
 */
static inline bool dmaref_dev_valid(struct device *dev, const char *call)
{
	const struct dmaref_dev_slot *s = dmaref_dev_slot(dev);

	if (likely(s && s->state == SLOT_LIVE))
		return true;
	dmaref_dev_report_invalid(dev, call);
	return false;
}
void dmaref_buf_release(struct dmaref_buf *buf);
struct dmaref_buf *dmaref_alloc_noncoherent(struct device *dev, size_t size,
					    dma_addr_t *handle,
					    enum dma_data_direction dir,
					    gfp_t gfp, const char *call,
					    enum dmaref_buf_type type);
void dmaref_devres_release(struct dmaref_dev *d);
bool dmaref_is_vmap(const void *p, size_t len);
void dmaref_vmap_release(struct dmaref_buf *buf);

/* 5.9 only: declared in <linux/dma-mapping.h> under DMAREF_API_5_9. */
void dma_cache_sync(struct device *dev, void *vaddr, size_t size,
		    enum dma_data_direction dir);

/* ---- streaming maps (map.c, map_sg.c, origin.c) ---- */
struct dmaref_free_ref;
struct dmaref_buf *dmaref_map_buffer(struct device *dev, void *ptr,
				     size_t size, enum dma_data_direction dir,
				     unsigned long attrs, const char *call,
				     enum dmaref_buf_type type);
void dmaref_unmap_one(struct device *dev, const struct dmaref_free_ref *ref);
void dmaref_check_origin(struct device *dev, const char *call, const void *p,
			 size_t size, enum dma_data_direction dir);
bool dmaref_stack_overrun(const void *p, size_t size);

/* ---- argument checks shared by the API front (checks.c) ---- */
bool dmaref_check_dir(struct device *dev, const char *call,
		      enum dma_data_direction dir);
bool dmaref_check_size(struct device *dev, const char *call, size_t size);
void dmaref_report_alloc_size(struct device *dev, const char *call,
			      size_t size);

/* 0 < @size <= the machine's memory; anything else is reported. */
static inline bool dmaref_check_alloc_size(struct device *dev,
					   const char *call, size_t size)
{
	if (likely(size - 1 < dmaref_phys.arena_size))
		return true;
	dmaref_report_alloc_size(dev, call, size);
	return false;
}

bool dmaref_check_map_range(struct device *dev, const char *call,
			    const void *ptr, size_t size,
			    enum dma_data_direction dir);
bool dmaref_bounce_too_large(const void *ptr, size_t size);
void dmaref_report_null_free(struct device *dev, const char *call,
			     dma_addr_t handle, size_t size,
			     enum dma_data_direction dir, const char *what);
bool dmaref_check_gfp(struct device *dev, const char *call, gfp_t gfp,
		      bool zones_fatal);
struct dmaref_free_ref {
	const char *call;
	dma_addr_t dma;
	size_t size;
	enum dmaref_buf_type type;
	enum dma_data_direction dir;	/* DMA_NONE: the call names none */
	const void *cpu;		/* NULL: the call names none */
	int sg_nents;			/* 0: not a scatter-gather call */
};
struct dmaref_buf *dmaref_check_free(struct device *dev,
				     const struct dmaref_free_ref *ref);
bool dmaref_gfp_can_block(gfp_t gfp);
extern unsigned long dmaref_nr_devices;
int dmaref_ensure_machine(void);
int dmaref_ensure_machine_locked(void);
void dmaref_mmio_release(struct device *dev);
void dmaref_irq_release(void *dev_id);

#endif /* _DMAREF_INTERNAL_H */
