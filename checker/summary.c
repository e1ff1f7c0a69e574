// SPDX-License-Identifier: GPL-2.0
/*
 * Summaries of a driver's own functions: what each leaves its parameters
 * (and the buffers it reaches through struct fields) as, whether it
 * starts the device, whether it turns a CPU pointer into a handle.  A
 * call to a summarised helper is the helper's effects at the call site.
 */
#include <stdlib.h>

#include "engine.h"

static struct summary **table;
static int nr, cap;

const struct summary *summary_of(struct ident *fn)
{
	int i;

	if (!fn)
		return NULL;
	for (i = 0; i < nr; i++)
		if (table[i]->fn == fn)
			return table[i];
	return NULL;
}

struct summary *summary_new(struct ident *fn)
{
	struct summary *s = (struct summary *)summary_of(fn);

	if (s || !fn)
		return s;
	if (nr == cap) {
		cap = cap ? cap * 2 : 32;
		table = realloc(table, cap * sizeof(*table));
		if (!table)
			die("dmacheck: out of memory");
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		die("dmacheck: out of memory");
	s->fn = fn;
	table[nr++] = s;
	return s;
}
