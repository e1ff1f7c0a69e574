// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's entry points: the core's three passes over a function
 * (learn the fields that hold buffers, learn its summary, run the
 * checks), and what the checks ask of the function being analysed.
 */
#include "internal.h"

bool engine_told(struct engine_ctx *ctx, struct told_set *told, int key)
{
	int i;

	if (told->ep != ctx->ep) {
		told->ep = ctx->ep;
		told->nr = 0;
	}
	for (i = 0; i < told->nr; i++)
		if (told->key[i] == key)
			return true;
	if (told->nr < told->cap)
		told->key[told->nr++] = key;
	return false;
}

const struct event *engine_event(struct engine_ctx *c, int idx)
{
	return idx >= 0 && idx < c->nr_events ? &c->events[idx] : NULL;
}

void engine_learn_fields(struct entrypoint *ep)
{
	engine_extract(ep);
}

void engine_learn(struct entrypoint *ep)
{
	summary_learn(ep);
}

void engine_run(struct entrypoint *ep)
{
	engine_extract(ep);
	engine_cur.reporting = false;
	if (!engine_solve()) {
		dmc_note(ep->name->pos, "dmacheck: analysis of %s() stopped at the work limit (%lu steps); its findings are incomplete (see --work-limit)",
		     engine_cur.fn, dmc_work_limit);
		engine_free_states();
		return;
	}
	engine_cur.reporting = true;
	engine_replay(NULL, NULL);
	engine_cur.reporting = false;
	engine_free_states();
}
