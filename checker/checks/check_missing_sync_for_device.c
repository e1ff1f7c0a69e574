// SPDX-License-Identifier: GPL-2.0
/*
 * missing-sync-for-device: CPU stores to a buffer reach a device kick (an
 * MMIO write, or a helper that does one) with no _for_device sync
 * between: on a non-coherent machine the device reads memory the CPU's
 * cache has not written back.
 */
#include "checks.h"

static enum check_id my_id;

static void unsynced_stores(struct engine_ctx *ctx, const struct event *kick, int slot,
			    const struct slot_state *st)
{
	const struct slot *s = &ctx->slots[slot];
	const struct event *store = engine_event(ctx, st->dirty_ev);

	if (kick->kind != EV_KICK)
		return;
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
	/*
	 * Handed to the device after this register write, on some path: the
	 * driver sets the device up here and starts it later (53c700 clears
	 * the FIFO, syncs the message buffers, then writes DSP); judged at
	 * the kick that follows.
	 */
	if (engine_gives_back_after(ctx, kick - ctx->events, slot))
		return;
	/* coherent on some machines: a sync on some path is guarded by a flag */
	if (s->buf->mixed_coherence && st->owner != OWN_CPU && st->owner != OWN_ENTRY)
		return;
	dmc_report(my_id, ck_site(ctx, kick),
		   "%s starts the device but '%s', written at %s, was not handed to it with dma_sync_single_for_device()%s; sync after the last store",
		   ck_kick_name(kick), ck_buf_label(store), dmc_where(store->pos),
		   ck_buf_origin(s->buf));
}

static const struct dmc_hooks hooks = {
	.on_point = unsynced_stores,
};

void ck_missing_sync_for_device(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
