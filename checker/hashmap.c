// SPDX-License-Identifier: GPL-2.0
/*
 * The checker's hash map (see hashmap.h): open addressing, linear
 * probing, a power-of-two table at most half full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib.h"
#include "hashmap.h"

#define MIN_SIZE 64

static struct hashmap_key *slot_at(const struct hashmap *map, unsigned int i)
{
	return (struct hashmap_key *)((char *)map->slots + (size_t)i * map->elem);
}

/* Both halves of the key mixed (pointers are aligned: their low bits are 0). */
static unsigned int hash(const void *ptr, long long num)
{
	unsigned long long h = (unsigned long long)(uintptr_t)ptr * 0x9e3779b97f4a7c15ULL;

	h ^= (unsigned long long)num * 0xc2b2ae3d27d4eb4fULL;
	h ^= h >> 29;
	return h ^ (h >> 32);
}

/* The slot of the key, or the empty slot where it would go. */
static struct hashmap_key *probe(const struct hashmap *map, const void *ptr, long long num)
{
	unsigned int mask = map->size - 1, i = hash(ptr, num) & mask;

	for (;;) {
		struct hashmap_key *k = slot_at(map, i);

		if (!k->used || (k->ptr == ptr && k->num == num))
			return k;
		i = (i + 1) & mask;
	}
}

/* A fresh table of @size slots, the entries of the old one moved in. */
static void resize(struct hashmap *map, unsigned int size)
{
	struct hashmap old = *map;
	unsigned int i;

	map->slots = calloc(size, map->elem);
	if (!map->slots)
		die("dmacheck: out of memory");
	map->size = size;
	for (i = 0; i < old.size; i++) {
		struct hashmap_key *k = slot_at(&old, i);

		if (k->used)
			memcpy(probe(map, k->ptr, k->num), k, map->elem);
	}
	free(old.slots);
}

void *hashmap_find(const struct hashmap *map, const void *ptr, long long num)
{
	struct hashmap_key *k;

	if (!map->size)
		return NULL;
	k = probe(map, ptr, num);
	return k->used ? k : NULL;
}

void *hashmap_add(struct hashmap *map, const void *ptr, long long num)
{
	struct hashmap_key *k = hashmap_find(map, ptr, num);

	if (k)
		return k;
	if (2 * (map->used + 1) > map->size)
		resize(map, map->size ? 2 * map->size : MIN_SIZE);
	k = probe(map, ptr, num);
	k->ptr = ptr;
	k->num = num;
	k->used = true;
	map->used++;
	return k;
}

void hashmap_clear(struct hashmap *map, unsigned int nr)
{
	unsigned int size = MIN_SIZE;

	while (size < 2 * nr + 2)
		size *= 2;
	map->used = 0;
	if (size == map->size) {
		memset(map->slots, 0, (size_t)size * map->elem);
		return;
	}
	free(map->slots);
	map->slots = NULL;
	map->size = 0;
	resize(map, size);
}
