/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the allocator tests: a report handler that records what the
 * library found, and short constructors for the usual devices.
 */
#ifndef _DMAREF_TEST_HELPERS_H
#define _DMAREF_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <linux/dma-mapping.h>
#include <dmaref/sim.h>

#define MAX_SEEN 64

struct seen {
	unsigned int n;
	struct {
		enum dmaref_error_class class;
		size_t offset;
		char call[48];
		char message[512];
	} r[MAX_SEEN];
};

static struct seen seen;

static void record_report(const struct dmaref_report *r, void *arg)
{
	struct seen *s = arg;

	if (s->n < MAX_SEEN) {
		s->r[s->n].class = r->class;
		s->r[s->n].offset = r->offset;
		snprintf(s->r[s->n].call, sizeof(s->r[0].call), "%s", r->call);
		snprintf(s->r[s->n].message, sizeof(s->r[0].message), "%s",
			 r->message);
	}
	s->n++;
	if (getenv("DMAREF_TEST_VERBOSE"))
		fprintf(stderr, "%s\n", r->message);
}

static inline void seen_reset(void)
{
	memset(&seen, 0, sizeof(seen));
	dmaref_set_report_handler(record_report, &seen);
}

static inline unsigned int seen_class(enum dmaref_error_class class)
{
	unsigned int i, n = 0;

	for (i = 0; i < seen.n && i < MAX_SEEN; i++)
		n += seen.r[i].class == class;
	return n;
}

/* The first report of @class, which must exist. */
static inline unsigned int seen_find(enum dmaref_error_class class)
{
	unsigned int i;

	for (i = 0; i < seen.n && i < MAX_SEEN; i++)
		if (seen.r[i].class == class)
			return i;
	fail_msg("no report of class %s", dmaref_error_class_name(class));
	return 0;
}

/* Exactly one report, of @class. */
#define assert_only_report(cls) do {					\
	if (seen.n != 1 || seen.r[0].class != (cls))			\
		fail_msg("expected one %s report, got %u (first: %s)",	\
			 dmaref_error_class_name(cls), seen.n,		\
			 seen.n ? seen.r[0].message : "none");		\
} while (0)

#define assert_no_report() do {						\
	if (seen.n)							\
		fail_msg("expected no report, got %u: %s", seen.n,	\
			 seen.r[0].message);				\
} while (0)

static inline struct device *new_device(const char *name, bool coherent,
					bool iommu, u64 mask)
{
	struct dmaref_device_config cfg = {
		.name = name, .dma_mask = mask, .coherent = coherent,
		.iommu = iommu,
	};
	struct device *dev = dmaref_device_new(&cfg);

	assert_non_null(dev);
	return dev;
}

static inline struct device *new_noncoherent(void)
{
	return new_device("nc0", false, false, DMA_BIT_MASK(32));
}

/*
 * Boots the default machine afresh (no device may be alive), without
 * random eviction whatever DMAREF_EVICT_SEED says: the tests that want
 * eviction ask for it with a seed of their own.
 */
static inline void fresh_machine(void)
{
	struct dmaref_machine_config cfg;

	dmaref_machine_default_config(&cfg);
	cfg.evict_seed = 0;
	assert_int_equal(dmaref_machine_init(&cfg), 0);
	seen_reset();
}

/* Fixture of the tests that make their own devices: a fresh machine. */
static inline int setup_machine(void **state)
{
	fresh_machine();
	return 0;
}

/* Fixture: a fresh machine and @dev, one non-coherent device. */
static struct device *dev;

static inline int setup_device(void **state)
{
	fresh_machine();
	dev = new_noncoherent();
	return 0;
}

static inline int teardown_device(void **state)
{
	dmaref_device_free(dev);
	return 0;
}

#endif /* _DMAREF_TEST_HELPERS_H */
