// SPDX-License-Identifier: GPL-2.0
/*
 * cpu-write-device-owned: the CPU stores into a buffer the device owns.
 *
 * A store is judged where its fate is known: a _for_device sync of the
 * same part after it writes it back (drivers update a descriptor the
 * device is not using and sync it; that is left alone); a take-back, a
 * release, a kick or a return with the store still unsynced is a
 * finding, reported at the store.
 */
#include "checks.h"

static enum check_id my_id;

static void unsynced_device_write(struct engine_ctx *ctx, const struct slot *s,
				  const struct slot_state *st)
{
	const struct event *store = engine_event(ctx, st->dev_write_ev);
	const struct event *handoff = engine_event(ctx, st->dev_handoff_ev);

	if (!st->dev_write || !store || !handoff || !ck_ownership_matters(s->buf))
		return;
	ck_device_owned(my_id, ctx, store, handoff);
}

static void write_on_event(struct engine_ctx *ctx, const struct event *ev, int slot,
			   const struct slot_state *st)
{
	switch (ev->kind) {
	case EV_TO_CPU:
	case EV_FREE:
	case EV_UNMAP:
	case EV_KICK:
	case EV_RET:
		unsynced_device_write(ctx, &ctx->slots[slot], st);
		break;
	default:
		break;
	}
}

static const struct dmc_hooks hooks = {
	.on_event = write_on_event,
};

void ck_cpu_write_device_owned(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
