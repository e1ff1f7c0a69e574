// SPDX-License-Identifier: GPL-2.0
/*
 * gfp-dir-swap: gfp and dir swapped in the 5-argument allocators (since
 * 5.10 the direction comes before the gfp flags: dev, size, handle, dir,
 * gfp), as a conversion of a 4-argument call may leave them.
 */
#include "checks.h"

static enum check_id my_id;

/* Any valid enum dma_data_direction is 0..3; gfp flags are larger. */
static bool is_direction(long long v)
{
	return v >= DIR_BIDI && v <= DIR_NONE;
}

static void swap_on_call(struct entrypoint *ep, struct call_site *cs)
{
	const struct dma_api *api = cs->api;
	long long dir, gfp;

	if (!api || api->dir < 0 || api->gfp < 0)
		return;
	if (dmc_pseudo_const(dmc_call_arg(cs, api->dir), &dir) && !is_direction(dir) &&
	    dmc_pseudo_const(dmc_call_arg(cs, api->gfp), &gfp) && is_direction(gfp))
		dmc_report(my_id, cs->pos,
			   "%s() takes the direction before the gfp flags (dev, size, handle, dir, gfp); these look swapped (dir=%#llx, gfp=%lld)",
			   cs->name, dir, gfp);
}

static const struct dmc_hooks hooks = {
	.on_call = swap_on_call,
};

void ck_gfp_dir_swap(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
