// SPDX-License-Identifier: GPL-2.0
/*
 * What must be true when the device is started (an MMIO write) or the
 * function returns:
 *	missing-sync-for-device: CPU stores since the last hand-off
 *	ownership-imbalance: a buffer taken with _for_cpu given back on
 *	some paths only (sparse's context imbalance, for ownership)
 */
#include "engine/engine.h"
#include "describe.h"

static void unsynced_stores(struct engine_ctx *ctx, const struct event *kick,
			    const struct slot *s, const struct slot_state *st)
{
	const struct event *store = engine_event(ctx, st->dirty_ev);

	if (!st->dirty || !store || !ck_ownership_matters(s->buf))
		return;
	/* dirty survives a join only from a path that stored and never synced */
	if (st->owner == OWN_FREED)
		return;
	/*
	 * As the caller left it: only memory allocated for the device is
	 * known to need a write-back; a streaming buffer may not be mapped.
	 */
	if (st->owner == OWN_ENTRY && (!s->buf->api || s->buf->api->effect != FX_ALLOC))
		return;
	/* unmapped: the next map writes it back */
	if (st->unmapped)
		return;
	/* coherent on some machines: a sync on some path is guarded by a flag */
	if (s->buf->mixed_coherence && st->owner != OWN_CPU && st->owner != OWN_ENTRY)
		return;
	dmc_report(CK_MISSING_SYNC_FOR_DEVICE, kick->pos,
	       "%s starts the device but '%s', written at %s, was not handed to it with dma_sync_single_for_device()%s; sync after the last store",
	       ck_kick_name(kick), ck_buf_label(store), dmc_where(store->pos), ck_buf_origin(s->buf));
}

/* One finding per buffer part and function: at the first kick or return. */
static struct told_set told = { .cap = 16 };

/*
 * Left with the CPU on this path while another path from the same
 * _for_cpu sync gives it back: the paths disagree on who owns it.
 */
static void left_with_cpu(struct engine_ctx *ctx, const struct event *at,
			  const struct slot *s, const struct slot_state *st, int slot)
{
	const struct event *taken = engine_event(ctx, st->taken_ev);

	if (!taken || !ck_ownership_matters(s->buf))
		return;
	if (st->owner != OWN_MIXED &&
	    !(st->owner == OWN_CPU && st->taken &&
	      engine_gives_back_after(ctx, st->taken_ev, slot)))
		return;
	/* a kick on the way out of a failure (a reset) changes nothing */
	if (at->kind == EV_KICK && engine_error_only(ctx, at))
		return;
	if (engine_told(ctx, &told, slot))
		return;
	if (at->kind == EV_KICK)
		dmc_report(CK_OWNERSHIP_IMBALANCE, at->pos,
		       "%s starts the device while '%s', taken for the CPU by %s, is given back with a _for_device sync on some paths only",
		       ck_kick_name(at), ck_buf_name(s->buf), ck_ev_call(taken));
	else
		dmc_report(CK_OWNERSHIP_IMBALANCE, taken->pos,
		       "'%s' taken for the CPU by %s() here is given back with a _for_device sync on some paths only before %s() returns",
		       ck_buf_label(taken), taken->call, ctx->fn);
}

static void kick_on_point(struct engine_ctx *ctx, const struct event *ev,
			  struct slot_state *states)
{
	int i;

	for (i = 0; i < ctx->nr_slots; i++) {
		if (ev->kind == EV_KICK)
			unsynced_stores(ctx, ev, &ctx->slots[i], &states[i]);
		left_with_cpu(ctx, ev, &ctx->slots[i], &states[i], i);
	}
}

static const struct engine_hooks kick_hooks = {
	.on_point = kick_on_point,
};

void ck_kick_init(void)
{
	engine_register(&kick_hooks);
}
