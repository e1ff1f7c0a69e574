// SPDX-License-Identifier: GPL-2.0
/*
 * Summaries of a driver's own functions: what each leaves its parameters
 * (and the buffers it reaches through struct fields) as, whether it
 * starts the device, whether it turns a CPU pointer into a handle.  A
 * call to a summarised helper is the helper's effects at the call site.
 */
#include <stdlib.h>

#include "engine.h"

/* Open addressing on the function's ident: a call asks in constant time. */
static struct summary **table;
static int nr, size;

static unsigned int ident_hash(const struct ident *fn)
{
	return ((unsigned long)fn >> 3) * 2654435761u % size;
}

static struct summary **bucket(const struct ident *fn)
{
	unsigned int h = ident_hash(fn);

	while (table[h] && table[h]->fn != fn)
		h = (h + 1) % size;
	return &table[h];
}

/* Keep the table at most half full. */
static void grow_table(void)
{
	struct summary **old = table;
	int old_size = size, i;

	size = size ? size * 2 + 1 : 63;
	table = calloc(size, sizeof(*table));
	if (!table)
		die("dmacheck: out of memory");
	for (i = 0; i < old_size; i++)
		if (old[i])
			*bucket(old[i]->fn) = old[i];
	free(old);
}

const struct summary *summary_of(struct ident *fn)
{
	if (!fn || !nr)
		return NULL;
	return *bucket(fn);
}

struct summary *summary_new(struct ident *fn)
{
	struct summary *s = (struct summary *)summary_of(fn);

	if (s || !fn)
		return s;
	if (2 * (nr + 1) > size)
		grow_table();
	s = calloc(1, sizeof(*s));
	if (!s)
		die("dmacheck: out of memory");
	s->fn = fn;
	*bucket(fn) = s;
	nr++;
	return s;
}
