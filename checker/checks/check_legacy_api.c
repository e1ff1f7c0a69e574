// SPDX-License-Identifier: GPL-2.0
/*
 * legacy-api: calls and attributes removed from the DMA API in 5.10.
 * Each message names the semantic patch in cocci/ that converts the site.
 */
#include <stdio.h>

#include "checks.h"

static enum check_id my_id;

/* Which semantic patch converts which legacy use. */
static const struct legacy_fix {
	const char *what;
	const char *advice;
	const char *cocci;
} fixes[] = {
#define FIX_CACHE_SYNC	0
	{ "dma_cache_sync() was removed in Linux 5.10",
	  "allocate with dma_alloc_noncoherent() and hand the buffer over with dma_sync_single_for_device() or take it back with dma_sync_single_for_cpu()",
	  "cocci/dma_cache_sync.cocci" },
#define FIX_NONCOHERENT_4ARG 1
	{ "the 4-argument %s() is the pre-5.10 API",
	  "pass the direction as the fourth argument (5.10+: dev, size, handle, dir, gfp)",
	  "cocci/non_consistent_attr.cocci" },
#define FIX_ATTR_NON_CONSISTENT 2
	{ "DMA_ATTR_NON_CONSISTENT passed to %s() was removed in Linux 5.10",
	  "use dma_alloc_noncoherent() with explicit syncs, or dma_alloc_coherent() where the driver never syncs",
	  "cocci/non_consistent_attr.cocci" },
};

static void report_fix(struct call_site *cs, int fix)
{
	char what[256];
	const struct legacy_fix *f = &fixes[fix];

	snprintf(what, sizeof(what), f->what, cs->name);
	dmc_report(my_id, cs->pos, "%s: %s (semantic patch %s)",
		   what, f->advice, f->cocci);
}

static void legacy_on_call(struct entrypoint *ep, struct call_site *cs)
{
	const struct dma_api *api = cs->api;
	pseudo_t attrs;

	if (!api)
		return;
	if (api->era == ERA_OLD) {
		if (api->effect == FX_CACHE_SYNC)
			report_fix(cs, FIX_CACHE_SYNC);
		else
			report_fix(cs, FIX_NONCOHERENT_4ARG);
		return;
	}
	attrs = dmc_call_arg(cs, api->attrs);
	/* the attribute only means something where the headers still define it */
	if (attrs && ck_is_macro_name("DMA_ATTR_NON_CONSISTENT") &&
	    dmc_pseudo_may_have_bits(attrs, ATTR_NON_CONSISTENT))
		report_fix(cs, FIX_ATTR_NON_CONSISTENT);
}

static const struct dmc_hooks hooks = {
	.on_call = legacy_on_call,
};

void ck_legacy_api(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
