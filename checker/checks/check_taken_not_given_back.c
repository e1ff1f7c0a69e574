// SPDX-License-Identifier: GPL-2.0
/*
 * taken-not-given-back: a descriptor taken for the CPU with a _for_cpu
 * sync, and handed back on no path, when the device is started (at a
 * kick), or when an interrupt handler or a NAPI poll function returns
 * while the device still walks the ring.  The shape of the syncs
 * upstream had to add to the ring NICs after their first conversion: a
 * receive or reclaim loop takes descriptors, reads their status, and the
 * last one taken stays the CPU's; on a non-coherent machine the CPU may
 * later read a stale line, or write it back over what the chip wrote.
 *
 * Not this check's: a store after the take (missing-sync-for-device at
 * the kick; at a device callback's return without a kick, not reported), a descriptor given back on some paths only
 * (ownership-imbalance), a kick on the way out of a failure (a reset).
 * A function that returns with the descriptor taken and has callers in
 * the file leaves it to them (its summary says it takes it).
 */
#include <string.h>

#include "checks.h"

static enum check_id my_id;

static struct symbol *base_of(struct symbol *t)
{
	while (t && t->type == SYM_NODE)
		t = t->ctype.base_type;
	return t;
}

/*
 * Called by the interrupt core or by NAPI, not by this file: an
 * interrupt handler (it returns irqreturn_t) or a poll function (it
 * takes a struct napi_struct *).
 */
static bool device_callback(struct entrypoint *ep)
{
	struct symbol *fn = base_of(ep->name), *ret, *arg, *t;

	if (!fn || fn->type != SYM_FN)
		return false;
	ret = base_of(fn->ctype.base_type);
	if (ret && ret->type == SYM_ENUM && ret->ident &&
	    !strcmp(dmc_ident_name(ret->ident), "irqreturn"))
		return true;
	FOR_EACH_PTR(fn->arguments, arg) {
		t = base_of(arg->ctype.base_type);
		if (!t || t->type != SYM_PTR)
			continue;
		t = base_of(t->ctype.base_type);
		if (t && t->type == SYM_STRUCT && t->ident &&
		    !strcmp(dmc_ident_name(t->ident), "napi_struct"))
			return true;
	} END_FOR_EACH_PTR(arg);
	return false;
}

static void still_taken(struct engine_ctx *ctx, const struct event *at, int slot,
			const struct slot_state *st)
{
	const struct slot *s = &ctx->slots[slot];
	const struct event *taken = engine_event(ctx, st->taken_ev);
	struct position pos;

	if (!taken || st->owner != OWN_CPU || !st->taken || !ck_ownership_matters(s->buf) ||
	    s->buf->mixed_coherence)
		return;
	/* given back on some path: ownership-imbalance's */
	if (engine_gives_back_after(ctx, st->taken_ev, slot))
		return;
	/* written since the take: missing-sync-for-device's, at the first kick */
	if (st->dirty || st->dirty_ev > st->taken_ev)
		return;
	if (at->kind == EV_KICK) {
		/* a reset on the way out of a failure: nothing to hand back */
		if (engine_error_only(ctx, at))
			return;
	} else if (at->kind != EV_RET || !device_callback(ctx->ep)) {
		return;
	}
	if (ck_take_told(ctx, st->taken_ev))
		return;
	if (!ck_take_pos(ctx, taken, at, &pos)) {
		if (ck_cause_told(taken, s))
			return;
		if (at->kind == EV_KICK)
			dmc_report(my_id, pos,
				   "%s starts the device while '%s', taken for the CPU by %s, is not handed back with a _for_device sync; the CPU may later read a stale line or write it back over what the device wrote",
				   ck_kick_name(at), ck_part_label(s, taken), ck_ev_call(taken));
		else
			dmc_report(my_id, pos,
				   "%s() returns while '%s', taken for the CPU by %s, is not handed back with a _for_device sync and the device still walks the ring; the CPU may later read a stale line or write it back over what the device wrote",
				   ctx->fn, ck_part_label(s, taken), ck_ev_call(taken));
	} else if (at->kind == EV_KICK) {
		dmc_report(my_id, pos,
			   "'%s' taken for the CPU by %s here is not handed back with a _for_device sync before %s at %s starts the device; the CPU may later read a stale line or write it back over what the device wrote",
			   ck_buf_label(taken), ck_take_call(ctx, taken), ck_kick_name(at),
			   dmc_where(ck_site(ctx, at)));
	} else {
		dmc_report(my_id, pos,
			   "'%s' taken for the CPU by %s here is not handed back with a _for_device sync before %s() returns, while the device still walks the ring; the CPU may later read a stale line or write it back over what the device wrote",
			   ck_buf_label(taken), ck_take_call(ctx, taken), ctx->fn);
	}
}

static const struct dmc_hooks hooks = {
	.on_point = still_taken,
};

void ck_taken_not_given_back(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
