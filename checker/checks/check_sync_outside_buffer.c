// SPDX-License-Identifier: GPL-2.0
/*
 * sync-outside-buffer: memory synced through a translation of a CPU
 * pointer into a handle of an allocation (handle + (p - base), a
 * VIRT_TO_DMA()-style helper), where the pointer does not point into
 * that allocation: a streaming mapping (the SCSI sense buffer, the CDB),
 * skb data, a kmalloc()ed or stack buffer, another allocation.  The
 * handle the sync is given then names memory that is not the buffer:
 * dma-debug sees a sync of memory it does not know, or of a mapping with
 * another direction; on an IOMMU the address is not even mapped.  The
 * 53c700 core did this for the sense buffer and the command until 6.1
 * (dma_sync_from_dev(hostdata, SCp->sense_buffer, ...)).
 *
 * A question for the driver model, not the ownership engine: which
 * allocation a translation's base points into (model_expr() of the
 * sync's handle), which pointer decides the offset (the translation's
 * "p", through a translation helper's body), and what that pointer is at
 * each call of the sync helper that receives it (model_expr() of the
 * argument).  Run once for the unit, when the first function is done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "model.h"

static enum check_id my_id;

static struct expression *strip(struct expression *e)
{
	while (e && (e->type == EXPR_CAST || e->type == EXPR_IMPLIED_CAST ||
		     e->type == EXPR_FORCE_CAST))
		e = e->cast_expression;
	return e;
}

static struct symbol *fn_type(struct symbol *fn)
{
	while (fn && fn->type == SYM_NODE)
		fn = fn->ctype.base_type;
	return fn && fn->type == SYM_FN ? fn : NULL;
}

/* The index of parameter @e of @fn (by name: inlined copies are new symbols), or -1. */
static int param_index(struct symbol *fn, struct expression *e)
{
	struct symbol *t = fn_type(fn), *arg;
	struct ident *name;
	int i = 0;

	e = strip(e);
	/* sparse reads a variable as *(&var) */
	if (e && e->type == EXPR_PREOP && e->op == '*' && e->unop &&
	    e->unop->type == EXPR_SYMBOL)
		e = e->unop;
	if (!t || !e || e->type != EXPR_SYMBOL)
		return -1;
	name = e->symbol_name ?: (e->symbol ? e->symbol->ident : NULL);
	if (!name)
		return -1;
	FOR_EACH_PTR(t->arguments, arg) {
		if (arg->ident == name)
			return i;
		i++;
	} END_FOR_EACH_PTR(arg);
	return -1;
}

/* The function a direct call calls, or NULL. */
static struct symbol *callee_of(struct expression *call)
{
	struct expression *f = strip(call->fn);

	if (f && f->type == EXPR_PREOP && f->op == '*')
		f = strip(f->unop);
	return f && f->type == EXPR_SYMBOL ? f->symbol : NULL;
}

/* The value a function body returns: its first return statement's. */
static struct expression *returned(struct statement *s, int depth)
{
	struct statement *sub;
	struct expression *e;

	if (!s || depth > 32)
		return NULL;
	switch (s->type) {
	case STMT_RETURN:
		return s->ret_value;
	case STMT_COMPOUND:
		FOR_EACH_PTR(s->stmts, sub) {
			e = returned(sub, depth + 1);
			if (e)
				return e;
		} END_FOR_EACH_PTR(sub);
		return NULL;
	default:
		return NULL;
	}
}

/* The @k-th argument an inlined call's statement was given. */
static struct expression *inline_arg(struct statement *s, int k)
{
	struct symbol *sym;
	int i = 0;

	if (!s->args || s->args->type != STMT_DECLARATION)
		return NULL;
	FOR_EACH_PTR(s->args->declaration, sym) {
		if (i++ == k)
			return sym->initializer;
	} END_FOR_EACH_PTR(sym);
	return NULL;
}

static bool same_buffer(const struct dm_alloc *a, const struct dm_alloc *b)
{
	return a == b || (a->cpu_loc && a->cpu_loc == b->cpu_loc &&
			  a->handle_loc && a->handle_loc == b->handle_loc);
}

/*
 * The pointer that decides the offset of @e, a handle computed in @fn:
 * the "p" of handle + (p - base) with base a pointer into an allocation
 * (*@a), looked for through a translation helper's body (a call or an
 * inlined one) and brought back to @fn as the argument given for it.
 */
static struct expression *pointer_of(struct model *m, struct symbol *fn,
				     struct expression *e, struct dm_alloc **a, int depth)
{
	struct expression *p;
	struct statement *body;
	struct symbol *callee, *t;
	struct dm_target base;
	int k;

	e = strip(e);
	if (!e || depth > 8)
		return NULL;
	switch (e->type) {
	case EXPR_PREOP:
		return e->op == '(' ? pointer_of(m, fn, e->unop, a, depth + 1) : NULL;
	case EXPR_BINOP:
		if (e->op == '+')
			return pointer_of(m, fn, e->left, a, depth + 1) ?:
			       pointer_of(m, fn, e->right, a, depth + 1);
		/* a pointer difference of wider elements: (p - base) / size */
		if (e->op == '/')
			return pointer_of(m, fn, e->left, a, depth + 1);
		if (e->op != '-')
			return NULL;
		base = model_expr(m, fn, strip(e->right));
		if (base.kind != DM_ALLOC || !base.alloc)
			return NULL;
		*a = base.alloc;
		return strip(e->left);
	case EXPR_CALL:
		callee = callee_of(e);
		t = fn_type(callee);
		body = t ? (t->stmt ?: t->inline_stmt) : NULL;
		p = body ? pointer_of(m, callee, returned(body, 0), a, depth + 1) : NULL;
		k = p ? param_index(callee, p) : -1;
		if (k < 0)
			return NULL;
		{
			struct expression *arg;
			int i = 0;

			FOR_EACH_PTR(e->args, arg) {
				if (i++ == k)
					return strip(arg);
			} END_FOR_EACH_PTR(arg);
		}
		return NULL;
	case EXPR_STATEMENT:
		/* an inlined translation helper: its own body, then its argument */
		if (!e->statement || !e->statement->inline_fn)
			return NULL;
		callee = e->statement->inline_fn;
		t = fn_type(callee);
		body = t ? t->inline_stmt : NULL;
		p = body ? pointer_of(m, callee, returned(body, 0), a, depth + 1) : NULL;
		k = p ? param_index(callee, p) : -1;
		return k >= 0 ? strip(inline_arg(e->statement, k)) : NULL;
	default:
		return NULL;
	}
}

static const char *category(const struct dm_target *u)
{
	switch (u->kind) {
	case DM_STREAMING:
		return "streaming memory";
	case DM_SKB:
		return "packet data";
	case DM_STACK:
		return "on the stack";
	case DM_KMALLOC:
		return "memory from kmalloc()";
	case DM_USER:
		return "a user pointer";
	case DM_BUS_TO_VIRT:
		return "memory reached by bus_to_virt()";
	case DM_ALLOC:
		return "another DMA allocation";
	default:
		return NULL;
	}
}

/* Not inside @a: one of the categories that are no DMA allocation, or another one. */
static bool outside(const struct dm_target *u, const struct dm_alloc *a)
{
	if (u->kind == DM_ALLOC)
		return u->alloc && !same_buffer(u->alloc, a);
	return category(u) != NULL;
}

/* The call of @a's group that makes non-coherent memory, else @a's. */
static const struct dm_alloc *named_alloc(struct model *m, const struct dm_alloc *a)
{
	int i;

	for (i = 0; i < model_nr_allocs(m); i++) {
		const struct dm_alloc *o = model_alloc(m, i);
		const struct dma_api *api = api_lookup(o->call, o->nargs);

		if (same_buffer(o, a) && api && api->family != FAM_COHERENT &&
		    (api->family != FAM_ATTRS || o->legacy))
			return o;
	}
	return a;
}

static void report(struct model *m, struct position at, struct expression *p,
		   const struct dm_target *u, const struct dm_alloc *a, const char *how)
{
	char origin[200] = "", inside[300];

	a = named_alloc(m, a);
	if (u->kind == DM_STREAMING && u->where.line)
		snprintf(origin, sizeof(origin), " mapped at %s", dmc_where(u->where));
	else if (u->kind == DM_ALLOC && u->alloc)
		snprintf(origin, sizeof(origin), " from %s() at %s", u->alloc->call,
			 dmc_where(u->alloc->pos));
	if (a->cpu)
		snprintf(inside, sizeof(inside), "'%s' (%s() at %s)", a->cpu, a->call,
			 dmc_where(a->pos));
	else
		snprintf(inside, sizeof(inside), "the buffer from %s() at %s", a->call,
			 dmc_where(a->pos));
	dmc_report(my_id, at,
		   "'%s' is %s%s, not inside %s, yet %s turns it into a handle of that buffer: the sync names memory that handle does not cover; sync it with its own mapping's handle and direction",
		   model_expr_text(m, p), category(u), origin, inside, how);
}

/* Every caller of @fn passes its pointer parameter @k: judge each. */
static void judge_callers(struct model *m, struct symbol *fn, int k, const struct dm_alloc *a)
{
	struct dm_call *calls;
	char how[160];
	int i, n;

	if (!fn || !fn->ident)
		return;
	n = model_calls(m, dmc_ident_name(fn->ident), &calls);
	snprintf(how, sizeof(how), "%s()", dmc_ident_name(fn->ident));
	for (i = 0; i < n; i++) {
		struct dm_target u;

		if (k >= calls[i].nargs || k >= 8 || !calls[i].args[k])
			continue;
		u = model_expr(m, calls[i].fn, calls[i].args[k]);
		if (outside(&u, a))
			report(m, calls[i].expr->pos, strip(calls[i].args[k]), &u, a, how);
	}
	free(calls);
}

static void judge_unit(struct model *m)
{
	struct dm_call *syncs;
	int i, n = model_calls(m, NULL, &syncs);

	for (i = 0; i < n; i++) {
		const struct dma_api *api = api_lookup(syncs[i].name, syncs[i].nargs);
		struct dm_target h, u;
		struct dm_alloc *a;
		struct expression *p;
		int k;

		if (!api || (api->effect != FX_TO_DEVICE && api->effect != FX_TO_CPU) ||
		    api->kind != BK_HANDLE || api->buf >= 8 || !syncs[i].args[api->buf])
			continue;
		h = model_expr(m, syncs[i].fn, syncs[i].args[api->buf]);
		/* a handle at an offset a pointer decides; mixed: that pointer is foreign */
		if (!(h.kind == DM_HANDLE && h.alloc && h.off.kind != OFF_CONST) &&
		    h.kind != DM_MIXED)
			continue;
		a = NULL;
		p = pointer_of(m, syncs[i].fn, syncs[i].args[api->buf], &a, 0);
		if (!p || !a || (h.kind == DM_HANDLE && !same_buffer(h.alloc, a)))
			continue;
		/* a helper's parameter: what each of its callers passes */
		k = param_index(syncs[i].fn, p);
		if (k >= 0) {
			judge_callers(m, syncs[i].fn, k, a);
			continue;
		}
		u = model_expr(m, syncs[i].fn, p);
		if (outside(&u, a))
			report(m, syncs[i].expr->pos, p, &u, a, "the handle arithmetic");
	}
	free(syncs);
}

static void once_per_unit(struct entrypoint *ep)
{
	static struct model *done;
	struct model *m = dmc_model();

	if (!m || m == done)
		return;
	done = m;
	judge_unit(m);
}

static const struct dmc_hooks hooks = {
	.on_function = once_per_unit,
};

void ck_sync_outside_buffer(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
