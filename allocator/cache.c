// SPDX-License-Identifier: GPL-2.0
/*
 * The non-coherent cache model and the ownership sanitizer built on it.
 *
 * A cached buffer has three views per byte (see phys.c): cpu, ram, shadow.
 * A cache line is dirty when cpu differs from shadow.  The operations work
 * on whole lines, as hardware does, clipped to the buffer:
 *
 *   write back  (a _for_device sync): dirty lines go to ram; shadow = cpu;
 *   invalidate  (a _for_cpu sync):    cpu = shadow = ram; dirty data is lost.
 *
 * A coherent buffer (coherent device, or dma_alloc_coherent() memory) has
 * one view: the device reads and writes cpu directly.  If ownership rules
 * apply to it (a streaming map on a coherent device) shadow still records
 * the CPU view at hand-off, and device writes update it too.
 *
 * Ownership is tracked per line (bit set: the device owns it).  A CPU
 * write into a device-owned line is seen at the next sync or unmap of that
 * line (cpu != shadow there) or when the eviction model writes it back.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- eviction: dirty lines written back at seeded random moments ---- */

static struct dmaref_buf **cached;
static long nr_cached, cached_cap;
static unsigned long long rng_state;
static unsigned int evict_rate;

static unsigned long long rng_next(void)
{
	/* xorshift64*: tiny, seedable, good enough to pick lines. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

void dmaref_cache_set_eviction(unsigned long seed, unsigned int rate)
{
	rng_state = seed ? seed : 0;
	evict_rate = seed ? rate : 0;
}

static int cached_add(struct dmaref_buf *buf)
{
	if (nr_cached == cached_cap) {
		long cap = cached_cap ? 2 * cached_cap : 64;
		struct dmaref_buf **n = realloc(cached, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		cached = n;
		cached_cap = cap;
	}
	buf->cache_slot = nr_cached;
	cached[nr_cached++] = buf;
	return 0;
}

static void cached_del(struct dmaref_buf *buf)
{
	struct dmaref_buf *last;

	if (buf->cache_slot < 0)
		return;
	last = cached[--nr_cached];
	cached[buf->cache_slot] = last;
	last->cache_slot = buf->cache_slot;
	buf->cache_slot = -1;
}

/* ---- walking a byte range line by line ---- */

struct line {
	struct dmaref_seg *seg;
	size_t seg_off;		/* first byte of the line in the segment */
	size_t len;
	size_t buf_off;		/* first byte of the line in the buffer */
	unsigned long index;	/* line number within the buffer */
};

typedef bool (*line_fn)(struct dmaref_buf *buf, struct line *l, void *arg);

static size_t line_misalign(const struct dmaref_buf *buf)
{
	return (unsigned long)buf->segs[0].cpu & ((1UL << buf->line_shift) - 1);
}

/*
 * Calls @fn for every line touching [off, off + len), clipped to the
 * buffer.  Segments hold whole lines (they split only at page bounds), so
 * a line never straddles two.  Stops early when @fn returns false.
 */
static inline __attribute__((always_inline))
void for_each_line(struct dmaref_buf *buf, size_t off, size_t len,
		   line_fn fn, void *arg)
{
	size_t lsize = 1UL << buf->line_shift, mis = line_misalign(buf);
	size_t end = off + len > buf->span ? buf->span : off + len;
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

/* Word by word: a dirty line usually differs in its first word. */
static inline bool line_dirty(const struct line *l)
{
	const u8 *c = l->seg->cpu + l->seg_off;
	const u8 *s = l->seg->shadow + l->seg_off;
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

static bool line_device_owned(const struct dmaref_buf *buf,
			      const struct line *l)
{
	const unsigned long bits = 8 * sizeof(unsigned long);

	return buf->dev_owned &&
	       (buf->dev_owned[l->index / bits] >> (l->index % bits)) & 1;
}

static void line_set_owner(struct dmaref_buf *buf, const struct line *l,
			   bool device)
{
	const unsigned long bits = 8 * sizeof(unsigned long);
	unsigned long bit = 1UL << (l->index % bits);

	if (!buf->dev_owned)
		return;
	if (device)
		buf->dev_owned[l->index / bits] |= bit;
	else
		buf->dev_owned[l->index / bits] &= ~bit;
}

static void line_write_back(struct dmaref_buf *buf, struct line *l)
{
	struct dmaref_seg *s = l->seg;

	if (buf->cached)
		memcpy(s->ram + l->seg_off, s->cpu + l->seg_off, l->len);
	memcpy(s->shadow + l->seg_off, s->cpu + l->seg_off, l->len);
}

static size_t first_difference(const struct line *l)
{
	const struct dmaref_seg *s = l->seg;
	size_t i;

	for (i = 0; i < l->len; i++)
		if (s->cpu[l->seg_off + i] != s->shadow[l->seg_off + i])
			break;
	return l->buf_off + i;
}

/* ---- setup ---- */

/*
 * Fresh memory zeroes memory's view and the shadow only when something
 * first looks at them: an allocation that is freed untouched, or only
 * written by the CPU, never pays for it.
 */
static void materialize(struct dmaref_buf *buf)
{
	unsigned int s;

	if (!buf->views_pending)
		return;
	for (s = 0; s < buf->nr_segs; s++) {
		if (buf->cached)
			memset(buf->segs[s].ram, 0, buf->segs[s].len);
		memset(buf->segs[s].shadow, 0, buf->segs[s].len);
	}
	buf->views_pending = false;
}

static bool any_device_owned(const struct dmaref_buf *buf)
{
	size_t nlines = ((buf->span + line_misalign(buf)) >> buf->line_shift) + 1;
	const size_t bits = 8 * sizeof(unsigned long);
	size_t i;

	if (!buf->dev_owned)
		return false;
	for (i = 0; i < (nlines + bits - 1) / bits; i++)
		if (buf->dev_owned[i])
			return true;
	return false;
}

int dmaref_cache_setup(struct dmaref_buf *buf, enum dmaref_fill fill)
{
	size_t nlines = ((buf->span + line_misalign(buf)) >> buf->line_shift) + 1;
	const size_t bits = 8 * sizeof(unsigned long);
	unsigned int s;

	if (buf->tracked) {
		buf->dev_owned = calloc((nlines + bits - 1) / bits, sizeof(long));
		if (!buf->dev_owned)
			return -ENOMEM;
	}
	if (buf->cached && cached_add(buf))
		return -ENOMEM;
	if (fill == FILL_KNOWN_ZERO)
		return 0;
	if (fill == FILL_ZERO) {
		for (s = 0; s < buf->nr_segs; s++)
			memset(buf->segs[s].cpu, 0, buf->segs[s].len);
		buf->views_pending = buf->cached || buf->tracked;
		return 0;
	}
	/* A mapping starts clean: cache and memory agree on its contents. */
	for (s = 0; s < buf->nr_segs; s++) {
		struct dmaref_seg *seg = &buf->segs[s];

		if (buf->cached)
			memcpy(seg->ram, seg->cpu, seg->len);
		if (buf->cached || buf->tracked)
			memcpy(seg->shadow, seg->cpu, seg->len);
	}
	return 0;
}

void dmaref_cache_teardown(struct dmaref_buf *buf)
{
	cached_del(buf);
	free(buf->dev_owned);
	buf->dev_owned = NULL;
}

/* ---- the sanitizer's check ---- */

struct write_check {
	const char *call;
	enum dma_data_direction dir;
	size_t first;
	size_t lines;
};

static void report_cpu_writes(struct dmaref_buf *buf,
			      const struct write_check *wc, size_t len);

static bool check_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct write_check *wc = arg;

	if (!line_device_owned(buf, l) || !line_dirty(l))
		return true;
	if (!wc->lines++)
		wc->first = first_difference(l);
	return true;
}

/* Reports CPU stores into device-owned lines of [off, off + len). */
void dmaref_cache_check_cpu_writes(struct dmaref_buf *buf, size_t off,
				   size_t len, const char *call,
				   enum dma_data_direction dir)
{
	struct write_check wc = { .call = call, .dir = dir };

	if (!buf->tracked || !any_device_owned(buf))
		return;
	materialize(buf);
	for_each_line(buf, off, len, check_line, &wc);
	report_cpu_writes(buf, &wc, len);
}

/* ---- hand-offs ---- */

static bool write_back_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	if (line_dirty(l))
		line_write_back(buf, l);
	return true;
}

static bool invalidate_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct dmaref_seg *s = l->seg;

	if (buf->cached) {
		memcpy(s->cpu + l->seg_off, s->ram + l->seg_off, l->len);
		memcpy(s->shadow + l->seg_off, s->ram + l->seg_off, l->len);
	} else {
		memcpy(s->shadow + l->seg_off, s->cpu + l->seg_off, l->len);
	}
	line_set_owner(buf, l, false);
	return true;
}

static bool take_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	line_set_owner(buf, l, false);
	return true;
}

void dmaref_cache_writeback(struct dmaref_buf *buf, size_t off, size_t len)
{
	if (!buf->cached)
		return;
	materialize(buf);
	for_each_line(buf, off, len, write_back_line, NULL);
}

void dmaref_cache_invalidate(struct dmaref_buf *buf, size_t off, size_t len)
{
	if (!buf->cached)
		return;
	materialize(buf);
	for_each_line(buf, off, len, invalidate_line, NULL);
}

/*
 * A _for_device sync, in one pass.  A line the device already owns is
 * compared: dirty means a CPU store after the hand-off (reported) and is
 * written back.  A line the CPU owns needs no comparison while memory
 * still matches the clean CPU line (no rule broken by the device): copying
 * it changes nothing unless it is dirty.  Runs of such lines are copied
 * with one memcpy each, at memory bandwidth.
 */
struct give {
	struct write_check wc;
	struct dmaref_seg *run_seg;
	size_t run_off;
	size_t run_len;
};

static void flush_run(struct dmaref_buf *buf, struct give *g)
{
	struct dmaref_seg *s = g->run_seg;

	if (!g->run_len)
		return;
	if (buf->cached)
		memcpy(s->ram + g->run_off, s->cpu + g->run_off, g->run_len);
	memcpy(s->shadow + g->run_off, s->cpu + g->run_off, g->run_len);
	g->run_len = 0;
}

static bool give_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct give *g = arg;
	bool owned = line_device_owned(buf, l);

	if (owned || buf->diverged || !buf->tracked) {
		flush_run(buf, g);
		if (line_dirty(l)) {
			if (owned && !g->wc.lines++)
				g->wc.first = first_difference(l);
			line_write_back(buf, l);
		}
	} else if (g->run_len && g->run_seg == l->seg &&
		   g->run_off + g->run_len == l->seg_off) {
		g->run_len += l->len;
	} else {
		flush_run(buf, g);
		g->run_seg = l->seg;
		g->run_off = l->seg_off;
		g->run_len = l->len;
	}
	line_set_owner(buf, l, true);
	return true;
}

static void report_cpu_writes(struct dmaref_buf *buf,
			      const struct write_check *wc, size_t len)
{
	if (wc->lines)
		dmaref_report(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED, buf->dev,
			      wc->call, buf, wc->first, len, wc->dir,
			      "CPU wrote %zu cache line(s) of a buffer the device owns, first at byte %zu",
			      wc->lines, wc->first);
}

/*
 * The common geometry (one segment, lines aligned with the buffer) takes
 * whole runs of lines with the same owner at once: one memcpy or memcmp
 * per run instead of a loop per line, so a sync moves data at memory
 * bandwidth.  Runs whose comparison differs fall back to the line loop.
 */
static bool simple_geometry(const struct dmaref_buf *buf)
{
	return buf->nr_segs == 1 && !line_misalign(buf) && buf->dev_owned;
}

#define LONG_BITS	(8 * sizeof(unsigned long))

static bool owner_bit(const struct dmaref_buf *buf, size_t line)
{
	return (buf->dev_owned[line / LONG_BITS] >> (line % LONG_BITS)) & 1;
}

/* The first line after @line, up to @end, whose owner differs. */
static size_t run_end(const struct dmaref_buf *buf, size_t line, size_t end)
{
	bool owned = owner_bit(buf, line);

	while (line < end) {
		unsigned long w = buf->dev_owned[line / LONG_BITS];

		w = (owned ? ~w : w) >> (line % LONG_BITS);
		if (w) {
			line += __builtin_ctzl(w);
			break;
		}
		line = (line / LONG_BITS + 1) * LONG_BITS;
	}
	return line < end ? line : end;
}

static void set_owner_range(struct dmaref_buf *buf, size_t from, size_t to,
			    bool device)
{
	while (from < to) {
		unsigned long *w = &buf->dev_owned[from / LONG_BITS];

		if (!(from % LONG_BITS) && to - from >= LONG_BITS) {
			*w = device ? ~0UL : 0;
			from += LONG_BITS;
			continue;
		}
		if (device)
			*w |= 1UL << (from % LONG_BITS);
		else
			*w &= ~(1UL << (from % LONG_BITS));
		from++;
	}
}

struct range {
	size_t first, end;	/* lines [first, end) */
	size_t from, to;	/* bytes [from, to) */
};

static void line_range(const struct dmaref_buf *buf, size_t off, size_t len,
		       struct range *r)
{
	size_t stop = off + len > buf->span ? buf->span : off + len;

	r->first = off >> buf->line_shift;
	r->end = (stop + (1UL << buf->line_shift) - 1) >> buf->line_shift;
	r->from = r->first << buf->line_shift;
	r->to = r->end << buf->line_shift;
	if (r->to > buf->span)
		r->to = buf->span;
}

static size_t line_offset(const struct dmaref_buf *buf, size_t line)
{
	size_t off = line << buf->line_shift;

	return off > buf->span ? buf->span : off;
}

static bool give_owned_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct write_check *wc = arg;

	if (line_dirty(l)) {
		if (!wc->lines++)
			wc->first = first_difference(l);
		line_write_back(buf, l);
	}
	return true;
}

static void give_fast(struct dmaref_buf *buf, size_t off, size_t len,
		      struct write_check *wc)
{
	struct dmaref_seg *s = &buf->seg0;
	struct range r;
	size_t line;

	line_range(buf, off, len, &r);
	for (line = r.first; line < r.end;) {
		bool owned = owner_bit(buf, line);
		size_t next = run_end(buf, line, r.end);
		size_t from = line_offset(buf, line), to = line_offset(buf, next);

		if (!owned && !buf->diverged) {
			if (buf->cached)
				memcpy(s->ram + from, s->cpu + from, to - from);
			memcpy(s->shadow + from, s->cpu + from, to - from);
		} else if (memcmp(s->cpu + from, s->shadow + from, to - from)) {
			for_each_line(buf, from, to - from, owned ? give_owned_line :
				      write_back_line, wc);
		}
		line = next;
	}
	set_owner_range(buf, r.first, r.end, true);
}

static void take_fast(struct dmaref_buf *buf, size_t off, size_t len,
		      struct write_check *wc, bool invalidate)
{
	struct dmaref_seg *s = &buf->seg0;
	struct range r;
	size_t line;

	line_range(buf, off, len, &r);
	for (line = r.first; line < r.end;) {
		size_t next = run_end(buf, line, r.end);
		size_t from = line_offset(buf, line), to = line_offset(buf, next);

		if (owner_bit(buf, line) &&
		    memcmp(s->cpu + from, s->shadow + from, to - from))
			for_each_line(buf, from, to - from, check_line, wc);
		line = next;
	}
	if (invalidate && buf->cached) {
		memcpy(s->cpu + r.from, s->ram + r.from, r.to - r.from);
		memcpy(s->shadow + r.from, s->ram + r.from, r.to - r.from);
	} else if (invalidate) {
		memcpy(s->shadow + r.from, s->cpu + r.from, r.to - r.from);
	}
	set_owner_range(buf, r.first, r.end, false);
}

void dmaref_cache_for_device(struct dmaref_buf *buf, size_t off, size_t len,
			     const char *call, enum dma_data_direction dir)
{
	struct give g = { .wc = { .call = call, .dir = dir } };

	if (!buf->cached && !buf->tracked)
		return;		/* one view and no owner: nothing to do */
	materialize(buf);
	if (simple_geometry(buf)) {
		give_fast(buf, off, len, &g.wc);
	} else {
		for_each_line(buf, off, len, give_line, &g);
		flush_run(buf, &g);
	}
	report_cpu_writes(buf, &g.wc, len);
}

void dmaref_cache_for_cpu(struct dmaref_buf *buf, size_t off, size_t len,
			  const char *call, enum dma_data_direction dir,
			  bool invalidate)
{
	struct write_check wc = { .call = call, .dir = dir };

	if (!buf->cached && !buf->tracked)
		return;
	materialize(buf);
	if (simple_geometry(buf)) {
		take_fast(buf, off, len, &wc, invalidate);
		report_cpu_writes(buf, &wc, len);
		return;
	}
	dmaref_cache_check_cpu_writes(buf, off, len, call, dir);
	for_each_line(buf, off, len, invalidate ? invalidate_line : take_line,
		      NULL);
}

/* ---- the device side ---- */

struct access {
	u8 *data;
	bool write;
	bool cpu_owned;
	size_t first;
	size_t start;		/* buffer offset of data[0] */
	size_t end;
};

static bool access_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct access *a = arg;
	struct dmaref_seg *s = l->seg;
	size_t from = l->buf_off > a->start ? l->buf_off : a->start;
	size_t to = l->buf_off + l->len < a->end ? l->buf_off + l->len : a->end;
	size_t in_seg = l->seg_off + (from - l->buf_off);
	u8 *mem = buf->cached ? s->ram : s->cpu;

	if (buf->tracked && !line_device_owned(buf, l)) {
		if (!a->cpu_owned) {
			a->cpu_owned = true;
			a->first = from;
		}
		/* Memory now differs from the CPU's clean line. */
		if (a->write)
			buf->diverged = true;
	}
	/* A TO_DEVICE buffer is not invalidated when the CPU takes it back. */
	if (a->write && buf->dir == DMA_TO_DEVICE)
		buf->diverged = true;
	if (a->write) {
		memcpy(mem + in_seg, a->data + (from - a->start), to - from);
		/* The one view changed under the CPU: not a CPU store. */
		if (!buf->cached && buf->tracked)
			memcpy(s->shadow + in_seg, s->cpu + in_seg, to - from);
	} else {
		memcpy(a->data + (from - a->start), mem + in_seg, to - from);
	}
	return true;
}

int dmaref_cache_device_access(struct dmaref_buf *buf, size_t off, void *data,
			       size_t len, bool write)
{
	struct access a = {
		.data = data, .write = write, .start = off, .end = off + len,
	};

	materialize(buf);
	for_each_line(buf, off, len, access_line, &a);
	if (a.cpu_owned)
		dmaref_report(DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED, buf->dev,
			      write ? "dmaref_device_write" : "dmaref_device_read",
			      buf, a.first, len, buf->dir,
			      "device %s a buffer the CPU owns (no _for_device sync since the CPU took it), at byte %zu",
			      write ? "wrote" : "read", a.first);
	return 0;
}

/* ---- eviction ---- */

struct evict {
	bool all;
	size_t reported;
};

static bool evict_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct evict *e = arg;

	if (!e->all && (rng_next() & 1))
		return true;
	if (!line_dirty(l))
		return true;
	if (line_device_owned(buf, l) && !e->reported++)
		dmaref_report(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED, buf->dev,
			      "cache eviction", buf, first_difference(l),
			      l->len, buf->dir,
			      "dirty cache line written back over memory the device owns (a CPU store after the hand-off), at byte %zu",
			      first_difference(l));
	line_write_back(buf, l);
	return true;
}

static void evict_buffer(struct dmaref_buf *buf, bool all)
{
	struct evict e = { .all = all };

	materialize(buf);
	for_each_line(buf, 0, buf->span, evict_line, &e);
}

/* Called at every API entry: now and then, a buffer's dirty lines leave. */
void dmaref_cache_tick(void)
{
	if (!evict_rate || !nr_cached)
		return;
	if (rng_next() % 1000 >= evict_rate)
		return;
	evict_buffer(cached[rng_next() % nr_cached], false);
}

void dmaref_cache_evict_all(struct device *dev)
{
	long i;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, "dmaref_cache_evict_all")) {
		dmaref_unlock();
		return;
	}
	for (i = 0; i < nr_cached; i++)
		if (cached[i]->dev == dev)
			evict_buffer(cached[i], true);
	dmaref_unlock();
}
