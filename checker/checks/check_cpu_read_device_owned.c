// SPDX-License-Identifier: GPL-2.0
/*
 * cpu-read-device-owned: the CPU loads from a buffer the device owns
 * (and may be writing): it can read stale data.  Not for memory the
 * device only reads (DMA_TO_DEVICE), where the CPU's copy holds.
 */
#include "checks.h"

static enum check_id my_id;

/* "x |= y" is one finding: the store's. */
static bool part_of_store(struct engine_ctx *ctx, const struct event *ev)
{
	int idx = ev - ctx->events, d;

	for (d = -1; d <= 1; d += 2) {
		const struct event *o = engine_event(ctx, idx + d);

		if (o && o->kind == EV_WRITE && o->slot == ev->slot &&
		    o->pos.line == ev->pos.line && o->pos.pos == ev->pos.pos)
			return true;
	}
	return false;
}

static void read_on_event(struct engine_ctx *ctx, const struct event *ev, int slot,
			  const struct slot_state *st)
{
	const struct event *handoff = engine_event(ctx, st->owner_ev);

	if (ev->kind != EV_READ)
		return;
	if (st->owner != OWN_DEVICE || !handoff || !ck_ownership_matters(ev->buf))
		return;
	/* the device only reads DMA_TO_DEVICE memory: the CPU's copy holds */
	if (ev->buf->dir == DIR_TO_DEVICE || handoff->dir == DIR_TO_DEVICE)
		return;
	if (part_of_store(ctx, ev))
		return;
	ck_device_owned(my_id, ctx, ev, handoff);
}

static const struct dmc_hooks hooks = {
	.on_event = read_on_event,
};

void ck_cpu_read_device_owned(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
