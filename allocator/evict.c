// SPDX-License-Identifier: GPL-2.0
/*
 * Eviction: real caches write dirty lines back whenever they need the
 * room, not only at syncs.  With a seed (DMAREF_EVICT_SEED or the machine
 * config) some API calls write back dirty lines of a random cached buffer,
 * so a CPU store into a device-owned buffer corrupts the device's data the
 * way hardware would; the sanitizer reports it as it happens.
 */
#include <stdlib.h>

#include "lines.h"

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
	rng_state = seed;
	evict_rate = seed ? rate : 0;
}

int dmaref_cached_add(struct dmaref_buf *buf)
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

void dmaref_cached_del(struct dmaref_buf *buf)
{
	struct dmaref_buf *last;

	if (buf->cache_slot < 0)
		return;
	last = cached[--nr_cached];
	cached[buf->cache_slot] = last;
	last->cache_slot = buf->cache_slot;
	buf->cache_slot = -1;
}

struct evict {
	bool all;
	size_t reported;
};

static bool evict_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct evict *e = arg;
	size_t first;

	if (!e->all && (rng_next() & 1))
		return true;
	if (!line_dirty(buf, l))
		return true;
	if (line_device_owned(buf, l) && device_only_reads(buf)) {
		/* Legal; a device read of it is what gets reported. */
		line_write_back_unsynced(buf, l);
		return true;
	}
	if (line_device_owned(buf, l) && !e->reported++) {
		first = line_first_change(buf, l);
		dmaref_report(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED, buf->dev,
			      "cache eviction", buf, first, l->len, buf->dir,
			      "dirty cache line written back over memory the device owns (a CPU store after the hand-off), at byte %zu",
			      first);
	}
	/* The line goes to memory, over whatever the device put there. */
	line_write_back(buf, l);
	return true;
}

static void evict_buffer(struct dmaref_buf *buf, bool all)
{
	struct evict e = { .all = all };

	dmaref_materialize(buf);
	walk_lines(buf, 0, buf->span, evict_line, &e);
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
