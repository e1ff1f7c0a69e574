// SPDX-License-Identifier: GPL-2.0
/*
 * Summaries of a driver's own functions: what each leaves its parameters
 * (and the buffers it reaches through struct fields) as, whether it
 * starts the device, whether it turns a CPU pointer into a handle.  A
 * call to a summarised helper is the helper's effects at the call site.
 */
#include <stdlib.h>

#include "engine.h"
#include "hashmap.h"

/* By the function's ident: a call asks in constant time. */
struct summary_entry {
	struct hashmap_key key;
	struct summary *sum;
};

static struct hashmap table = HASHMAP_INIT(struct summary_entry);

const struct summary *summary_of(struct ident *fn)
{
	const struct summary_entry *e;

	if (!fn)
		return NULL;
	e = hashmap_find(&table, fn, 0);
	return e ? e->sum : NULL;
}

struct summary *summary_new(struct ident *fn)
{
	struct summary_entry *e;

	if (!fn)
		return NULL;
	e = hashmap_add(&table, fn, 0);
	if (!e->sum) {
		e->sum = calloc(1, sizeof(*e->sum));
		if (!e->sum)
			die("dmacheck: out of memory");
		e->sum->fn = fn;
	}
	return e->sum;
}
