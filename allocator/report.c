// SPDX-License-Identifier: GPL-2.0
/*
 * Reports: the one place that formats, counts and delivers what the
 * dma-debug checks and the ownership sanitizer find.
 *
 * A report is raised with the global lock held and delivered when the lock
 * is dropped, so a test's handler may call the library again.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long counts[DMAREF_NR_ERROR_CLASSES];
static unsigned long total;
static dmaref_report_fn handler;
static void *handler_arg;

struct pending {
	struct dmaref_report r;
	char device[64];
	char call[48];
	char buffer[96];
	char message[512];
};
/* Reports of the current call, delivered by dmaref_unlock(). */
static __thread struct pending *pending;
static __thread unsigned int nr_pending, cap_pending, nr_dropped;

/* Short names, used in messages and docs/allocator.md. */
static const char *const class_names[DMAREF_NR_ERROR_CLASSES] = {
	[DMAREF_ERR_INVALID_ARGUMENT]		= "invalid-argument",
	[DMAREF_ERR_FREE_INVALID_ADDRESS]	= "free-invalid-address",
	[DMAREF_ERR_FREE_NOT_ALLOCATED]		= "free-not-allocated",
	[DMAREF_ERR_FREE_WRONG_SIZE]		= "free-wrong-size",
	[DMAREF_ERR_FREE_WRONG_FUNCTION]	= "free-wrong-function",
	[DMAREF_ERR_FREE_WRONG_CPU_ADDRESS]	= "free-wrong-cpu-address",
	[DMAREF_ERR_FREE_WRONG_SG_COUNT]	= "free-wrong-sg-count",
	[DMAREF_ERR_FREE_WRONG_DIRECTION]	= "free-wrong-direction",
	[DMAREF_ERR_MAP_ERROR_UNCHECKED]	= "map-error-unchecked",
	[DMAREF_ERR_SYNC_NOT_ALLOCATED]		= "sync-not-allocated",
	[DMAREF_ERR_SYNC_OUT_OF_RANGE]		= "sync-out-of-range",
	[DMAREF_ERR_SYNC_WRONG_DIRECTION]	= "sync-wrong-direction",
	[DMAREF_ERR_SYNC_READ_ONLY_FOR_CPU]	= "sync-read-only-for-cpu",
	[DMAREF_ERR_SYNC_WRITE_ONLY_FOR_DEVICE]	= "sync-write-only-for-device",
	[DMAREF_ERR_SYNC_WRONG_SG_COUNT]	= "sync-wrong-sg-count",
	[DMAREF_ERR_MAP_FROM_STACK]		= "map-from-stack",
	[DMAREF_ERR_MAP_FROM_RODATA]		= "map-from-rodata",
	[DMAREF_ERR_MAP_FROM_VMAP]		= "map-from-vmap",
	[DMAREF_ERR_OVERLAPPING_CACHELINE]	= "overlapping-cacheline",
	[DMAREF_ERR_LEAK]			= "leak",
	[DMAREF_ERR_CPU_WRITE_DEVICE_OWNED]	= "cpu-write-device-owned",
	[DMAREF_ERR_DEVICE_ACCESS_CPU_OWNED]	= "device-access-cpu-owned",
	[DMAREF_ERR_DEVICE_UNMAPPED]		= "device-unmapped",
	[DMAREF_ERR_DEVICE_UNREACHABLE]		= "device-unreachable",
	[DMAREF_ERR_CACHE_SYNC_UNKNOWN]		= "cache-sync-unknown",
	[DMAREF_ERR_DEVICE_READ_UNSYNCED]	= "device-read-unsynced",
	[DMAREF_ERR_OUT_OF_MEMORY]		= "out-of-memory",
};

static const char *const dir_names[] = {
	[DMA_BIDIRECTIONAL]	= "DMA_BIDIRECTIONAL",
	[DMA_TO_DEVICE]		= "DMA_TO_DEVICE",
	[DMA_FROM_DEVICE]	= "DMA_FROM_DEVICE",
	[DMA_NONE]		= "DMA_NONE",
};

const char *dmaref_dir_name(enum dma_data_direction dir)
{
	if ((unsigned int)dir < ARRAY_SIZE(dir_names))
		return dir_names[dir];
	return "invalid direction";
}

const char *dmaref_error_class_name(enum dmaref_error_class class)
{
	if ((unsigned int)class < DMAREF_NR_ERROR_CLASSES)
		return class_names[class];
	return "unknown";
}

void dmaref_lock(void)
{
	pthread_mutex_lock(&big_lock);
}

static void deliver(struct pending *p)
{
	if (handler) {
		handler(&p->r, handler_arg);
		return;
	}
	fprintf(stderr, "%s\n", p->message);
}

void dmaref_unlock(void)
{
	struct pending *local = pending;
	unsigned int i, n = nr_pending, dropped = nr_dropped;

	/* Take the list: a handler may raise reports of its own. */
	pending = NULL;
	nr_pending = cap_pending = nr_dropped = 0;
	pthread_mutex_unlock(&big_lock);

	for (i = 0; i < n; i++) {
		local[i].r.device = local[i].device;
		local[i].r.call = local[i].call;
		local[i].r.buffer = local[i].buffer;
		local[i].r.message = local[i].message;
		deliver(&local[i]);
	}
	free(local);
	if (dropped)
		fprintf(stderr, "DMA-API: %u reports lost: out of memory\n",
			dropped);
}

static struct pending *next_pending(void)
{
	if (nr_pending == cap_pending) {
		unsigned int cap = cap_pending ? 2 * cap_pending : 4;
		struct pending *n = realloc(pending, cap * sizeof(*n));

		if (!n)
			return NULL;
		pending = n;
		cap_pending = cap;
	}
	return &pending[nr_pending++];
}

static void describe_buffer(char *out, size_t len,
			    const struct dmaref_buf *buf)
{
	if (!buf) {
		snprintf(out, len, "no buffer");
		return;
	}
	snprintf(out, len, "%s buffer [dma 0x%llx size %zu %s]", buf->call,
		 (unsigned long long)buf->dma, buf->size,
		 dmaref_dir_name(buf->dir));
}

/*
 * Every report reads: device, class, what happened, then the buffer (its
 * allocating call, DMA address, size, direction), the offset inside it,
 * the call that found it and the direction that call named.
 */
void dmaref_report(enum dmaref_error_class class, struct device *dev,
		   const char *call, const struct dmaref_buf *buf,
		   size_t offset, size_t size, enum dma_data_direction dir,
		   const char *fmt, ...)
{
	struct pending *p;
	char what[256];
	va_list ap;

	counts[class]++;
	total++;
	p = next_pending();
	if (!p) {
		nr_dropped++;
		return;
	}
	memset(&p->r, 0, sizeof(p->r));
	p->r.class = class;
	p->r.class_name = class_names[class];
	p->r.dma_addr = buf ? buf->dma : 0;
	p->r.offset = offset;
	p->r.size = size;
	p->r.dir = dir;
	/* Looked up, not read through @dev: it may be freed or made up. */
	snprintf(p->device, sizeof(p->device), "%s",
		 dmaref_registry_name(dev));
	describe_buffer(p->buffer, sizeof(p->buffer), buf);
	snprintf(p->call, sizeof(p->call), "%s", call);

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->message, sizeof(p->message),
		 "DMA-API: %s: %s; buffer: %s, offset %zu; call: %s(%s) [%s]",
		 p->device, what, p->buffer, offset, call,
		 dmaref_dir_name(dir), p->r.class_name);
}

dmaref_report_fn dmaref_set_report_handler(dmaref_report_fn fn, void *arg)
{
	dmaref_report_fn old;

	pthread_mutex_lock(&big_lock);
	old = handler;
	handler = fn;
	handler_arg = arg;
	pthread_mutex_unlock(&big_lock);
	return old;
}

unsigned long dmaref_error_count(void)
{
	unsigned long n;

	pthread_mutex_lock(&big_lock);
	n = total;
	pthread_mutex_unlock(&big_lock);
	return n;
}

unsigned long dmaref_error_count_class(enum dmaref_error_class class)
{
	unsigned long n = 0;

	if ((unsigned int)class >= DMAREF_NR_ERROR_CLASSES)
		return 0;
	pthread_mutex_lock(&big_lock);
	n = counts[class];
	pthread_mutex_unlock(&big_lock);
	return n;
}

void dmaref_error_count_reset(void)
{
	pthread_mutex_lock(&big_lock);
	memset(counts, 0, sizeof(counts));
	total = 0;
	pthread_mutex_unlock(&big_lock);
}
