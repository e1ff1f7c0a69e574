// SPDX-License-Identifier: GPL-2.0
/*
 * The device registry: which struct device pointers are devices of ours,
 * alive or freed, decided without reading the pointer.
 *
 * Every struct device lives in a slot of one static table
 * (dmaref_dev_slots[]).  A pointer is a device of ours only if it is the
 * start of a slot, and the slot's state says whether it is alive: a
 * freed, made-up or misaligned device is told apart by arithmetic alone
 * (dmaref_dev_slot() in internal.h), so the library reports it as
 * dma-debug would and never dereferences it.
 *
 * Freed slots are reused oldest first, and there are far more slots than
 * live devices (MAX_DEVICES), so a stale pointer is still recognised as a
 * freed device after the next DMAREF_DEV_SLOTS - MAX_DEVICES devices are
 * made.  A freed device is filled with a poison pattern (and poisoned for
 * AddressSanitizer), so driver code that reads a freed device fails loudly.
 */
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

#define POISON_FREE	0x6b		/* the kernel's slab poison byte */

struct dmaref_dev_slot dmaref_dev_slots[DMAREF_DEV_SLOTS];
/* A device's name, kept for the reports about it once it is freed. */
static char names[DMAREF_DEV_SLOTS][DMAREF_NAME_LEN];
/* Free slots, oldest freed first: a ring of slot numbers. */
static unsigned int free_ring[DMAREF_DEV_SLOTS];
static unsigned int free_head, nr_free;
static bool ready;

static void registry_init(void)
{
	unsigned int i;

	for (i = 0; i < DMAREF_DEV_SLOTS; i++)
		free_ring[i] = i;
	nr_free = DMAREF_DEV_SLOTS;
	ready = true;
}

/* Called with the lock held.  NULL when MAX_DEVICES are alive. */
struct device *dmaref_registry_take(void)
{
	struct dmaref_dev_slot *s;

	if (!ready)
		registry_init();
	if (DMAREF_DEV_SLOTS - nr_free >= MAX_DEVICES)
		return NULL;
	s = &dmaref_dev_slots[free_ring[free_head]];
	free_head = (free_head + 1) % DMAREF_DEV_SLOTS;
	nr_free--;
	s->state = SLOT_LIVE;
	s->generation++;
	unpoison(&s->dev, sizeof(s->dev));
	memset(&s->dev, 0, sizeof(s->dev));
	return &s->dev;
}

/* Called with the lock held, on a live device, after its state is gone. */
void dmaref_registry_release(struct device *dev, const char *name)
{
	struct dmaref_dev_slot *s = dmaref_dev_slot(dev);
	unsigned int i = s - dmaref_dev_slots;

	s->state = SLOT_FREED;
	snprintf(names[i], sizeof(names[i]), "%s", name);
	memset(dev, POISON_FREE, sizeof(*dev));
	poison(dev, sizeof(*dev));
	free_ring[(free_head + nr_free) % DMAREF_DEV_SLOTS] = i;
	nr_free++;
}

/*
 * The name a report shows for @dev, whatever @dev is.  Called with the
 * lock held; the string stays valid until the lock is dropped.
 */
const char *dmaref_registry_name(const struct device *dev)
{
	const struct dmaref_dev_slot *s = dmaref_dev_slot(dev);

	if (!dev)
		return "(NULL device)";
	if (!s || s->state == SLOT_UNUSED)
		return "(unknown device)";
	if (s->state == SLOT_FREED)
		return names[s - dmaref_dev_slots];
	return dev_name(dev);
}
