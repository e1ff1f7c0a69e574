// SPDX-License-Identifier: GPL-2.0
/*
 * Debugging output on stderr: DMACHECK_DEBUG_FN=<function> prints the
 * events of one function, DMACHECK_DEBUG_SUMMARY=1 every summary learnt.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* DMACHECK_DEBUG_SUMMARY=1: every summary learnt, for debugging. */
void engine_debug_summary(const struct summary *sum)
{
	int k;

	if (!getenv("DMACHECK_DEBUG_SUMMARY") || !(sum->nr || sum->kicks || sum->handle_of))
		return;
	fprintf(stderr, "summary %s: kicks %d handle_of %d\n", engine_cur.fn, sum->kicks,
		sum->handle_of);
	for (k = 0; k < sum->nr; k++) {
		const struct sum_effect *fx = &sum->effects[k];

		fprintf(stderr, "  event %d param %d anchored %d buffer %s part %lld..%lld\n",
			fx->kind, fx->param, fx->anchored,
			fx->buf && fx->buf->name ? fx->buf->name : "-", fx->lo, fx->hi);
	}
}

/* DMACHECK_DEBUG_FN=name: the events of one function, for debugging. */
void engine_debug_events(void)
{
	const char *fn = getenv("DMACHECK_DEBUG_FN");
	int i;

	if (!fn || strcmp(fn, engine_cur.fn))
		return;
	for (i = 0; i < engine_cur.nr_events; i++) {
		const struct event *ev = &engine_cur.events[i];
		const struct slot *s = ev->slot >= 0 ? &engine_cur.slots[ev->slot] : NULL;

		fprintf(stderr, "%s:%d ev %d kind %d call %s buf %s#%d slot %d anchor %s lo %lld hi %lld whole %d\n",
			engine_cur.fn, ev->pos.line, i, ev->kind, ev->call ? ev->call : "-",
			ev->buf && ev->buf->name ? ev->buf->name : "?", ev->buf ? ev->buf->id : 0,
			ev->slot, s && s->anchor ? show_pseudo(s->anchor) : "-",
			s ? s->lo : 0, s ? s->hi : 0, ev->whole);
	}
}
