// SPDX-License-Identifier: GPL-2.0
/*
 * The API knowledge the model needs, read from the checker's tables
 * (checker/api/dma_api.def, accessors.def, mmio.def) and from
 * categories.def: one source of API facts.  The .def files name the
 * checker's enums; the local enums below give those names the model's
 * meaning, so a new effect in the table fails to compile here instead of
 * being misread.
 */
#include <string.h>

#include "internal.h"

enum {
	FX_ALLOC = MX_ALLOC, FX_FREE = MX_FREE, FX_MAP = MX_MAP,
	FX_MAP_ARG = MX_MAP_ARG, FX_UNMAP = MX_UNMAP,
	FX_TO_DEVICE = MX_TO_DEVICE, FX_TO_CPU = MX_TO_CPU,
	FX_CACHE_SYNC = MX_CACHE_SYNC, FX_DERIVE = MX_DERIVE,
};
enum {
	FAM_ANY, FAM_COHERENT, FAM_NONCOHERENT, FAM_PAGES, FAM_ATTRS,
	FAM_NONCONTIG, FAM_SINGLE, FAM_PAGE_MAP, FAM_SG, FAM_SGTABLE,
};
enum { BK_CPU, BK_HANDLE, BK_PAGE, BK_SGT };
enum { ERA_ANY, ERA_OLD };

static const struct m_api table[] = {
#define API(n, na, fx, fam, b, k, h, sz, d, g, a, era) \
	{ #n, na, (enum m_effect)fx, era == ERA_OLD, k == BK_CPU, b, h, sz, d, g, a },
#include "dma_api.def"
#undef API
};

#define NR_API ARRAY_SIZE(table)

static const struct {
	const char *name;
} accessors[] = {
#define ACCESSOR(n) { #n },
#include "accessors.def"
#undef ACCESSOR
};

#define NR_ACCESSORS ARRAY_SIZE(accessors)

static const struct {
	const char *name;
} kicks[] = {
#define KICK(n) { #n },
#include "mmio.def"
#undef KICK
};

#define NR_KICKS ARRAY_SIZE(kicks)

static const struct {
	const char *name;
	enum m_role role;
	enum dm_kind kind;
	int arg;
} categories[] = {
#define CATEGORY(n, k) { #n, ROLE_CATEGORY, k, -1 },
#define USER_COPY(n, a) { #n, ROLE_USER_COPY, DM_USER, a },
#include "categories.def"
#undef CATEGORY
#undef USER_COPY
};

#define NR_CATEGORIES ARRAY_SIZE(categories)

static struct ident *api_id[NR_API], *acc_id[NR_ACCESSORS], *set_id[NR_ACCESSORS];
static struct ident *kick_id[NR_KICKS], *cat_id[NR_CATEGORIES];

/*
 * accessors.def lists getters and, after them, the kmalloc family.  A
 * getter "x_get_y" has the setter "x_set_y" (dev_get_drvdata and
 * dev_set_drvdata): the model pairs them to carry a pointer through.
 */
static bool is_allocator(const char *name)
{
	return name[0] == 'k' || !strncmp(name, "devm_k", 6);
}

static void intern(void)
{
	unsigned int i;

	if (api_id[0])
		return;
	for (i = 0; i < NR_API; i++)
		api_id[i] = built_in_ident(table[i].name);
	for (i = 0; i < NR_ACCESSORS; i++) {
		const char *get = strstr(accessors[i].name, "get_");
		char buf[128];

		acc_id[i] = built_in_ident(accessors[i].name);
		if (!get || strlen(accessors[i].name) >= sizeof(buf))
			continue;
		strcpy(buf, accessors[i].name);
		memcpy(buf + (get - accessors[i].name), "set_", 4);
		set_id[i] = built_in_ident(buf);
	}
	for (i = 0; i < NR_KICKS; i++)
		kick_id[i] = built_in_ident(kicks[i].name);
	for (i = 0; i < NR_CATEGORIES; i++)
		cat_id[i] = built_in_ident(categories[i].name);
}

/*
 * The names include/dmaconv/legacy-dma.h gives the 4-argument calls of
 * the old API in a new tree: the same table entries as the names the
 * code was written with.
 */
static const struct { const char *alias, *name; } aliases[] = {
	{ "__dmaconv_alloc_noncoherent4", "dma_alloc_noncoherent" },
	{ "__dmaconv_free_noncoherent4", "dma_free_noncoherent" },
};

struct ident *m_api_canonical(struct ident *name)
{
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(aliases); i++)
		if (!strcmp(m_id(name), aliases[i].alias))
			return built_in_ident(aliases[i].name);
	return name;
}

const struct m_api *m_api_lookup(struct ident *name, int nargs)
{
	unsigned int i;

	intern();
	name = m_api_canonical(name);
	for (i = 0; i < NR_API; i++)
		if (api_id[i] == name && (!table[i].nargs || table[i].nargs == nargs))
			return &table[i];
	return NULL;
}

struct m_call_kind m_call_kind(struct ident *name)
{
	struct m_call_kind k = { ROLE_NONE, DM_UNKNOWN, -1, NULL };
	unsigned int i;

	intern();
	for (i = 0; i < NR_ACCESSORS; i++) {
		if (acc_id[i] == name) {
			k.role = is_allocator(accessors[i].name) ? ROLE_KMALLOC : ROLE_GETTER;
			k.kind = k.role == ROLE_KMALLOC ? DM_KMALLOC : DM_UNKNOWN;
			k.key = acc_id[i];
			return k;
		}
		if (set_id[i] && set_id[i] == name) {
			k.role = ROLE_SETTER;
			k.arg = 1;
			k.key = acc_id[i];
			return k;
		}
	}
	for (i = 0; i < NR_CATEGORIES; i++) {
		if (cat_id[i] == name) {
			k.role = categories[i].role;
			k.kind = categories[i].kind;
			k.arg = categories[i].arg;
			return k;
		}
	}
	return k;
}

bool m_is_kick(struct ident *name)
{
	unsigned int i;

	intern();
	for (i = 0; i < NR_KICKS; i++)
		if (kick_id[i] == name)
			return true;
	return false;
}
