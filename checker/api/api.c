// SPDX-License-Identifier: GPL-2.0
/*
 * Lookups in the DMA API table (dma_api.def), the kick list (mmio.def)
 * and the library calls that touch a buffer with the CPU (cpu_access.def).
 * Names are compared as sparse identifiers: every name is interned once,
 * so a lookup is a pointer compare per entry.
 */
#include <stdio.h>
#include <string.h>

#include "lib.h"
#include "symbol.h"
#include "token.h"

#include "api.h"

static const struct dma_api table[] = {
#define API(n, na, fx, fam, b, k, h, sz, d, g, a, era) \
	{ #n, na, fx, fam, b, k, h, sz, d, g, a, era },
#include "dma_api.def"
#undef API
#define KICK(n) { #n, 0, FX_KICK, FAM_ANY, -2, BK_CPU, -1, -1, -1, -1, -1, ERA_ANY },
#include "mmio.def"
#undef KICK
};

#define TABLE_SIZE ARRAY_SIZE(table)

/* Static inline wrappers and MMIO accessors: see api_keep_calls(). */
static const struct {
	const char *name;
} accessors[] = {
#define ACCESSOR(n) { #n },
#include "accessors.def"
#undef ACCESSOR
};

#define NR_ACCESSORS ARRAY_SIZE(accessors)

static const struct api_cpu_access cpu_access[] = {
#define CPU_ACCESS(n, w, r) { #n, w, r },
#include "cpu_access.def"
#undef CPU_ACCESS
};

#define NR_CPU_ACCESS ARRAY_SIZE(cpu_access)

static struct ident *idents[TABLE_SIZE], *accessor_idents[NR_ACCESSORS];
static struct ident *cpu_access_idents[NR_CPU_ACCESS];

static void intern_names(void)
{
	unsigned int i;

	for (i = 0; i < TABLE_SIZE; i++)
		idents[i] = built_in_ident(table[i].name);
	for (i = 0; i < NR_ACCESSORS; i++)
		accessor_idents[i] = built_in_ident(accessors[i].name);
	for (i = 0; i < NR_CPU_ACCESS; i++)
		cpu_access_idents[i] = built_in_ident(cpu_access[i].name);
}

const struct api_cpu_access *api_cpu_access(const char *name)
{
	struct ident *id;
	unsigned int i;

	if (!idents[0])
		intern_names();
	id = built_in_ident(name);
	for (i = 0; i < NR_CPU_ACCESS; i++)
		if (cpu_access_idents[i] == id)
			return &cpu_access[i];
	return NULL;
}

const struct dma_api *api_lookup(const char *name, int nargs)
{
	struct ident *id;
	unsigned int i;

	if (!idents[0])
		intern_names();
	id = built_in_ident(name);
	for (i = 0; i < TABLE_SIZE; i++) {
		if (idents[i] != id)
			continue;
		if (table[i].nargs && table[i].nargs != nargs)
			continue;
		return &table[i];
	}
	return NULL;
}

const char *api_dir_name(int dir)
{
	static const char *const names[] = {
		"DMA_BIDIRECTIONAL", "DMA_TO_DEVICE", "DMA_FROM_DEVICE",
		"DMA_NONE",
	};

	if (dir < 0 || dir > DIR_NONE)
		return "an unknown direction";
	return names[dir];
}

/* The release call that matches an allocation or map. */
const char *api_release_for(const struct dma_api *alloc)
{
	unsigned int i;

	for (i = 0; i < TABLE_SIZE; i++) {
		const struct dma_api *a = &table[i];

		if (a->family != alloc->family || a->era != alloc->era)
			continue;
		if (a->effect == FX_FREE || (a->effect == FX_UNMAP &&
		    (alloc->effect == FX_MAP || alloc->effect == FX_MAP_ARG)))
			return a->name;
	}
	return NULL;
}

/*
 * Keep calls to the API's static inline wrappers as calls.  sparse
 * inlines a function unless its definition is marked as being expanded;
 * marking the wrappers (dma_alloc_noncoherent() since 5.11, writel(),
 * dma_map_single_attrs() ...) keeps the name and the arguments exactly
 * as the driver wrote them.  Wrappers inlined anyway still leave an
 * OP_INLINED_CALL note, which calls.c folds.
 */
static void keep_call(struct ident *name)
{
	struct symbol *sym = lookup_symbol(name, NS_SYMBOL);
	struct symbol *def, *fn;

	if (!sym)
		return;
	def = sym->definition ? sym->definition : sym;
	fn = def->ctype.base_type;
	if (fn && fn->type == SYM_FN)
		fn->expanding = 1;
}

bool api_inline;

void api_keep_calls(void)
{
	unsigned int i;

	if (api_inline)
		return;
	if (!idents[0])
		intern_names();
	for (i = 0; i < TABLE_SIZE; i++)
		keep_call(idents[i]);
	for (i = 0; i < NR_ACCESSORS; i++)
		keep_call(accessor_idents[i]);
	/* skb_put_data(), copy_to_user() ... are inline: keep the driver's arguments */
	for (i = 0; i < NR_CPU_ACCESS; i++)
		keep_call(cpu_access_idents[i]);
}

/* Is @name one of the table's calls (its own definition is not checked)? */
bool api_known(const char *name)
{
	struct ident *id;
	unsigned int i;

	if (!idents[0])
		intern_names();
	id = built_in_ident(name);
	for (i = 0; i < TABLE_SIZE; i++)
		if (idents[i] == id)
			return true;
	for (i = 0; i < NR_ACCESSORS; i++)
		if (accessor_idents[i] == id)
			return true;
	return false;
}

const char *api_written_name(const char *name)
{
	static const char prefix[] = "__dmaconv_";
	char buf[128];
	size_t n;

	if (strncmp(name, prefix, sizeof(prefix) - 1))
		return name;
	name += sizeof(prefix) - 1;
	n = strlen(name);
	while (n && name[n - 1] >= '0' && name[n - 1] <= '9')
		n--;
	if (n + 5 > sizeof(buf))
		return name;
	snprintf(buf, sizeof(buf), "dma_%.*s", (int)n, name);
	return built_in_ident(buf)->name;	/* idents are NUL-terminated and live on */
}
