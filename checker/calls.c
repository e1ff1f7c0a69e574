// SPDX-License-Identifier: GPL-2.0
/*
 * The calls of the function being analysed, as the checks see them:
 * decoded once (callee, API entry, arguments), with the API's inlined
 * wrappers folded into one call each.
 */
#include <stdlib.h>
#include <string.h>

#include "dmacheck.h"
#include "engine/engine.h"
#include "hashmap.h"

pseudo_t dmc_call_arg(const struct call_site *cs, int idx)
{
	if (idx < 0 || idx >= cs->nargs || idx >= MAX_CALL_ARGS)
		return NULL;
	return cs->args[idx];
}

static const char *callee_name(struct instruction *insn)
{
	pseudo_t fn = insn->func;

	if (!fn || fn->type != PSEUDO_SYM || !fn->sym || !fn->sym->ident)
		return NULL;
	return dmc_ident_name(fn->sym->ident);
}

/* Fill @cs for a call instruction; false if it is not a direct call. */
bool dmc_decode_call(struct instruction *insn, struct call_site *cs)
{
	pseudo_t arg;

	if (insn->opcode != OP_CALL && insn->opcode != OP_INLINED_CALL)
		return false;
	memset(cs, 0, sizeof(*cs));
	cs->name = callee_name(insn);
	if (!cs->name)
		return false;
	cs->insn = insn;
	cs->pos = insn->pos;
	cs->target = insn->target;
	cs->inlined = insn->opcode == OP_INLINED_CALL;
	FOR_EACH_PTR(insn->arguments, arg) {
		if (cs->nargs < MAX_CALL_ARGS)
			cs->args[cs->nargs] = arg;
		cs->nargs++;
	} END_FOR_EACH_PTR(arg);
	cs->api = api_lookup(cs->name, cs->nargs);
	cs->name = api_written_name(cs->name);
	return true;
}

/*
 * The calls of the function being analysed.  A static inline wrapper of
 * the DMA API (dma_alloc_noncoherent() since 5.11, dma_map_single() ...)
 * shows up as its inlined body followed by an OP_INLINED_CALL note.  The
 * note carries the wrapper's name and arguments, the body the value
 * that is really used: the call inside the body that does the work is
 * "folded" into the note, and is seen once, as the wrapper, at the
 * position of the call in the driver.
 */
static struct {
	struct call_site *v;
	int nr, cap;
	pseudo_t *kick_args;
	int nr_kick_args, cap_kick_args;
	int *nth;			/* per call of the function: its index, or -1 */
	int nr_nth, cap_nth;
	bool folded_null;
} calls;

/* insn -> its index in calls.v */
struct call_entry {
	struct hashmap_key key;
	int index;
};
static struct hashmap call_index = HASHMAP_INIT(struct call_entry);

/* the kick args, stripped: a set */
static struct hashmap folded = HASHMAP_INIT(struct hashmap_key);


static void index_calls(void)
{
	int i;

	hashmap_clear(&call_index, calls.nr);
	for (i = 0; i < calls.nr; i++) {
		struct call_entry *e = hashmap_add(&call_index, calls.v[i].insn, 0);

		e->index = i;
	}
}

/*
 * The same for @insn, the @n-th call of engine_calls(): straight to it
 * in the order the calls were collected, the hash only as a fallback.
 */
struct call_site *dmc_call_site_nth(struct instruction *insn, int n)
{
	struct call_site *cs;

	if (n < 0 || n >= calls.nr_nth)
		return dmc_call_site_of(insn);
	if (calls.nth[n] < 0)
		return NULL;
	cs = &calls.v[calls.nth[n]];
	if (cs->insn != insn)
		return dmc_call_site_of(insn);
	return cs->name ? cs : NULL;
}

struct call_site *dmc_call_site_of(struct instruction *insn)
{
	const struct call_entry *e = hashmap_find(&call_index, insn, 0);
	struct call_site *cs;

	if (!e)
		return NULL;
	cs = &calls.v[e->index];
	return cs->name ? cs : NULL;
}

static bool same_class(enum api_effect a, enum api_effect b)
{
	return a == b || (a == FX_MAP && b == FX_MAP_ARG) ||
	       (a == FX_MAP_ARG && b == FX_MAP);
}

static bool shares_arg(const struct call_site *a, const struct call_site *b)
{
	int i, k;

	for (i = 0; i < a->nargs && i < MAX_CALL_ARGS; i++)
		for (k = 0; k < b->nargs && k < MAX_CALL_ARGS; k++)
			if (dmc_strip_casts(a->args[i]) == dmc_strip_casts(b->args[k]) &&
			    a->args[i]->type != PSEUDO_VAL)
				return true;
	return false;
}

/*
 * An inlined writel() is one kick: the accessors it is built from
 * (__raw_writel(), a volatile store) are part of it.
 */
static void fold_kick(int n)
{
	struct call_site *note = &calls.v[n];
	int i, stop = n > 16 ? n - 16 : 0;

	for (i = 0; i < note->nargs && i < MAX_CALL_ARGS; i++) {
		if (calls.nr_kick_args == calls.cap_kick_args)
			calls.kick_args = dmc_grow(calls.kick_args, &calls.cap_kick_args,
					       sizeof(pseudo_t));
		calls.kick_args[calls.nr_kick_args++] = note->args[i];
	}
	for (i = n - 1; i >= stop; i--) {
		struct call_site *in = &calls.v[i];

		if (in->name && in->api && in->api->effect == FX_KICK &&
		    shares_arg(in, note))
			in->name = NULL;
	}
}

/* A value whose defining instruction is gone (a note's view of it). */
static bool is_stale(pseudo_t p)
{
	return p && p->type == PSEUDO_REG && (!p->def || !p->def->bb);
}

static bool same_value(pseudo_t a, pseudo_t b)
{
	if (a == b)
		return true;
	return a && b && a->type == PSEUDO_VAL && b->type == PSEUDO_VAL &&
	       a->value == b->value;
}

/* How many of the note's arguments the inner call passes on. */
static int shared_args(const struct call_site *note, const struct call_site *in)
{
	int i, k, n = 0;

	for (i = 0; i < note->nargs && i < MAX_CALL_ARGS; i++) {
		if (!note->args[i] || is_stale(note->args[i]))
			continue;
		for (k = 0; k < in->nargs && k < MAX_CALL_ARGS; k++) {
			if (same_value(dmc_strip_casts(note->args[i]), dmc_strip_casts(in->args[k]))) {
				n++;
				break;
			}
		}
	}
	return n;
}

/* Fold the work call inside an inlined API wrapper into the wrapper. */
static void fold_note(int n)
{
	struct call_site *note = &calls.v[n];
	int i, k, stop = n > 16 ? n - 16 : 0;
	pseudo_t args[MAX_CALL_ARGS] = { NULL };

	if (note->api->effect == FX_KICK) {
		fold_kick(n);
		return;
	}
	for (i = n - 1; i >= stop; i--) {
		struct call_site *in = &calls.v[i];

		if (!in->name || !in->api || in->inlined)
			continue;
		if (!same_class(in->api->effect, note->api->effect))
			continue;
		if (shared_args(note, in) < (note->nargs > 1 ? 2 : 1))
			continue;
		/* the inner call becomes the wrapper, with the inner value */
		in->name = note->name;
		in->api = note->api;
		for (k = 0; k < note->nargs && k < MAX_CALL_ARGS; k++) {
			pseudo_t a = note->args[k];

			/* a note's arguments are not updated by SSA conversion */
			if (is_stale(a) && k < in->nargs)
				a = in->args[k];
			args[k] = a;
		}
		in->nargs = note->nargs;
		memcpy(in->args, args, sizeof(in->args));
		in->pos = note->pos;
		in->inlined = true;
		note->name = NULL;
		return;
	}
}

static pseudo_t strip_offsets(pseudo_t p);

/* A set of what the kick args point at: a store asks once, not per kick. */
static void index_kick_args(void)
{
	int i;

	hashmap_clear(&folded, calls.nr_kick_args);
	calls.folded_null = false;
	for (i = 0; i < calls.nr_kick_args; i++) {
		pseudo_t p = strip_offsets(calls.kick_args[i]);

		if (p)
			hashmap_add(&folded, p, 0);
		else
			calls.folded_null = true;
	}
}

/*
 * The calls of one function as dmc_decode_call() sees them, before any
 * folding: the same in each of the three passes, so decoded once.
 */
struct decoded_calls {
	struct call_site *v;
	int *nth;
	int nr, nr_nth;
};

static struct decoded_calls *decode_calls(struct entrypoint *ep)
{
	struct instruction *const *insns;
	struct decoded_calls *d;
	void **priv;
	int i, nr;

	insns = engine_calls(ep, &nr, &priv);
	if (*priv)
		return *priv;
	d = calloc(1, sizeof(*d));
	if (!d)
		die("dmacheck: out of memory");
	d->v = malloc((nr + 1) * sizeof(*d->v));
	d->nth = malloc((nr + 1) * sizeof(*d->nth));
	if (!d->v || !d->nth)
		die("dmacheck: out of memory");
	for (i = 0; i < nr; i++) {
		d->nth[i] = -1;
		if (dmc_decode_call(insns[i], &d->v[d->nr]))
			d->nth[i] = d->nr++;
	}
	d->nr_nth = nr;
	*priv = d;
	return d;
}

struct call_site *dmc_collect_calls(struct entrypoint *ep, int *nr)
{
	const struct decoded_calls *d = decode_calls(ep);
	int i;

	while (calls.cap < d->nr)
		calls.v = dmc_grow(calls.v, &calls.cap, sizeof(*calls.v));
	while (calls.cap_nth < d->nr_nth)
		calls.nth = dmc_grow(calls.nth, &calls.cap_nth, sizeof(*calls.nth));
	if (d->nr)
		memcpy(calls.v, d->v, d->nr * sizeof(*calls.v));
	if (d->nr_nth)
		memcpy(calls.nth, d->nth, d->nr_nth * sizeof(*calls.nth));
	calls.nr = d->nr;
	calls.nr_nth = d->nr_nth;
	calls.nr_kick_args = 0;
	for (i = 0; i < calls.nr; i++) {
		struct call_site *cs = &calls.v[i];

		if (!cs->inlined)
			continue;
		if (!cs->api)
			cs->name = NULL;	/* a driver inline: its body is here */
		else
			fold_note(i);
	}
	index_calls();
	index_kick_args();
	if (nr)
		*nr = calls.nr;
	return calls.v;
}

static pseudo_t strip_offsets(pseudo_t p)
{
	p = dmc_strip_casts(p);
	while (p && p->type == PSEUDO_REG && p->def->opcode == OP_ADD &&
	       p->def->src2->type == PSEUDO_VAL)
		p = dmc_strip_casts(p->def->src1);
	return p;
}

/* A store made by an inlined writel() & co: the kick, not a CPU store. */
bool dmc_insn_is_folded(struct instruction *insn)
{
	pseudo_t addr = strip_offsets(insn->src);

	if (!addr)
		return calls.folded_null;
	return hashmap_find(&folded, addr, 0) != NULL;
}
