// SPDX-License-Identifier: GPL-2.0
/*
 * What must be true when the device is started (an MMIO write) or the
 * function returns:
 *	missing-sync-for-device: CPU stores since the last hand-off
 *	ownership-imbalance: a buffer taken with _for_cpu given back on
 *	some paths only (sparse's context imbalance, for ownership)
 */
#include "engine.h"
#include "describe.h"

static void unsynced_stores(struct engine_ctx *ctx, const struct event *kick,
			    const struct slot *s, const struct slot_state *st)
{
	const struct event *store = engine_event(ctx, st->dirty_ev);

	if (!st->dirty || !store || !ownership_matters(s->buf))
		return;
	if (st->owner != OWN_CPU && st->owner != OWN_ENTRY)
		return;
	report(CK_MISSING_SYNC_FOR_DEVICE, kick->pos,
	       "%s starts the device but '%s', written at %s, was not handed to it with dma_sync_single_for_device()%s; sync after the last store",
	       kick_name(kick), buf_label(store), where(store->pos), buf_origin(s->buf));
}

static void left_with_cpu(struct engine_ctx *ctx, const struct event *at,
			  const struct slot *s, const struct slot_state *st)
{
	const struct event *taken = engine_event(ctx, st->taken_ev);

	if (!taken || !ownership_matters(s->buf))
		return;
	if (st->owner != OWN_MIXED &&
	    !(st->owner == OWN_CPU && st->taken && s->gives_back))
		return;
	if (at->kind == EV_KICK)
		report(CK_OWNERSHIP_IMBALANCE, at->pos,
		       "%s starts the device while '%s', taken for the CPU by %s, is given back with a _for_device sync on some paths only",
		       kick_name(at), buf_name(s->buf), ev_call(taken));
	else
		report(CK_OWNERSHIP_IMBALANCE, taken->pos,
		       "'%s' taken for the CPU by %s() here is given back with a _for_device sync on some paths only before %s() returns",
		       buf_label(taken), taken->call, ctx->fn);
}

static void kick_on_point(struct engine_ctx *ctx, const struct event *ev,
			  struct slot_state *states)
{
	int i;

	for (i = 0; i < ctx->nr_slots; i++) {
		if (ev->kind == EV_KICK)
			unsynced_stores(ctx, ev, &ctx->slots[i], &states[i]);
		left_with_cpu(ctx, ev, &ctx->slots[i], &states[i]);
	}
}

static const struct engine_hooks kick_hooks = {
	.on_point = kick_on_point,
};

void check_kick_init(void)
{
	engine_register(&kick_hooks);
}
