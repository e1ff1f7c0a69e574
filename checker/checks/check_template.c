// SPDX-License-Identifier: GPL-2.0
/*
 * check_template.c: the example to copy when adding a check (see
 * docs/adding-a-check.md).  It is built with the other checks, so it
 * keeps compiling as the interfaces change, but it is in no line of
 * check_list.h: nothing registers it, and it never runs.
 *
 * As an example it finds a _for_cpu sync of a buffer the CPU already
 * took back with an earlier one, and no sync for the device between
 * (a redundant take-back).
 *
 * To turn it into a check named foo-bar:
 *	1. copy it to checks/check_foo_bar.c and rename ck_template();
 *	2. add CK(foo_bar, FOO_BAR, "foo-bar", "what it finds") to check_list.h;
 *	3. write docs/checks/foo-bar.md (from docs/checks/TEMPLATE.md) and
 *	   tests/checker/foo_bar.c (the cases that must warn, and the near
 *	   misses that must not).
 */
#include "checks.h"

/* The check's id, given at registration: every finding is reported as it. */
static enum check_id my_id;

/*
 * on_event: an event on one slot (a buffer, or a part of it), with the
 * slot's state before the event.  A kick or a return is an event on
 * every slot.  Other hooks, all optional (see struct dmc_hooks):
 *	on_call(ep, cs)		every call, with its API table entry;
 *	on_point(ctx, ev, slot, st)	at a kick or a return, each slot;
 *	on_function(ep)		after the engine ran on a function.
 */
static void template_on_event(struct engine_ctx *ctx, const struct event *ev, int slot,
			      const struct slot_state *st)
{
	const struct event *taken = engine_event(ctx, st->taken_ev);

	if (ev->kind != EV_TO_CPU || ev->legacy)
		return;
	/* judge only buffers a non-coherent machine would get wrong */
	if (st->owner != OWN_CPU || !st->taken || !taken ||
	    !ck_ownership_matters(ev->buf))
		return;
	/* words from describe.c, so that it reads like every other message */
	dmc_report(my_id, ev->pos,
		   "'%s' taken for the CPU by %s, but %s took it already; drop one of the syncs",
		   ck_buf_label(ev), ck_ev_call(ev), ck_ev_call(taken));
}

static const struct dmc_hooks hooks = {
	.on_event = template_on_event,
};

/* Called once at start-up, in check_list.h order, with the check's id. */
void ck_template(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
