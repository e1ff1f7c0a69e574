// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers every part uses: arrays that grow, a clock for --stats, stable
 * names for sparse's identifiers.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dmacheck.h"
#include "hashmap.h"

double dmc_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void *dmc_grow(void *v, int *cap, size_t elem)
{
	*cap = *cap ? *cap * 2 : 64;
	v = realloc(v, *cap * elem);
	if (!v)
		die("dmacheck: out of memory");
	return v;
}

struct name_entry {
	struct hashmap_key key;
	char *name;
};

/*
 * A stable C string for an identifier (dmc_ident_name() reuses four static
 * buffers; messages keep names for longer).
 */
const char *dmc_ident_name(const struct ident *id)
{
	static struct hashmap names = HASHMAP_INIT(struct name_entry);
	struct name_entry *e;

	if (!id)
		return "?";
	e = hashmap_add(&names, id, 0);
	if (!e->name) {
		e->name = malloc(id->len + 1);
		if (!e->name)
			die("dmacheck: out of memory");
		memcpy(e->name, id->name, id->len);
		e->name[id->len] = '\0';
	}
	return e->name;
}
