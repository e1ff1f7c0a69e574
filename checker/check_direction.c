// SPDX-License-Identifier: GPL-2.0
/*
 * Directions: sync-direction (a sync that contradicts how the buffer was
 * set up, DMA_NONE) and gfp-dir-swap (gfp and dir swapped in the
 * 5-argument allocators: dir comes before gfp since 5.10).
 */
#include "engine/engine.h"
#include "describe.h"

/* Any valid enum dma_data_direction is 0..3; gfp flags are larger. */
static bool is_direction(long long v)
{
	return v >= DIR_BIDI && v <= DIR_NONE;
}

static void direction_on_call(struct entrypoint *ep, struct call_site *cs)
{
	const struct dma_api *api = cs->api;
	long long dir, gfp;
	bool have_dir, have_gfp;

	if (!api || api->dir < 0)
		return;
	have_dir = dmc_pseudo_const(dmc_call_arg(cs, api->dir), &dir);
	have_gfp = api->gfp >= 0 && dmc_pseudo_const(dmc_call_arg(cs, api->gfp), &gfp);
	if (have_dir && !is_direction(dir) && have_gfp && is_direction(gfp)) {
		dmc_report(CK_GFP_DIR_SWAP, cs->pos,
		       "%s() takes the direction before the gfp flags (dev, size, handle, dir, gfp); these look swapped (dir=%#llx, gfp=%lld)",
		       cs->name, dir, gfp);
		return;
	}
	if (have_dir && dir == DIR_NONE && api->effect != FX_CACHE_SYNC)
		dmc_report(CK_SYNC_DIRECTION, cs->pos,
		       "DMA_NONE passed to %s(); it is not a direction: use DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL",
		       cs->name);
}

static void direction_on_event(struct engine_ctx *ctx, const struct event *ev,
			       struct slot_state *st)
{
	const struct buffer *buf = ev->buf;

	if ((ev->kind != EV_TO_CPU && ev->kind != EV_TO_DEVICE) || ev->legacy)
		return;
	if (ev->dir < 0 || ev->dir == DIR_NONE || buf->dir < 0 || !buf->api ||
	    buf->ambiguous)
		return;
	/*
	 * As CONFIG_DMA_API_DEBUG judges it: taking DMA_TO_DEVICE memory
	 * for the CPU with DMA_TO_DEVICE is a no-op it accepts.
	 */
	if (ev->kind == EV_TO_CPU && buf->dir == DIR_TO_DEVICE && ev->dir != DIR_TO_DEVICE) {
		dmc_report(CK_SYNC_DIRECTION, ev->pos,
		       "%s() on '%s', set up DMA_TO_DEVICE by %s() at %s: the device only reads it, there is nothing to take back for the CPU",
		       ev->call, ck_buf_name(buf), buf->api->name, dmc_where(buf->origin));
		return;
	}
	if (buf->dir == DIR_BIDI || ev->dir == buf->dir)
		return;
	if (ev->kind == EV_TO_DEVICE && buf->dir == DIR_FROM_DEVICE &&
		 ev->dir == DIR_TO_DEVICE)
		dmc_report(CK_SYNC_DIRECTION, ev->pos,
		       "%s() syncs '%s' DMA_TO_DEVICE but %s() at %s set it up DMA_FROM_DEVICE: the device only writes it",
		       ev->call, ck_buf_name(buf), buf->api->name, dmc_where(buf->origin));
	else
		dmc_report(CK_SYNC_DIRECTION, ev->pos,
		       "%s() syncs '%s' %s but %s() at %s set it up %s; sync with the direction it was set up with",
		       ev->call, ck_buf_name(buf), api_dir_name(ev->dir), buf->api->name,
		       dmc_where(buf->origin), api_dir_name(buf->dir));
}

static const struct check_ops direction_ops = {
	.name = "direction",
	.on_call = direction_on_call,
};

static const struct engine_hooks direction_hooks = {
	.on_event = direction_on_event,
};

void ck_direction_init(void)
{
	dmc_register_check(&direction_ops);
	engine_register(&direction_hooks);
}
