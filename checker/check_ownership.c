// SPDX-License-Identifier: GPL-2.0
/*
 * CPU access while the device owns the buffer:
 *	cpu-write-device-owned, cpu-read-device-owned
 * and reads of device-written data before the CPU took it back:
 *	missing-sync-for-cpu
 *
 * The rule: between a hand-off to the device (_for_device sync, map,
 * dma_cache_sync(TO_DEVICE)) and the CPU taking it back (_for_cpu sync,
 * unmap), the CPU neither loads nor stores through the buffer.
 *
 * A store is judged where its fate is known: a _for_device sync of the
 * same part after it writes it back (drivers update a descriptor the
 * device is not using and sync it; that is left alone); a kick, a
 * return, a take-back or a release with the store still unsynced is a
 * finding, reported at the store.
 */
#include <string.h>

#include "engine/engine.h"
#include "describe.h"

static const char *how_to_take_back(const struct event *handoff)
{
	if (handoff && handoff->kind == EV_MAP)
		return "unmap it or sync it with dma_sync_single_for_cpu() first";
	if (handoff && handoff->legacy)
		return "the CPU may only touch it again after the device is done";
	if (handoff && handoff->call && strstr(handoff->call, "sgtable"))
		return "take it back with dma_sync_sgtable_for_cpu() first";
	if (handoff && handoff->call && strstr(handoff->call, "_sg_"))
		return "take it back with dma_sync_sg_for_cpu() first";
	return "take it back with dma_sync_single_for_cpu() first";
}

static void device_owned(struct engine_ctx *ctx, const struct event *ev,
			 const struct event *handoff)
{
	/* one finding per hand-off and kind of access: the first one tells */
	static struct told_set told = { .cap = 32 };
	bool write = ev->kind == EV_WRITE;
	char by[160] = "";

	if (engine_told(ctx, &told, (handoff - ctx->events) * 2 + write))
		return;
	if (ev->call)
		snprintf(by, sizeof(by), " by %s()", ev->call);
	dmc_report(write ? CK_CPU_WRITE_DEVICE_OWNED : CK_CPU_READ_DEVICE_OWNED, ev->pos,
	       "'%s' %s%s after %s handed it to the device%s; %s",
	       ck_buf_label(ev), write ? "written" : "read", by, ck_ev_call(handoff),
	       handoff->kind == EV_MAP ? "" : ck_buf_origin(ev->buf),
	       how_to_take_back(handoff));
}

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

static void device_owned_read(struct engine_ctx *ctx, const struct event *ev,
			      const struct slot_state *st)
{
	const struct event *handoff = engine_event(ctx, st->owner_ev);

	if (st->owner != OWN_DEVICE || !handoff || !ck_ownership_matters(ev->buf))
		return;
	/* the device only reads DMA_TO_DEVICE memory: the CPU's copy holds */
	if (ev->buf->dir == DIR_TO_DEVICE || handoff->dir == DIR_TO_DEVICE)
		return;
	if (part_of_store(ctx, ev))
		return;
	device_owned(ctx, ev, handoff);
}

static void unsynced_device_write(struct engine_ctx *ctx, const struct slot *s,
				  const struct slot_state *st)
{
	const struct event *store = engine_event(ctx, st->dev_write_ev);
	const struct event *handoff = engine_event(ctx, st->dev_handoff_ev);

	if (!st->dev_write || !store || !handoff || !ck_ownership_matters(s->buf))
		return;
	device_owned(ctx, store, handoff);
}

/*
 * A _for_cpu sync says the device owned the buffer until here: a read
 * of it earlier in the function, before any sync, saw stale data.
 */
static void read_before_take_back(struct engine_ctx *ctx, const struct event *ev,
				  const struct slot_state *st)
{
	const struct event *read = engine_event(ctx, st->read_ev);

	if (st->owner != OWN_ENTRY || !st->read_early || !read || ev->legacy)
		return;
	if (!ck_ownership_matters(ev->buf))
		return;
	dmc_report(CK_MISSING_SYNC_FOR_CPU, read->pos,
	       "'%s' read before %s took it back from the device%s; the CPU may see stale data: sync first, then read",
	       ck_buf_label(read), ck_ev_call(ev), ck_buf_origin(ev->buf));
}

static void ownership_on_event(struct engine_ctx *ctx, const struct event *ev,
			       struct slot_state *st)
{
	switch (ev->kind) {
	case EV_READ:
		device_owned_read(ctx, ev, st);
		break;
	case EV_TO_CPU:
		read_before_take_back(ctx, ev, st);
		unsynced_device_write(ctx, &ctx->slots[ev->slot], st);
		break;
	case EV_FREE:
	case EV_UNMAP:
		unsynced_device_write(ctx, &ctx->slots[ev->slot], st);
		break;
	default:
		break;
	}
}

static void ownership_on_point(struct engine_ctx *ctx, const struct event *ev,
			       struct slot_state *states)
{
	int i;

	for (i = 0; i < ctx->nr_slots; i++)
		unsynced_device_write(ctx, &ctx->slots[i], &states[i]);
}

static const struct engine_hooks ownership_hooks = {
	.on_event = ownership_on_event,
	.on_point = ownership_on_point,
};

void ck_ownership_init(void)
{
	engine_register(&ownership_hooks);
}
