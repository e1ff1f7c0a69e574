/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one hash map every table of the checker uses: open addressing with
 * linear probing, kept at most half full.  A key is a pointer and a
 * number (either may be 0).  An entry is the caller's own struct, which
 * starts with a struct hashmap_key: the values sit in the table, and a
 * new entry's values are zero.
 *
 *	struct by_insn { struct hashmap_key key; int index; };
 *	static struct hashmap calls = HASHMAP_INIT(struct by_insn);
 *
 *	struct by_insn *e = hashmap_add(&calls, insn, 0);
 *
 * An entry pointer stays valid until the next hashmap_add() or
 * hashmap_clear() on the same map (the table may move when it grows).
 */
#ifndef DMACHECK_HASHMAP_H
#define DMACHECK_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>

struct hashmap_key {
	const void *ptr;
	long long num;
	bool used;
};

struct hashmap {
	void *slots;		/* size entries of elem bytes each */
	size_t elem;
	unsigned int size;	/* a power of two, or 0 before the first add */
	unsigned int used;
};

#define HASHMAP_INIT(type) { .elem = sizeof(type) }

/* The entry for (@ptr, @num), or NULL. */
void *hashmap_find(const struct hashmap *map, const void *ptr, long long num);
/* The entry for (@ptr, @num), added if it is not there. */
void *hashmap_add(struct hashmap *map, const void *ptr, long long num);
/* Remove every entry, with room for @nr of them before the table grows. */
void hashmap_clear(struct hashmap *map, unsigned int nr);

#endif /* DMACHECK_HASHMAP_H */
