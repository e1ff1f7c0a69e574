// SPDX-License-Identifier: GPL-2.0
/*
 * The core: linearize every function of a translation unit, hand each
 * call to the registered checks, run the ownership engine.  The core
 * knows nothing of any single check.
 */
#include "dmacheck.h"
#include "checks/checks.h"

/* the checks' registration functions (checks/checks.h), by id */
static ck_register_fn *const check_init[NR_CHECKS] = {	/* enum check_id's order */
#define CK(name, e, id, summary) ck_##name,
#include "checks/check_list.h"
#undef CK
};

#define MAX_HOOKS (NR_CHECKS + 8)

static const struct dmc_hooks *registered[MAX_HOOKS];
static int nr_registered;

unsigned long dmc_work_limit = 50000000;
struct dmc_stats dmc_stats;

void dmc_register_checks(void)
{
	int i;

	for (i = 0; i < NR_CHECKS; i++)
		check_init[i](i);
}

void dmc_add_hooks(const struct dmc_hooks *hooks)
{
	if (nr_registered == MAX_HOOKS)
		die("dmacheck: more hooks than checks");
	registered[nr_registered++] = hooks;
	engine_register(hooks);
}

static void dispatch_calls(struct entrypoint *ep)
{
	struct call_site *calls;
	int i, c, nr;

	calls = dmc_collect_calls(ep, &nr);
	for (c = 0; c < nr; c++) {
		if (!calls[c].name)
			continue;
		for (i = 0; i < nr_registered; i++)
			if (registered[i]->on_call)
				registered[i]->on_call(ep, &calls[c]);
	}
}

static void end_function(struct entrypoint *ep)
{
	int i;

	for (i = 0; i < nr_registered; i++)
		if (registered[i]->on_function)
			registered[i]->on_function(ep);
}

/*
 * Two passes: the first linearizes everything and learns what each
 * function does to its parameters and which struct fields hold buffers
 * (so an interrupt handler knows what probe() allocated); the second
 * runs the checks with that knowledge.
 */
void dmc_analyse(struct symbol_list *list)
{
	struct entrypoint_list {
		struct entrypoint **v;
		int nr, cap;
	} eps = { 0 };
	struct symbol *sym;
	double t0 = dmc_seconds(), t1;
	int i;

	api_keep_calls();
	FOR_EACH_PTR(list, sym) {
		struct entrypoint *ep;

		expand_symbol(sym);
		if (sym->ident && api_known(dmc_ident_name(sym->ident)))
			continue;
		ep = linearize_symbol(sym);
		if (!ep || !ep->entry)
			continue;
		if (eps.nr == eps.cap)
			eps.v = dmc_grow(eps.v, &eps.cap, sizeof(*eps.v));
		eps.v[eps.nr++] = ep;
	} END_FOR_EACH_PTR(sym);

	t1 = dmc_seconds();
	dmc_stats.linearize = t1 - t0;
	for (i = 0; i < eps.nr; i++) {
		dmc_collect_calls(eps.v[i], NULL);
		engine_learn_fields(eps.v[i]);
	}
	for (i = 0; i < eps.nr; i++) {
		dmc_collect_calls(eps.v[i], NULL);
		engine_learn(eps.v[i]);
	}
	for (i = 0; i < eps.nr; i++) {
		dispatch_calls(eps.v[i]);
		engine_run(eps.v[i]);
		end_function(eps.v[i]);
	}
	free(eps.v);
	dmc_stats.analysis = dmc_seconds() - t1;
}
