// SPDX-License-Identifier: GPL-2.0
/*
 * sync-direction: a sync whose direction contradicts how the buffer was
 * set up (a DMA_TO_DEVICE mapping synced DMA_FROM_DEVICE ...), and
 * DMA_NONE passed where a direction is expected.
 */
#include "checks.h"

static enum check_id my_id;

static void none_on_call(struct entrypoint *ep, struct call_site *cs)
{
	const struct dma_api *api = cs->api;
	long long dir;

	if (!api || api->dir < 0)
		return;
	if (dmc_pseudo_const(dmc_call_arg(cs, api->dir), &dir) && dir == DIR_NONE &&
	    api->effect != FX_CACHE_SYNC)
		dmc_report(my_id, cs->pos,
			   "DMA_NONE passed to %s(); it is not a direction: use DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL",
			   cs->name);
}

static void direction_on_event(struct engine_ctx *ctx, const struct event *ev, int slot,
			       const struct slot_state *st)
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
		dmc_report(my_id, ev->pos,
			   "%s() on '%s', set up DMA_TO_DEVICE by %s() at %s: the device only reads it, there is nothing to take back for the CPU",
			   ev->call, ck_buf_name(buf), buf->api->name, dmc_where(buf->origin));
		return;
	}
	if (buf->dir == DIR_BIDI || ev->dir == buf->dir)
		return;
	if (ev->kind == EV_TO_DEVICE && buf->dir == DIR_FROM_DEVICE &&
	    ev->dir == DIR_TO_DEVICE)
		dmc_report(my_id, ev->pos,
			   "%s() syncs '%s' DMA_TO_DEVICE but %s() at %s set it up DMA_FROM_DEVICE: the device only writes it",
			   ev->call, ck_buf_name(buf), buf->api->name, dmc_where(buf->origin));
	else
		dmc_report(my_id, ev->pos,
			   "%s() syncs '%s' %s but %s() at %s set it up %s; sync with the direction it was set up with",
			   ev->call, ck_buf_name(buf), api_dir_name(ev->dir), buf->api->name,
			   dmc_where(buf->origin), api_dir_name(buf->dir));
}

static const struct dmc_hooks hooks = {
	.on_call = none_on_call,
	.on_event = direction_on_event,
};

void ck_sync_direction(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
