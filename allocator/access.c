// SPDX-License-Identifier: GPL-2.0
/*
 * The device side of the cache model: a device reads and writes memory's
 * view (a non-coherent device) or the one shared view (a coherent device
 * or coherent memory), and the sanitizer checks it owns what it touches.
 */
#include "lines.h"

struct access {
	u8 *data;
	bool write;
	bool cpu_owned;
	size_t first;
	size_t start;		/* buffer offset of data[0] */
	size_t end;
	size_t unsynced;	/* bytes read that the CPU changed... */
	size_t first_unsynced;	/* ...after the hand-off, and the first */
};

/*
 * A device read of a line it owns in a DMA_TO_DEVICE buffer: the bytes
 * must be the ones handed off, the line's clean copy.  The CPU view
 * differing there means a store after the hand-off with no _for_device
 * since: the device gets stale bytes, or new ones if an eviction wrote the
 * line back (evict.c keeps the handed-off copy apart then).
 */
static void note_unsynced(struct dmaref_buf *buf, struct line *l,
			  struct access *a, size_t from, size_t to)
{
	size_t at = from - l->buf_off, n = to - from, i;
	const u8 *cpu = l->seg->cpu + l->seg_off + at;
	const u8 *clean = line_clean(buf, l) + at;

	if (a->write || !buf->tracked || !device_only_reads(buf) ||
	    !line_device_owned(buf, l) || !memcmp(cpu, clean, n))
		return;
	for (i = 0; i < n; i++) {
		if (cpu[i] == clean[i])
			continue;
		if (!a->unsynced++)
			a->first_unsynced = from + i;
	}
}

static void note_rules(struct dmaref_buf *buf, struct line *l,
		       struct access *a, size_t from)
{
	if (buf->tracked && !line_device_owned(buf, l)) {
		if (!a->cpu_owned) {
			a->cpu_owned = true;
			a->first = from;
		}
		/* Memory now differs from a clean CPU line. */
		if (a->write)
			buf->diverged = true;
	}
	/* TO_DEVICE memory is not invalidated when the CPU takes it back. */
	if (a->write && buf->dir == DMA_TO_DEVICE)
		buf->diverged = true;
}

static bool access_line(struct dmaref_buf *buf, struct line *l, void *arg)
{
	struct access *a = arg;
	struct dmaref_seg *s = l->seg;
	size_t from = l->buf_off > a->start ? l->buf_off : a->start;
	size_t to = l->buf_off + l->len < a->end ? l->buf_off + l->len : a->end;
	size_t in_seg = l->seg_off + (from - l->buf_off);
	u8 *mem = buf->cached ? s->ram : s->cpu;

	note_rules(buf, l, a, from);
	note_unsynced(buf, l, a, from, to);
	if (!a->write) {
		memcpy(a->data + (from - a->start), mem + in_seg, to - from);
		return true;
	}
	if (buf->cached)
		line_detach_clean(buf, l);
	memcpy(mem + in_seg, a->data + (from - a->start), to - from);
	/* The one view changed under the CPU: not a CPU store. */
	if (!buf->cached && buf->tracked)
		memcpy(s->shadow + in_seg, s->cpu + in_seg, to - from);
	return true;
}

int dmaref_cache_device_access(struct dmaref_buf *buf, size_t off, void *data,
			       size_t len, bool write)
{
	struct access a = {
		.data = data, .write = write, .start = off, .end = off + len,
	};

	dmaref_materialize(buf);
	walk_lines(buf, off, len, access_line, &a);
	if (a.cpu_owned)
		dmaref_report(DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED, buf->dev,
			      write ? "dmaref_device_write" : "dmaref_device_read",
			      buf, a.first, len, buf->dir,
			      "device %s a buffer the CPU owns (no _for_device sync since the CPU took it), at byte %zu",
			      write ? "wrote" : "read", a.first);
	if (a.unsynced)
		dmaref_report(DMAREF_ERR_DEVICE_READ_UNSYNCED, buf->dev,
			      "dmaref_device_read", buf, a.first_unsynced, len,
			      buf->dir,
			      "device read %zu byte(s) the CPU changed after the hand-off with no _for_device sync since (stale or torn data), first at byte %zu",
			      a.unsynced, a.first_unsynced);
	return 0;
}
