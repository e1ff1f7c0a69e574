// SPDX-License-Identifier: GPL-2.0
/*
 * The non-coherent cache model: setting a buffer's views up and the two
 * hand-offs, with the ownership sanitizer's check of CPU stores.
 *
 *   _for_device: dirty lines go to memory; the device owns the lines.
 *   _for_cpu:    the CPU rereads memory (an invalidate: dirty data is
 *                lost, as on hardware); the CPU owns the lines.
 *
 * A coherent buffer (coherent device, or dma_alloc_coherent() memory) has
 * one view: the device reads and writes cpu directly.  If ownership rules
 * apply to it (a streaming map on a coherent device) shadow records the
 * CPU view at hand-off, so CPU stores after it are still seen.
 *
 * Ownership is tracked per line.  A CPU store into a device-owned line is
 * seen at the next sync or free of that line (cpu differs from its clean
 * copy) or when the eviction model writes it back (evict.c).  Not for a
 * DMA_TO_DEVICE buffer: there the store is legal, and only a device read
 * of the changed bytes before the next _for_device is reported (access.c).
 */
#include <stdlib.h>

#include "lines.h"

void bits_assign(unsigned long *map, size_t from, size_t to, bool v)
{
	if (!map)
		return;
	while (from < to) {
		if (!(from % LONG_BITS) && to - from >= LONG_BITS) {
			map[from / LONG_BITS] = v ? ~0UL : 0;
			from += LONG_BITS;
			continue;
		}
		bit_assign(map, from++, v);
	}
}

/* ---- setup ---- */

/*
 * Fresh memory zeroes memory's view (or the shadow) only when something
 * first looks at it: an allocation freed untouched, or only written by the
 * CPU, never pays for it.
 */
void dmaref_materialize(struct dmaref_buf *buf)
{
	unsigned int s;

	if (!buf->views_pending)
		return;
	for (s = 0; s < buf->nr_segs; s++) {
		struct dmaref_seg *seg = &buf->segs[s];

		memset(buf->cached ? seg->ram : seg->shadow, 0, seg->len);
	}
	bits_assign(buf->in_ram, 0, nr_lines(buf), true);
	buf->views_pending = false;
}

static int alloc_bitmaps(struct dmaref_buf *buf)
{
	size_t words = (nr_lines(buf) + LONG_BITS - 1) / LONG_BITS;
	unsigned long *maps;

	if (!buf->tracked && !buf->cached)
		return 0;
	if (2 * words <= ARRAY_SIZE(buf->small_maps)) {
		maps = buf->small_maps;		/* zeroed with the buffer */
	} else {
		maps = calloc(2 * words, sizeof(*maps));
		if (!maps)
			return -ENOMEM;
		buf->bitmaps = maps;
	}
	if (buf->tracked)
		buf->dev_owned = maps;
	if (buf->cached)
		buf->in_ram = maps + words;
	return 0;
}

int dmaref_cache_setup(struct dmaref_buf *buf, enum dmaref_fill fill)
{
	unsigned int s;

	if (alloc_bitmaps(buf) || (buf->cached && dmaref_cached_add(buf))) {
		dmaref_report_oom(buf->dev, buf->call,
				  "the buffer's cache-line bookkeeping");
		return -ENOMEM;
	}
	switch (fill) {
	case FILL_KNOWN_ZERO:
		/* Every view is zero: the clean copy is memory's view. */
		bits_assign(buf->in_ram, 0, nr_lines(buf), true);
		break;
	case FILL_ZERO:
		for (s = 0; s < buf->nr_segs; s++)
			memset(buf->segs[s].cpu, 0, buf->segs[s].len);
		buf->views_pending = buf->cached || buf->tracked;
		break;
	case FILL_SNAPSHOT:
		/* A mapping starts clean: memory holds what the CPU sees. */
		for (s = 0; s < buf->nr_segs; s++) {
			struct dmaref_seg *seg = &buf->segs[s];

			if (buf->cached)
				memcpy(seg->ram, seg->cpu, seg->len);
			else if (buf->tracked)
				memcpy(seg->shadow, seg->cpu, seg->len);
		}
		bits_assign(buf->in_ram, 0, nr_lines(buf), true);
		break;
	}
	return 0;
}

void dmaref_cache_teardown(struct dmaref_buf *buf)
{
	dmaref_cached_del(buf);
	free(buf->bitmaps);
	buf->bitmaps = buf->dev_owned = buf->in_ram = NULL;
}

/* ---- the sanitizer's check ---- */

bool dmaref_line_check(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct write_check *wc = arg;

	if (!line_device_owned(buf, l) || !line_dirty(buf, l))
		return true;
	if (!wc->lines++)
		wc->first = line_first_change(buf, l);
	return true;
}

void dmaref_report_cpu_writes(struct dmaref_buf *buf,
			      const struct write_check *wc, size_t len)
{
	if (wc->lines)
		dmaref_report(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED, buf->dev,
			      wc->call, buf, wc->first, len, wc->dir,
			      "CPU wrote %zu cache line(s) of a buffer the device owns, first at byte %zu",
			      wc->lines, wc->first);
}

static bool any_device_owned(const struct dmaref_buf *buf)
{
	size_t i, words = (nr_lines(buf) + LONG_BITS - 1) / LONG_BITS;

	for (i = 0; buf->dev_owned && i < words; i++)
		if (buf->dev_owned[i])
			return true;
	return false;
}

/* Reports CPU stores into device-owned lines of [off, off + len). */
void dmaref_cache_check_cpu_writes(struct dmaref_buf *buf, size_t off,
				   size_t len, const char *call,
				   enum dma_data_direction dir)
{
	struct write_check wc = { .call = call, .dir = dir };

	if (!buf->tracked || device_only_reads(buf) || !any_device_owned(buf))
		return;
	dmaref_materialize(buf);
	walk_lines(buf, off, len, dmaref_line_check, &wc);
	dmaref_report_cpu_writes(buf, &wc, len);
}

/* ---- line by line: any geometry ---- */

static bool write_back_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	if (line_dirty(buf, l))
		line_write_back(buf, l);
	return true;
}

static bool invalidate_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	line_invalidate(buf, l);
	line_set_owner(buf, l, false);
	return true;
}

static bool take_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	line_set_owner(buf, l, false);
	return true;
}

/*
 * A device-owned line is compared: dirty means a CPU store after the
 * hand-off.  A CPU-owned line is copied without comparing while memory
 * still matches its clean copy (no rule broken by the device): copying a
 * clean line changes nothing.
 */
static bool give_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct write_check *wc = arg;
	bool owned = line_device_owned(buf, l);

	if (!owned && !buf->diverged && buf->tracked) {
		line_write_back(buf, l);
	} else if (line_dirty(buf, l)) {
		if (owned && !device_only_reads(buf) && !wc->lines++)
			wc->first = line_first_change(buf, l);
		line_write_back(buf, l);
	}
	line_set_owner(buf, l, true);
	return true;
}

void dmaref_cache_writeback(struct dmaref_buf *buf, size_t off, size_t len)
{
	if (!buf->cached)
		return;
	dmaref_materialize(buf);
	walk_lines(buf, off, len, write_back_line, NULL);
}

void dmaref_cache_invalidate(struct dmaref_buf *buf, size_t off, size_t len)
{
	if (!buf->cached)
		return;
	dmaref_materialize(buf);
	walk_lines(buf, off, len, invalidate_line, NULL);
}

/* ---- whole runs of lines: the common geometry ---- */

/*
 * One segment with lines aligned to the buffer (every allocation, most
 * mappings) is handled a run of same-state lines at a time: one memcpy or
 * memcmp per run instead of a loop per line, so a sync moves data at
 * memory bandwidth.  A run whose comparison differs falls back to lines.
 */
static bool simple_geometry(const struct dmaref_buf *buf)
{
	return buf->nr_segs == 1 && !line_misalign(buf) && buf->dev_owned;
}

/* The first line in (line, end) whose bit in @map differs from line's. */
static size_t map_run_end(const unsigned long *map, size_t line, size_t end)
{
	bool set = bit_get(map, line);

	if (!map)
		return end;
	while (line < end) {
		unsigned long w = map[line / LONG_BITS];

		w = (set ? ~w : w) >> (line % LONG_BITS);
		if (w) {
			line += __builtin_ctzl(w);
			break;
		}
		line = (line / LONG_BITS + 1) * LONG_BITS;
	}
	return line < end ? line : end;
}

/* Lines [line, result) share owner and clean-copy place. */
static size_t run_end(const struct dmaref_buf *buf, size_t line, size_t end)
{
	size_t a = map_run_end(buf->dev_owned, line, end);
	size_t b = map_run_end(buf->in_ram, line, end);

	return a < b ? a : b;
}

static size_t line_offset(const struct dmaref_buf *buf, size_t line)
{
	size_t off = line << buf->line_shift;

	return off > buf->span ? buf->span : off;
}

struct run {
	size_t line, next;	/* lines [line, next) */
	size_t from, to;	/* bytes [from, to) */
	bool owned;
	const u8 *clean;	/* clean copy of byte @from */
};

typedef void (*run_fn)(struct dmaref_buf *buf, struct run *r, void *arg);

/* Calls @fn on each run of lines covering [off, off + len). */
static void walk_runs(struct dmaref_buf *buf, size_t off, size_t len,
		      run_fn fn, void *arg)
{
	struct dmaref_seg *s = &buf->seg0;
	size_t stop = dmaref_clip_end(off, len, buf->span);
	size_t end = (stop + (1UL << buf->line_shift) - 1) >> buf->line_shift;
	struct run r;

	for (r.line = off >> buf->line_shift; r.line < end; r.line = r.next) {
		r.next = run_end(buf, r.line, end);
		r.from = line_offset(buf, r.line);
		r.to = line_offset(buf, r.next);
		r.owned = bit_get(buf->dev_owned, r.line);
		r.clean = (bit_get(buf->in_ram, r.line) ? s->ram : s->shadow) +
			  r.from;
		fn(buf, &r, arg);
	}
}

static void give_run(struct dmaref_buf *buf, struct run *r, void *arg)
{
	struct dmaref_seg *s = &buf->seg0;
	size_t n = r->to - r->from;

	if (!r->owned && !buf->diverged) {
		if (buf->cached)
			memcpy(s->ram + r->from, s->cpu + r->from, n);
		else
			memcpy(s->shadow + r->from, s->cpu + r->from, n);
		bits_assign(buf->in_ram, r->line, r->next, true);
	} else if (memcmp(s->cpu + r->from, r->clean, n)) {
		walk_lines(buf, r->from, n, give_line, arg);
	}
	bits_assign(buf->dev_owned, r->line, r->next, true);
}

static void check_run(struct dmaref_buf *buf, struct run *r, void *arg)
{
	struct dmaref_seg *s = &buf->seg0;

	if (r->owned && memcmp(s->cpu + r->from, r->clean, r->to - r->from))
		walk_lines(buf, r->from, r->to - r->from, dmaref_line_check,
			   arg);
}

static void take_fast(struct dmaref_buf *buf, size_t off, size_t len,
		      struct write_check *wc, bool invalidate)
{
	struct dmaref_seg *s = &buf->seg0;
	size_t stop = dmaref_clip_end(off, len, buf->span);
	size_t first = off >> buf->line_shift;
	size_t end = (stop + (1UL << buf->line_shift) - 1) >> buf->line_shift;
	size_t from = line_offset(buf, first), to = line_offset(buf, end);

	if (off >= buf->span)
		return;
	if (!device_only_reads(buf))
		walk_runs(buf, off, len, check_run, wc);
	if (invalidate && buf->cached) {
		memcpy(s->cpu + from, s->ram + from, to - from);
		bits_assign(buf->in_ram, first, end, true);
	} else if (invalidate) {
		memcpy(s->shadow + from, s->cpu + from, to - from);
	}
	bits_assign(buf->dev_owned, first, end, false);
}

/* ---- the hand-offs ---- */

void dmaref_cache_for_device(struct dmaref_buf *buf, size_t off, size_t len,
			     const char *call, enum dma_data_direction dir)
{
	struct write_check wc = { .call = call, .dir = dir };

	if (!buf->cached && !buf->tracked)
		return;		/* one view and no owner: nothing to do */
	dmaref_materialize(buf);
	if (simple_geometry(buf))
		walk_runs(buf, off, len, give_run, &wc);
	else
		walk_lines(buf, off, len, give_line, &wc);
	dmaref_report_cpu_writes(buf, &wc, len);
}

void dmaref_cache_for_cpu(struct dmaref_buf *buf, size_t off, size_t len,
			  const char *call, enum dma_data_direction dir,
			  bool invalidate)
{
	struct write_check wc = { .call = call, .dir = dir };

	if (!buf->cached && !buf->tracked)
		return;
	dmaref_materialize(buf);
	if (simple_geometry(buf)) {
		take_fast(buf, off, len, &wc, invalidate);
	} else {
		if (!device_only_reads(buf))
			walk_lines(buf, off, len, dmaref_line_check, &wc);
		walk_lines(buf, off, len,
			   invalidate ? invalidate_line : take_line, NULL);
	}
	dmaref_report_cpu_writes(buf, &wc, len);
}
