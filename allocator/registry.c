// SPDX-License-Identifier: GPL-2.0
/*
 * The device registry: which struct device pointers are devices of ours,
 * alive or freed, decided without reading the pointer.
 *
 * Every struct device lives in a slot of one static table.  A pointer is
 * a device of ours only if it is the start of a slot, and the slot's state
 * (kept apart, in meta[]) says whether it is alive: a freed, made-up or
 * misaligned device is told apart by arithmetic alone, so the library
 * reports it as dma-debug would and never dereferences it.
 *
 * Freed slots are reused oldest first, and there are far more slots than
 * live devices (MAX_DEVICES), so a stale pointer is still recognised as a
 * freed device after the next DEV_SLOTS - MAX_DEVICES devices are made.
 * A freed slot is filled with a poison pattern (and poisoned for
 * AddressSanitizer), so driver code that reads a freed device fails loudly.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define poison(p, n)	ASAN_POISON_MEMORY_REGION(p, n)
#define unpoison(p, n)	ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define poison(p, n)	((void)(p), (void)(n))
#define unpoison(p, n)	((void)(p), (void)(n))
#endif

#define DEV_SLOTS	1024
#define POISON_FREE	0x6b		/* the kernel's slab poison byte */

enum slot_state {
	SLOT_UNUSED,
	SLOT_LIVE,
	SLOT_FREED,
};

struct slot_meta {
	enum slot_state state;
	unsigned int generation;	/* times the slot was handed out */
	char name[DMAREF_NAME_LEN];	/* the device's name, kept after free */
};

static struct device slot_dev[DEV_SLOTS];
static struct slot_meta meta[DEV_SLOTS];
/* Free slots, oldest freed first: a ring of slot numbers. */
static unsigned int free_ring[DEV_SLOTS];
static unsigned int free_head, nr_free;
static bool ready;

static void registry_init(void)
{
	unsigned int i;

	for (i = 0; i < DEV_SLOTS; i++)
		free_ring[i] = i;
	nr_free = DEV_SLOTS;
	ready = true;
}

/* The slot @dev is the start of, or -1: computed, never read through @dev. */
static long slot_of(const struct device *dev)
{
	uintptr_t p = (uintptr_t)dev, base = (uintptr_t)slot_dev;

	if (p < base || p - base >= sizeof(slot_dev) ||
	    (p - base) % sizeof(slot_dev[0]))
		return -1;
	return (p - base) / sizeof(slot_dev[0]);
}

/* Called with the lock held.  NULL when MAX_DEVICES are alive. */
struct device *dmaref_registry_take(void)
{
	unsigned int i;

	if (!ready)
		registry_init();
	if (DEV_SLOTS - nr_free >= MAX_DEVICES)
		return NULL;
	i = free_ring[free_head];
	free_head = (free_head + 1) % DEV_SLOTS;
	nr_free--;
	meta[i].state = SLOT_LIVE;
	meta[i].generation++;
	meta[i].name[0] = '\0';
	unpoison(&slot_dev[i], sizeof(slot_dev[i]));
	memset(&slot_dev[i], 0, sizeof(slot_dev[i]));
	return &slot_dev[i];
}

/* Called with the lock held, on a live device, after its state is gone. */
void dmaref_registry_release(struct device *dev, const char *name)
{
	long i = slot_of(dev);

	meta[i].state = SLOT_FREED;
	snprintf(meta[i].name, sizeof(meta[i].name), "%s", name);
	memset(dev, POISON_FREE, sizeof(*dev));
	poison(dev, sizeof(*dev));
	free_ring[(free_head + nr_free) % DEV_SLOTS] = i;
	nr_free++;
}

/* Called with the lock held. */
enum dmaref_dev_state dmaref_registry_lookup(const struct device *dev)
{
	long i;

	if (!dev)
		return DMAREF_DEV_NULL;
	i = slot_of(dev);
	if (i < 0 || meta[i].state == SLOT_UNUSED)
		return DMAREF_DEV_UNKNOWN;
	return meta[i].state == SLOT_LIVE ? DMAREF_DEV_LIVE : DMAREF_DEV_FREED;
}

/*
 * The name a report shows for @dev, whatever @dev is.  Called with the
 * lock held; the string stays valid until the lock is dropped.
 */
const char *dmaref_registry_name(const struct device *dev)
{
	long i;

	switch (dmaref_registry_lookup(dev)) {
	case DMAREF_DEV_LIVE:
		return dev_name(dev);
	case DMAREF_DEV_FREED:
		i = slot_of(dev);
		return meta[i].name;
	case DMAREF_DEV_NULL:
		return "(NULL device)";
	default:
		return "(unknown device)";
	}
}

/* How often @dev's slot was handed out: tells one device from the next. */
unsigned int dmaref_registry_generation(const struct device *dev)
{
	long i = slot_of(dev);

	return i < 0 ? 0 : meta[i].generation;
}
