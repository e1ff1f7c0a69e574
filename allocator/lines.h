/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cache lines of a buffer: walking a byte range line by line, the per-line
 * bitmaps, and the line operations the cache model is made of.  Shared by
 * cache.c (hand-offs), access.c (the device side) and evict.c.
 *
 * Views (see phys.c): cpu is what the CPU sees, ram what memory holds and
 * shadow the CPU line as it was when last clean.  A line is dirty when cpu
 * differs from its clean copy.  For a cached buffer the clean copy usually
 * *is* memory's view (a write back or an invalidate leaves them equal):
 * the in_ram bit says so, and saves copying every line twice.  It is
 * cleared, after saving the line into shadow, when the device changes
 * memory under a clean CPU line.
 */
#ifndef _DMAREF_LINES_H
#define _DMAREF_LINES_H

#include <string.h>

#include "internal.h"

#define LONG_BITS	(8 * sizeof(unsigned long))

struct line {
	struct dmaref_seg *seg;
	size_t seg_off;		/* first byte of the line in the segment */
	size_t len;
	size_t buf_off;		/* first byte of the line in the buffer */
	unsigned long index;	/* line number within the buffer */
};

typedef bool (*line_fn)(struct dmaref_buf *buf, struct line *l, void *arg);

static inline size_t line_misalign(const struct dmaref_buf *buf)
{
	return (unsigned long)buf->segs[0].cpu & ((1UL << buf->line_shift) - 1);
}

static inline size_t nr_lines(const struct dmaref_buf *buf)
{
	return ((buf->span + line_misalign(buf)) >> buf->line_shift) + 1;
}

/*
 * Calls @fn for every line touching [off, off + len), clipped to the
 * buffer.  Segments hold whole lines (they split only at page bounds), so
 * a line never straddles two.  Stops early when @fn returns false.
 */
static __always_inline void walk_lines(struct dmaref_buf *buf, size_t off,
				       size_t len, line_fn fn, void *arg)
{
	size_t lsize = 1UL << buf->line_shift, mis = line_misalign(buf);
	size_t end = dmaref_clip_end(off, len, buf->span);
	size_t seg_start = 0, pos;
	unsigned int s = 0;
	struct line l;

	if (off >= end)
		return;
	/* Round down to the start of the line holding @off. */
	pos = ((off + mis) & ~(lsize - 1));
	pos = pos > mis ? pos - mis : 0;
	while (pos < end) {
		size_t next = ((pos + mis) | (lsize - 1)) + 1 - mis;

		while (pos >= seg_start + buf->segs[s].len)
			seg_start += buf->segs[s++].len;
		if (next > seg_start + buf->segs[s].len)
			next = seg_start + buf->segs[s].len;
		l.seg = &buf->segs[s];
		l.seg_off = pos - seg_start;
		l.len = next - pos;
		l.buf_off = pos;
		l.index = (pos + mis) >> buf->line_shift;
		if (!fn(buf, &l, arg))
			return;
		pos = next;
	}
}

/* ---- per-line bits ---- */

static inline bool bit_get(const unsigned long *map, size_t i)
{
	return map && (map[i / LONG_BITS] >> (i % LONG_BITS)) & 1;
}

static inline void bit_assign(unsigned long *map, size_t i, bool v)
{
	if (!map)
		return;
	if (v)
		map[i / LONG_BITS] |= 1UL << (i % LONG_BITS);
	else
		map[i / LONG_BITS] &= ~(1UL << (i % LONG_BITS));
}

void bits_assign(unsigned long *map, size_t from, size_t to, bool v);

static inline bool line_device_owned(const struct dmaref_buf *buf,
				     const struct line *l)
{
	return bit_get(buf->dev_owned, l->index);
}

static inline void line_set_owner(struct dmaref_buf *buf,
				  const struct line *l, bool device)
{
	bit_assign(buf->dev_owned, l->index, device);
}

/*
 * The device only reads a DMA_TO_DEVICE buffer: the CPU may refill lines
 * it handed off without taking them back first (nothing of the device's
 * can be lost).  What breaks the rules there is the device reading bytes
 * the CPU changed after the last _for_device sync (access.c).
 */
static inline bool device_only_reads(const struct dmaref_buf *buf)
{
	return buf->dir == DMA_TO_DEVICE;
}

/* ---- line operations ---- */

/* Where the clean copy of the line lives: memory's view or the shadow. */
static inline const u8 *line_clean(const struct dmaref_buf *buf,
				   const struct line *l)
{
	if (bit_get(buf->in_ram, l->index))
		return l->seg->ram + l->seg_off;
	return l->seg->shadow + l->seg_off;
}

/* Word by word: a dirty line usually differs in its first word. */
static inline bool line_dirty(const struct dmaref_buf *buf,
			      const struct line *l)
{
	const u8 *c = l->seg->cpu + l->seg_off;
	const u8 *s = line_clean(buf, l);
	size_t i;

	if ((l->len | (unsigned long)c | (unsigned long)s) & 7)
		return memcmp(c, s, l->len);
	for (i = 0; i < l->len; i += 8) {
		u64 a, b;

		memcpy(&a, c + i, 8);
		memcpy(&b, s + i, 8);
		if (a != b)
			return true;
	}
	return false;
}

/* Buffer offset of the first byte the CPU changed in the line. */
static inline size_t line_first_change(const struct dmaref_buf *buf,
				       const struct line *l)
{
	const u8 *c = l->seg->cpu + l->seg_off;
	const u8 *s = line_clean(buf, l);
	size_t i;

	for (i = 0; i < l->len && c[i] == s[i]; i++)
		;
	return l->buf_off + i;
}

/* Write back: memory gets the CPU's line, which is clean again. */
static inline void line_write_back(struct dmaref_buf *buf, struct line *l)
{
	struct dmaref_seg *s = l->seg;

	if (buf->cached) {
		memcpy(s->ram + l->seg_off, s->cpu + l->seg_off, l->len);
		bit_assign(buf->in_ram, l->index, true);
	} else {
		memcpy(s->shadow + l->seg_off, s->cpu + l->seg_off, l->len);
	}
}

/* Invalidate: the CPU rereads memory; dirty data in the line is lost. */
static inline void line_invalidate(struct dmaref_buf *buf, struct line *l)
{
	struct dmaref_seg *s = l->seg;

	if (buf->cached) {
		memcpy(s->cpu + l->seg_off, s->ram + l->seg_off, l->len);
		bit_assign(buf->in_ram, l->index, true);
	} else {
		memcpy(s->shadow + l->seg_off, s->cpu + l->seg_off, l->len);
	}
}

/* Memory is about to change under the line: keep its clean copy apart. */
static inline void line_detach_clean(struct dmaref_buf *buf, struct line *l)
{
	struct dmaref_seg *s = l->seg;

	if (!bit_get(buf->in_ram, l->index))
		return;
	memcpy(s->shadow + l->seg_off, s->ram + l->seg_off, l->len);
	bit_assign(buf->in_ram, l->index, false);
}

/*
 * An eviction of a line the CPU refilled after handing it to a device that
 * only reads it: memory gets the new bytes, but the clean copy stays the
 * one handed off, so a device read still tells them apart (torn data).
 */
static inline void line_write_back_unsynced(struct dmaref_buf *buf,
					    struct line *l)
{
	struct dmaref_seg *s = l->seg;

	line_detach_clean(buf, l);
	memcpy(s->ram + l->seg_off, s->cpu + l->seg_off, l->len);
}

/* ---- shared by the cache files ---- */

struct write_check {
	const char *call;
	enum dma_data_direction dir;
	size_t first;
	size_t lines;
};

bool dmaref_line_check(struct dmaref_buf *buf, struct line *l, void *arg);
void dmaref_report_cpu_writes(struct dmaref_buf *buf,
			      const struct write_check *wc, size_t len);
void dmaref_materialize(struct dmaref_buf *buf);
int dmaref_cached_add(struct dmaref_buf *buf);
void dmaref_cached_del(struct dmaref_buf *buf);

#endif /* _DMAREF_LINES_H */
