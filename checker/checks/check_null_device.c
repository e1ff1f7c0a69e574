// SPDX-License-Identifier: GPL-2.0
/*
 * null-device: a NULL struct device given to a DMA allocation, map or
 * sync.  Old ISA-era code passed NULL to dma_alloc_coherent(); since
 * 5.10 dma-direct takes the DMA mask, the coherency and the IOMMU from
 * the device, and a NULL one oopses or gets memory the hardware cannot
 * reach.  The device is the first argument of every call of the API
 * table (dma_api.def), old API and new.
 */
#include "checks.h"

static enum check_id my_id;

/* What needs the device: taking memory, mapping it, handing it over. */
static bool needs_device(const struct dma_api *api)
{
	static const bool effects[] = {
		[FX_ALLOC] = true, [FX_MAP] = true, [FX_MAP_ARG] = true,
		[FX_TO_DEVICE] = true, [FX_TO_CPU] = true, [FX_CACHE_SYNC] = true,
	};

	return api->effect < ARRAY_SIZE(effects) && effects[api->effect];
}

static void null_device_on_call(struct entrypoint *ep, struct call_site *cs)
{
	pseudo_t dev;
	long long val;

	if (!cs->api || !needs_device(cs->api))
		return;
	dev = dmc_call_arg(cs, 0);
	if (!dev || !dmc_pseudo_const(dev, &val) || val)
		return;
	dmc_report(my_id, cs->pos,
		   "%s() given a NULL device: dma-direct (Linux 5.10+) takes the DMA mask, coherency and IOMMU from it; pass the struct device of the hardware that does the DMA (&pdev->dev)",
		   cs->name);
}

static const struct dmc_hooks hooks = {
	.on_call = null_device_on_call,
};

void ck_null_device(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
