// SPDX-License-Identifier: GPL-2.0
/*
 * ownership-imbalance: a buffer taken for the CPU with a _for_cpu sync is
 * given back to the device on some paths only (sparse's context
 * imbalance, for ownership).  Judged where the paths meet the device or
 * the caller: at a kick or a return; reported at the take.
 */
#include "checks.h"

static enum check_id my_id;

/* One finding per buffer part and function: at the first kick or return. */
static struct told_set told = { .cap = 16 };

/*
 * Left with the CPU on this path while another path from the same
 * _for_cpu sync gives it back: the paths disagree on who owns it.
 * Reported at the take (one finding however many functions inline the
 * helper that takes), naming the kick or the return; at the kick or the
 * return when no line of the driver holds the take.
 */
static void left_with_cpu(struct engine_ctx *ctx, const struct event *at, int slot,
			  const struct slot_state *st)
{
	const struct slot *s = &ctx->slots[slot];
	const struct event *taken = engine_event(ctx, st->taken_ev);
	struct position pos;

	/* a coherent-or-noncoherent fallback: the sync is guarded by a flag */
	if (!taken || !ck_ownership_matters(s->buf) || s->buf->mixed_coherence)
		return;
	if (st->owner != OWN_MIXED &&
	    !(st->owner == OWN_CPU && st->taken &&
	      engine_gives_back_after(ctx, st->taken_ev, slot)))
		return;
	/* a kick on the way out of a failure (a reset) changes nothing */
	if (at->kind == EV_KICK && engine_error_only(ctx, at))
		return;
	if (engine_told(ctx, &told, slot) || ck_take_told(ctx, st->taken_ev))
		return;
	if (!ck_take_pos(ctx, taken, at, &pos)) {
		if (ck_cause_told(taken, s))
			return;
		if (at->kind == EV_KICK)
			dmc_report(my_id, pos,
				   "%s starts the device while '%s', taken for the CPU by %s, is given back with a _for_device sync on some paths only",
				   ck_kick_name(at), ck_part_label(s, taken), ck_ev_call(taken));
		else
			dmc_report(my_id, pos,
				   "%s() returns while '%s', taken for the CPU by %s, is given back with a _for_device sync on some paths only",
				   ctx->fn, ck_part_label(s, taken), ck_ev_call(taken));
	} else if (at->kind == EV_KICK) {
		dmc_report(my_id, pos,
			   "'%s' taken for the CPU by %s here is given back with a _for_device sync on some paths only before %s at %s starts the device",
			   ck_buf_label(taken), ck_take_call(ctx, taken), ck_kick_name(at),
			   dmc_where(ck_site(ctx, at)));
	} else {
		dmc_report(my_id, pos,
			   "'%s' taken for the CPU by %s here is given back with a _for_device sync on some paths only before %s() returns",
			   ck_buf_label(taken), ck_take_call(ctx, taken), ctx->fn);
	}
}

static const struct dmc_hooks hooks = {
	.on_point = left_with_cpu,
};

void ck_ownership_imbalance(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
