// SPDX-License-Identifier: GPL-2.0
/*
 * missing-sync-for-cpu: the CPU reads device-written data before the
 * _for_cpu sync that takes the buffer back.  The sync says the device
 * owned the buffer until there: a read of it earlier in the function,
 * before any sync, saw stale data.
 */
#include "checks.h"

static enum check_id my_id;

static void take_back_on_event(struct engine_ctx *ctx, const struct event *ev, int slot,
			       const struct slot_state *st)
{
	const struct event *read = engine_event(ctx, st->read_ev);

	if (ev->kind != EV_TO_CPU)
		return;
	if (st->owner != OWN_ENTRY || !st->read_early || !read || ev->legacy)
		return;
	if (!ck_ownership_matters(ev->buf))
		return;
	dmc_report(my_id, read->pos,
		   "'%s' read before %s took it back from the device%s; the CPU may see stale data: sync first, then read",
		   ck_buf_label(read), ck_ev_call(ev), ck_buf_origin(ev->buf));
}

static const struct dmc_hooks hooks = {
	.on_event = take_back_on_event,
};

void ck_missing_sync_for_cpu(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
