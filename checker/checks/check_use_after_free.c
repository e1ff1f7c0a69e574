// SPDX-License-Identifier: GPL-2.0
/*
 * use-after-free: any use (access, sync, map) of a buffer after it was
 * freed, a sync after its mapping ended, and a second free or unmap.
 */
#include "checks.h"

static enum check_id my_id;

static void released_twice(struct engine_ctx *ctx, const struct event *ev,
			   const struct slot_state *st)
{
	const struct event *prev = engine_event(ctx, st->owner_ev);

	if (!ck_release_judged(ev, prev) || !ck_released_again(ev, st, prev))
		return;
	if (st->owner == OWN_FREED)
		dmc_report(my_id, ev->pos,
			   "'%s' released again by %s(); %s already freed it",
			   ck_buf_name(ev->buf), ev->call, ck_ev_call(prev));
	else
		dmc_report(my_id, ev->pos,
			   "'%s' unmapped again by %s(); %s already ended the mapping",
			   ck_buf_name(ev->buf), ev->call, ck_ev_call(prev));
}

static void use_after_release(struct engine_ctx *ctx, const struct event *ev,
			      const struct slot_state *st)
{
	const struct event *prev = engine_event(ctx, st->owner_ev);
	const char *what;

	if (!prev || ev->buf->ambiguous || !ev->buf->api || prev->summary)
		return;
	switch (ev->kind) {
	case EV_READ:
		what = "read";
		break;
	case EV_WRITE:
		what = "written";
		break;
	case EV_MAP:
		what = "mapped";
		break;
	default:
		what = "synced";
		break;
	}
	if (st->owner == OWN_FREED)
		dmc_report(my_id, ev->pos, "'%s' %s after %s freed it",
			   ck_buf_label(ev), what, ck_ev_call(prev));
	else if (st->unmapped && (ev->kind == EV_TO_CPU || ev->kind == EV_TO_DEVICE) &&
		 !ev->legacy)
		dmc_report(my_id, ev->pos,
			   "'%s' synced after %s ended its mapping; sync before unmapping",
			   ck_buf_label(ev), ck_ev_call(prev));
}

static void uaf_on_event(struct engine_ctx *ctx, const struct event *ev, int slot,
			 const struct slot_state *st)
{
	switch (ev->kind) {
	case EV_FREE:
	case EV_UNMAP:
		released_twice(ctx, ev, st);
		break;
	case EV_ALLOC:
	case EV_RET:
	case EV_KICK:
		break;
	default:
		use_after_release(ctx, ev, st);
		break;
	}
}

static const struct dmc_hooks hooks = {
	.on_event = uaf_on_event,
};

void ck_use_after_free(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
