// SPDX-License-Identifier: GPL-2.0
/*
 * Debug bookkeeping: every live buffer (allocation or mapping), found by
 * DMA address or by CPU address in constant time however many are live.
 *
 * Buffers hash on (device, page frame of their first DMA byte).  A lookup
 * for an address inside a buffer walks back page by page from the address,
 * never further than the device's largest buffer: the cost depends on the
 * buffer's size, not on how many buffers are live.  Frees, unmaps and syncs
 * of a whole buffer name its first byte: a second table, on (device, DMA
 * address), finds those without looking at the page's other buffers.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define HASH_BITS	17
#define HASH_SIZE	(1UL << HASH_BITS)

static struct dmaref_buf **dma_table;
static struct dmaref_buf **exact_table;
/* Buffers looked at by lookups so far: the bench shows it per lookup. */
unsigned long dmaref_debug_probes;
static struct dmaref_buf **cpu_table;
static unsigned long max_cpu_pages;	/* largest allocation, in pages */

/* Recently freed buffer records, reused: allocation churn is the norm. */
#define SPARE_BUFS	256
static struct dmaref_buf *spare[SPARE_BUFS];
static unsigned int nr_spare;


static const char *const type_names[] = {
	[BUF_SINGLE]		= "single",
	[BUF_PAGE]		= "page",
	[BUF_SG]		= "scatter-gather",
	[BUF_COHERENT]		= "coherent",
	[BUF_NONCOHERENT]	= "noncoherent",
	[BUF_PAGES]		= "pages",
	[BUF_NONCONTIG]		= "noncontiguous",
};

const char *dmaref_buf_type_name(enum dmaref_buf_type type)
{
	return type_names[type];
}

static unsigned long hash_key(unsigned long a, unsigned long b)
{
	unsigned long long h = (a * 0x9e3779b97f4a7c15ULL) ^ b;

	h *= 0xff51afd7ed558ccdULL;
	return (h >> 29) & (HASH_SIZE - 1);
}

static unsigned long dma_bucket(const struct device *dev, dma_addr_t dma)
{
	return hash_key(dev->dmaref->id + 1, dma >> PAGE_SHIFT);
}

static unsigned long exact_bucket(const struct device *dev, dma_addr_t dma)
{
	return hash_key(dev->dmaref->id + 1, dma);
}

static unsigned long cpu_bucket(const void *cpu)
{
	return hash_key(0, (unsigned long)cpu >> PAGE_SHIFT);
}

int dmaref_debug_init(void)
{
	if (dma_table)
		return 0;
	dma_table = calloc(HASH_SIZE, sizeof(*dma_table));
	exact_table = calloc(HASH_SIZE, sizeof(*exact_table));
	cpu_table = calloc(HASH_SIZE, sizeof(*cpu_table));
	if (dma_table && exact_table && cpu_table)
		return 0;
	/* All or none: the next boot takes a set dma_table for all three. */
	free(dma_table);
	free(exact_table);
	free(cpu_table);
	dma_table = exact_table = cpu_table = NULL;
	return -ENOMEM;
}


/*
 * Out of line on purpose: inlined with its constant size, the clearing of
 * a spare record becomes a "rep stos" whose start-up costs more than the
 * library's vector memset of these few hundred bytes (make bench).
 */
static __attribute__((noipa)) void clear_record(void *p, size_t len)
{
	memset(p, 0, len);
}

static struct dmaref_buf *buf_record(void)
{
	struct dmaref_buf *buf;

	if (!nr_spare)
		return calloc(1, sizeof(*buf));
	buf = spare[--nr_spare];
	clear_record(buf, sizeof(*buf));
	return buf;
}

/* Called with the lock held, when the host has no memory for @what. */
void dmaref_report_oom(struct device *dev, const char *call, const char *what)
{
	dmaref_report(DMAREF_ERR_OUT_OF_MEMORY, dev, call, NULL, 0, 0,
		      DMA_NONE, "no host memory for %s: the call fails", what);
}

struct dmaref_buf *dmaref_buf_new(struct device *dev,
				  enum dmaref_buf_type type,
				  const char *call, unsigned int nr_segs)
{
	struct dmaref_buf *buf = buf_record();

	if (!buf) {
		dmaref_report_oom(dev, call, "the buffer's record");
		return NULL;
	}
	buf->dev = dev;
	buf->type = type;
	buf->call = call;
	buf->nr_segs = nr_segs;
	buf->cache_slot = -1;
	buf->line_shift = __builtin_ctz(dev->dmaref->cache_line);
	if (nr_segs <= 1) {
		buf->segs = &buf->seg0;
	} else {
		buf->segs = calloc(nr_segs, sizeof(*buf->segs));
		if (!buf->segs) {
			dmaref_report_oom(dev, call, "the buffer's page list");
			dmaref_buf_destroy(buf);
			return NULL;
		}
	}
	return buf;
}

void dmaref_buf_destroy(struct dmaref_buf *buf)
{
	if (!buf)
		return;
	dmaref_cache_teardown(buf);
	if (buf->segs != &buf->seg0)
		free(buf->segs);
	if (nr_spare < SPARE_BUFS)
		spare[nr_spare++] = buf;
	else
		free(buf);
}

/* Fills a segment of simulated memory with its three views. */
void dmaref_buf_seg_set(struct dmaref_seg *seg, phys_addr_t phys, size_t len)
{
	size_t off = dmaref_phys_to_off(phys);

	seg->phys = phys;
	seg->len = len;
	seg->cpu = dmaref_phys.cpu + off;
	seg->ram = dmaref_phys.ram + off;
	seg->shadow = dmaref_phys.shadow + off;
}

static bool indexed_by_cpu(const struct dmaref_buf *buf)
{
	/* Allocations own their CPU address; mappings may share one. */
	return buf->type >= BUF_COHERENT && buf->cpu;
}

void dmaref_buf_insert(struct dmaref_buf *buf)
{
	struct dmaref_dev *d = buf->dev->dmaref;
	unsigned long b = dma_bucket(buf->dev, buf->dma);
	unsigned long pages = (buf->span >> PAGE_SHIFT) + 2;

	buf->dma_next = dma_table[b];
	dma_table[b] = buf;
	b = exact_bucket(buf->dev, buf->dma);
	buf->exact_next = exact_table[b];
	exact_table[b] = buf;
	if (indexed_by_cpu(buf)) {
		b = cpu_bucket(buf->cpu);
		buf->cpu_next = cpu_table[b];
		cpu_table[b] = buf;
		if (pages > max_cpu_pages)
			max_cpu_pages = pages;
	}
	buf->live_prev = NULL;
	buf->live_next = d->live;
	if (d->live)
		d->live->live_prev = buf;
	d->live = buf;
	d->nr_live++;
	if (pages > d->max_span_pages)
		d->max_span_pages = pages;
}

/* The chain's link lives at @off in each buffer. */
#define CHAIN(b, off)	(*(struct dmaref_buf **)((char *)(b) + (off)))

static void unlink_chain(struct dmaref_buf **head, struct dmaref_buf *buf,
			 size_t off)
{
	struct dmaref_buf **link = head;

	while (*link && *link != buf)
		link = &CHAIN(*link, off);
	if (*link)
		*link = CHAIN(buf, off);
}

void dmaref_buf_remove(struct dmaref_buf *buf)
{
	struct dmaref_dev *d = buf->dev->dmaref;

	unlink_chain(&dma_table[dma_bucket(buf->dev, buf->dma)], buf,
		     offsetof(struct dmaref_buf, dma_next));
	unlink_chain(&exact_table[exact_bucket(buf->dev, buf->dma)], buf,
		     offsetof(struct dmaref_buf, exact_next));
	if (indexed_by_cpu(buf))
		unlink_chain(&cpu_table[cpu_bucket(buf->cpu)], buf,
			     offsetof(struct dmaref_buf, cpu_next));
	if (buf->live_prev)
		buf->live_prev->live_next = buf->live_next;
	else
		d->live = buf->live_next;
	if (buf->live_next)
		buf->live_next->live_prev = buf->live_prev;
	d->nr_live--;
}

struct dmaref_buf *dmaref_buf_find_exact(struct device *dev, dma_addr_t dma)
{
	struct dmaref_buf *buf;

	for (buf = exact_table[exact_bucket(dev, dma)]; buf;
	     buf = buf->exact_next) {
		dmaref_debug_probes++;
		if (buf->dev == dev && buf->dma == dma)
			return buf;
	}
	return NULL;
}

/* The buffer of @dev holding [dma, dma + len), or failing that, dma alone. */
struct dmaref_buf *dmaref_buf_find_contain(struct device *dev,
					   dma_addr_t dma, size_t len)
{
	unsigned long pfn = dma >> PAGE_SHIFT, i;
	unsigned long limit = dev->dmaref->max_span_pages;
	struct dmaref_buf *buf, *partial = NULL;

	for (i = 0; i <= limit && i <= pfn; i++) {
		dma_addr_t probe = (dma_addr_t)(pfn - i) << PAGE_SHIFT;

		for (buf = dma_table[dma_bucket(dev, probe)]; buf;
		     buf = buf->dma_next) {
			dmaref_debug_probes++;
			if (buf->dev != dev || buf->dma > dma ||
			    dma - buf->dma >= buf->span)
				continue;
			if (len <= buf->span - (dma - buf->dma))
				return buf;
			partial = buf;
		}
		if (partial)
			return partial;
	}
	return NULL;
}

/* The allocation whose CPU view holds @cpu. */
struct dmaref_buf *dmaref_buf_find_cpu(const void *cpu)
{
	const u8 *p = cpu;
	unsigned long i;
	struct dmaref_buf *buf;

	/* Allocations are page aligned: walk back over the largest one. */
	for (i = 0; i <= max_cpu_pages; i++) {
		const u8 *probe = (const u8 *)(((unsigned long)p & PAGE_MASK) -
					       (i << PAGE_SHIFT));

		for (buf = cpu_table[cpu_bucket(probe)]; buf; buf = buf->cpu_next) {
			const u8 *start = buf->cpu;

			if (p >= start && (size_t)(p - start) < buf->span)
				return buf;
		}
		if ((unsigned long)probe < PAGE_SIZE)
			break;
	}
	return NULL;
}
