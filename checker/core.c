// SPDX-License-Identifier: GPL-2.0
/*
 * The core: linearize every function of a translation unit, hand each
 * call to the registered checks, run the ownership engine.  The core
 * knows nothing of any single check.
 */
#include <stdlib.h>
#include <string.h>

#include "dmacheck.h"

#define MAX_CHECKS 16

static const struct check_ops *registered[MAX_CHECKS];
static int nr_registered;

unsigned long work_limit = 2000000;

void register_check(const struct check_ops *ops)
{
	if (nr_registered < MAX_CHECKS)
		registered[nr_registered++] = ops;
}

pseudo_t call_arg(const struct call_site *cs, int idx)
{
	if (idx < 0 || idx >= cs->nargs || idx >= 8)
		return NULL;
	return cs->args[idx];
}

static pseudo_t strip_casts(pseudo_t p)
{
	int depth;

	for (depth = 0; depth < 16 && p && p->type == PSEUDO_REG; depth++) {
		struct instruction *def = p->def;

		switch (def->opcode) {
		case OP_ZEXT: case OP_SEXT: case OP_TRUNC:
		case OP_PTRCAST: case OP_UTPTR: case OP_PTRTU:
		case OP_COPY:
			p = def->src;
			continue;
		default:
			return p;
		}
	}
	return p;
}

bool pseudo_const(pseudo_t p, long long *val)
{
	p = strip_casts(p);
	if (!p || p->type != PSEUDO_VAL)
		return false;
	*val = p->value;
	return true;
}

static bool may_have_bits(pseudo_t p, unsigned long long mask, int depth)
{
	struct instruction *def;
	pseudo_t src;

	p = strip_casts(p);
	if (!p || depth > 8)
		return false;
	if (p->type == PSEUDO_VAL)
		return (unsigned long long)p->value & mask;
	if (p->type == PSEUDO_PHI && p->def && p->def->opcode == OP_PHISOURCE)
		return may_have_bits(p->def->phi_src, mask, depth + 1);
	if (p->type != PSEUDO_REG)
		return false;
	def = p->def;
	switch (def->opcode) {
	case OP_OR:
		return may_have_bits(def->src1, mask, depth + 1) ||
		       may_have_bits(def->src2, mask, depth + 1);
	case OP_SEL:
		return may_have_bits(def->src2, mask, depth + 1) ||
		       may_have_bits(def->src3, mask, depth + 1);
	case OP_PHI:
		FOR_EACH_PTR(def->phi_list, src) {
			if (may_have_bits(src, mask, depth + 1))
				return true;
		} END_FOR_EACH_PTR(src);
		return false;
	default:
		return false;
	}
}

bool pseudo_may_have_bits(pseudo_t p, unsigned long long mask)
{
	return may_have_bits(p, mask, 0);
}

static const char *callee_name(struct instruction *insn)
{
	pseudo_t fn = insn->func;

	if (!fn || fn->type != PSEUDO_SYM || !fn->sym || !fn->sym->ident)
		return NULL;
	return show_ident(fn->sym->ident);
}

/* Fill @cs for a call instruction; false if it is not a direct call. */
bool decode_call(struct instruction *insn, struct call_site *cs)
{
	pseudo_t arg;

	if (insn->opcode != OP_CALL && insn->opcode != OP_INLINED_CALL)
		return false;
	memset(cs, 0, sizeof(*cs));
	cs->name = callee_name(insn);
	if (!cs->name)
		return false;
	cs->insn = insn;
	cs->inlined = insn->opcode == OP_INLINED_CALL;
	FOR_EACH_PTR(insn->arguments, arg) {
		if (cs->nargs < 8)
			cs->args[cs->nargs] = arg;
		cs->nargs++;
	} END_FOR_EACH_PTR(arg);
	cs->api = api_lookup(cs->name, cs->nargs);
	return true;
}

static void dispatch_calls(struct entrypoint *ep)
{
	struct basic_block *bb;
	struct instruction *insn;
	struct call_site cs;
	int i;

	FOR_EACH_PTR(ep->bbs, bb) {
		FOR_EACH_PTR(bb->insns, insn) {
			if (!insn->bb || !decode_call(insn, &cs))
				continue;
			for (i = 0; i < nr_registered; i++)
				if (registered[i]->on_call)
					registered[i]->on_call(ep, &cs);
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);
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
void analyse_symbols(struct symbol_list *list)
{
	struct entrypoint_list {
		struct entrypoint **v;
		int nr, cap;
	} eps = { 0 };
	struct symbol *sym;
	int i;

	FOR_EACH_PTR(list, sym) {
		struct entrypoint *ep;

		expand_symbol(sym);
		ep = linearize_symbol(sym);
		if (!ep || !ep->entry)
			continue;
		if (eps.nr == eps.cap) {
			eps.cap = eps.cap ? eps.cap * 2 : 64;
			eps.v = realloc(eps.v, eps.cap * sizeof(*eps.v));
			if (!eps.v)
				die("dmacheck: out of memory");
		}
		eps.v[eps.nr++] = ep;
	} END_FOR_EACH_PTR(sym);

	for (i = 0; i < eps.nr; i++) {
		dispatch_calls(eps.v[i]);
		end_function(eps.v[i]);
	}
	free(eps.v);
}
