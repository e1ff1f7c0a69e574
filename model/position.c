// SPDX-License-Identifier: GPL-2.0
/*
 * _for_cpu or _for_device, by position (DMA-API.md rule 2): what follows
 * a site in its function, in source order.  A device start (an MMIO
 * write from checker/api/mmio.def, a store to a volatile register, a
 * call of a unit function that makes one) before any CPU read of the
 * buffer makes it _for_device; a CPU read of the buffer first makes it
 * _for_cpu.  When the function says nothing, what follows each call of
 * it in its callers decides, and they must agree.
 */
#include <string.h>

#include "internal.h"

/* ---- which functions start the device ---- */

static bool volatile_store(struct expression *lhs)
{
	struct symbol *t = lhs ? lhs->ctype : NULL;
	int depth = 0;

	while (t && depth++ < 8) {
		if (t->ctype.modifiers & MOD_VOLATILE)
			return true;
		if (t->type != SYM_NODE)
			break;
		t = t->ctype.base_type;
	}
	return false;
}

void m_compute_kicks(struct model *m)
{
	bool changed = true;
	int i, round = 0;

	while (changed && round++ < MAX_ROUNDS) {
		changed = false;
		for (i = 0; i < m->nr_calls; i++) {
			struct call *c = &m->calls[i];
			struct func *callee;

			if (!c->in || c->in->kicks || !c->name)
				continue;
			callee = m_func_named(m, c->name);
			if (m_is_kick(c->name) || (callee && callee->kicks)) {
				c->in->kicks = true;
				changed = true;
			}
		}
	}
}

/* ---- the events after a point of a function ---- */

enum pos_event { EV_NONE, EV_KICK, EV_READ };

struct scan {
	struct model *m;
	struct func *fn;
	struct expression *after;	/* the site or call; events count once past it */
	bool seen;
	int alloc;			/* the buffer whose reads count */
	enum pos_event first;
};

static void scan_expr(struct scan *s, struct expression *e, bool lvalue);
static void scan_stmt(struct scan *s, struct statement *st);

static bool reads_alloc(struct scan *s, struct expression *addr)
{
	struct vset tmp = { 0 };
	bool hit = false;
	int i;

	m_eval(s->m, s->fn, addr, &tmp);
	for (i = 0; i < tmp.n; i++)
		if (tmp.v[i].kind == DM_ALLOC && tmp.v[i].obj == s->alloc)
			hit = true;
	vset_free(&tmp);
	return hit;
}

static void event(struct scan *s, enum pos_event ev)
{
	if (s->seen && s->first == EV_NONE)
		s->first = ev;
}

static void scan_call(struct scan *s, struct expression *e)
{
	struct ident *name = m_callee_name(e);
	struct expression *arg;
	struct func *callee;
	int n = 0;

	FOR_EACH_PTR(e->args, arg) {
		scan_expr(s, arg, false);
		/* memcpy(dst, src, n) and friends read their source */
		if (n == 1 && name && (!strcmp(m_id(name), "memcpy") ||
				       !strcmp(m_id(name), "memcmp")) && reads_alloc(s, arg))
			event(s, EV_READ);
		n++;
	} END_FOR_EACH_PTR(arg);
	if (e == s->after) {
		s->seen = true;
		return;
	}
	if (!name)
		return;
	callee = m_func_named(s->m, name);
	if (m_is_kick(name) || (callee && callee->kicks))
		event(s, EV_KICK);
}

static void scan_expr(struct scan *s, struct expression *e, bool lvalue)
{
	if (!e || s->first != EV_NONE)
		return;
	switch (e->type) {
	case EXPR_ASSIGNMENT:
		scan_expr(s, e->right, false);
		scan_expr(s, e->left, true);
		if (volatile_store(e->left))
			event(s, EV_KICK);
		break;
	case EXPR_CALL:
		scan_call(s, e);
		break;
	case EXPR_PREOP:
		if (e->op == '*') {
			scan_expr(s, e->unop, false);
			if (!lvalue && reads_alloc(s, e->unop))
				event(s, EV_READ);
			break;
		}
		scan_expr(s, e->unop, false);
		break;
	case EXPR_POSTOP:
		scan_expr(s, e->unop, false);
		break;
	case EXPR_CAST:
	case EXPR_IMPLIED_CAST:
	case EXPR_FORCE_CAST:
		scan_expr(s, e->cast_expression, lvalue);
		break;
	case EXPR_BINOP:
	case EXPR_COMMA:
	case EXPR_COMPARE:
	case EXPR_LOGICAL:
		scan_expr(s, e->left, false);
		scan_expr(s, e->right, false);
		break;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		scan_expr(s, e->conditional, false);
		scan_expr(s, e->cond_true, false);
		scan_expr(s, e->cond_false, false);
		break;
	case EXPR_STATEMENT:
		scan_stmt(s, e->statement);
		break;
	default:
		break;
	}
}

static void scan_stmt(struct scan *s, struct statement *st)
{
	struct statement *sub;
	struct symbol *sym;

	if (!st || s->first != EV_NONE)
		return;
	switch (st->type) {
	case STMT_DECLARATION:
		FOR_EACH_PTR(st->declaration, sym) {
			if (sym->initializer)
				scan_expr(s, sym->initializer, false);
		} END_FOR_EACH_PTR(sym);
		break;
	case STMT_EXPRESSION:
		scan_expr(s, st->expression, false);
		break;
	case STMT_COMPOUND:
		FOR_EACH_PTR(st->stmts, sub) {
			scan_stmt(s, sub);
		} END_FOR_EACH_PTR(sub);
		break;
	case STMT_IF:
		scan_expr(s, st->if_conditional, false);
		scan_stmt(s, st->if_true);
		scan_stmt(s, st->if_false);
		break;
	case STMT_RETURN:
		scan_expr(s, st->ret_value, false);
		break;
	case STMT_SWITCH:
		scan_expr(s, st->switch_expression, false);
		scan_stmt(s, st->switch_statement);
		break;
	case STMT_CASE:
		scan_stmt(s, st->case_statement);
		break;
	case STMT_ITERATOR:
		scan_stmt(s, st->iterator_pre_statement);
		scan_expr(s, st->iterator_pre_condition, false);
		scan_stmt(s, st->iterator_statement);
		scan_stmt(s, st->iterator_post_statement);
		scan_expr(s, st->iterator_post_condition, false);
		/* a loop comes round: what starts its body follows its end */
		if (s->seen)
			scan_stmt(s, st->iterator_statement);
		break;
	case STMT_LABEL:
		scan_stmt(s, st->label_statement);
		break;
	default:
		break;
	}
}

/* The first event after @call in @fn for buffer @alloc. */
static enum pos_event first_after(struct model *m, struct func *fn, struct expression *call,
				  int alloc)
{
	struct scan s = { m, fn, call, false, alloc, EV_NONE };
	struct symbol *f = m_base(fn->sym);

	if (f && f->stmt)
		scan_stmt(&s, f->stmt);
	return s.first;
}

/*
 * POS_CPU, POS_DEVICE, POS_MIXED (callers disagree) or POS_NONE, for a
 * sync of @alloc at @call in @fn; @depth bounds the climb to callers.
 */
int m_position(struct model *m, struct func *fn, struct expression *call, int alloc, int depth)
{
	enum pos_event ev;
	int i, res = POS_NONE;

	if (!fn)
		return POS_NONE;
	ev = first_after(m, fn, call, alloc);
	if (ev == EV_KICK)
		return POS_DEVICE;
	if (ev == EV_READ)
		return POS_CPU;
	if (depth <= 0)
		return POS_NONE;
	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		int r;

		if (c->name != fn->name || !c->in || c->in == fn)
			continue;
		r = m_position(m, c->in, c->expr, alloc, depth - 1);
		if (r == POS_NONE)
			continue;
		if (res != POS_NONE && res != r)
			return POS_MIXED;
		res = r;
	}
	return res;
}
