// SPDX-License-Identifier: GPL-2.0
/*
 * Collection: one walk over the evaluated AST of every function and
 * global initializer of the unit's own files, right after sparse parsed
 * the file (its macros are still bound then, its tokens kept).  Records
 * the constraints the solver closes: copies into locations, calls, the
 * allocations and mappings (where each call is rewritten: place.c).
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "evaluate.h"

/* ---- functions ---- */

static unsigned int func_hash(const void *key, int size)
{
	return (unsigned int)(((uintptr_t)key >> 4) * 2654435761u) & (unsigned int)(size - 1);
}

static struct func_slot *func_slot(struct func_slot *t, int size, const void *key)
{
	unsigned int i = func_hash(key, size);

	while (t[i].key && t[i].key != key)
		i = (i + 1) & (unsigned int)(size - 1);
	return &t[i];
}

/* Index @f by name (unless a function of that name came first) and by symbol. */
static void func_index(struct model *m, struct func *f)
{
	struct func_slot *s;
	int i;

	if (2 * (m->nr_funcs + 1) > m->func_hash_size) {
		struct func_slot *byn = m->func_by_name, *bys = m->func_by_sym;
		int old = m->func_hash_size;

		m->func_hash_size = old ? 2 * old : 64;
		m->func_by_name = calloc(m->func_hash_size, sizeof(*byn));
		m->func_by_sym = calloc(m->func_hash_size, sizeof(*bys));
		if (!m->func_by_name || !m->func_by_sym)
			die("model: out of memory");
		for (i = 0; i < old; i++) {
			if (byn[i].key)
				*func_slot(m->func_by_name, m->func_hash_size, byn[i].key) = byn[i];
			if (bys[i].key)
				*func_slot(m->func_by_sym, m->func_hash_size, bys[i].key) = bys[i];
		}
		free(byn);
		free(bys);
	}
	if (f->name) {
		s = func_slot(m->func_by_name, m->func_hash_size, f->name);
		if (!s->key) {
			s->key = f->name;
			s->f = f;
		}
	}
	s = func_slot(m->func_by_sym, m->func_hash_size, f->sym);
	s->key = f->sym;
	s->f = f;
}

struct func *m_func_named(struct model *m, struct ident *name)
{
	if (!name || !m->func_hash_size)
		return NULL;
	return func_slot(m->func_by_name, m->func_hash_size, name)->f;
}

struct func *m_func_of(struct model *m, struct symbol *sym)
{
	struct func *f;
	struct symbol *fn = m_base(sym);

	if (!sym || !sym->ident)
		return NULL;
	/* one record per definition: a .c file two includers share is parsed twice */
	if (m->func_hash_size) {
		f = func_slot(m->func_by_sym, m->func_hash_size, sym)->f;
		if (f)
			return f;
	}
	f = calloc(1, sizeof(*f));
	if (!f)
		die("model: out of memory");
	f->sym = sym;
	f->name = sym->ident;
	f->file = m->cur_file;
	f->complete = m->cur_complete;
	f->nr_params = fn ? ptr_list_size((struct ptr_list *)fn->arguments) : 0;
	func_index(m, f);
	*PUSH(m->funcs, m->nr_funcs, m->cap_funcs) = f;
	return f;
}

/* ---- does a position belong to the unit's own files? ---- */

/*
 * The unit is the file given and what it includes with relative quotes
 * from its own folder (a .c file like lib82596.c, the driver's header):
 * not the kernel's headers, whose inline functions are not the driver's.
 */
static bool in_unit(struct model *m, struct position pos)
{
	const char *name = stream_name(pos.stream);
	const char *slash = strrchr(m->cur_file, '/');
	size_t dir = slash ? (size_t)(slash - m->cur_file + 1) : 0;

	if (!name)
		return false;
	if (!strcmp(name, m->cur_file))
		return true;
	if (!dir)
		return !strchr(name, '/');
	return !strncmp(name, m->cur_file, dir) && !strchr(name + dir, '/');
}

/* ---- the walk ---- */

static void walk_expr(struct model *m, struct expression *e, struct loc *dst,
		      struct expression *lhs);
static void walk_stmt(struct model *m, struct statement *s);

static void add_edge(struct model *m, struct loc *dst, struct expression *src, int mode)
{
	struct edge *e;

	if (!dst || !src)
		return;
	e = PUSH(m->edges, m->nr_edges, m->cap_edges);
	e->dst = dst;
	e->src = src;
	e->fn = m->cur_fn;
	e->mode = mode;
	e->in_loop = m->loop_depth > 0;
}

/* "struct t *x = netdev_priv(dev)": how the driver types an accessor's result */
static void note_typing(struct model *m, struct symbol *type, struct ident *local,
			struct expression *rhs)
{
	struct expression *call = m_strip_casts(rhs), *arg;
	struct symbol *st = m_pointee(type);
	struct m_call_kind k;
	struct ident *name;
	struct typing *t;

	if (!call || call->type != EXPR_CALL || !m_is_struct(st))
		return;
	name = m_callee_name(call);
	if (!name)
		return;
	k = m_call_kind(name);
	if (k.role != ROLE_GETTER)
		return;
	arg = first_expression(call->args);
	t = PUSH(m->typings, m->nr_typings, m->cap_typings);
	t->getter = name;
	t->arg_type = arg ? m_struct_key(m_pointee(arg->ctype)) : NULL;
	t->type = m_base(st);
	t->local = local;
}

static const char *strip_amp(const char *s)
{
	return s && s[0] == '&' ? s + 1 : s;
}

struct dm_alloc *m_alloc_of_call(struct model *m, struct expression *call)
{
	int i;

	for (i = 0; i < m->nr_alloc_exprs; i++)
		if (m->alloc_exprs[i].expr == call)
			return m->alloc_exprs[i].a;
	return NULL;
}

/* The allocation already made at the same place of the same file, parsed again. */
static struct dm_alloc *same_place(struct model *m, struct position pos)
{
	const char *file = m_file_of(pos);
	int i;

	for (i = 0; i < m->nr_allocs; i++) {
		struct position p = m->allocs[i]->pos;

		if (p.line == pos.line && p.pos == pos.pos && !strcmp(m_file_of(p), file))
			return m->allocs[i];
	}
	return NULL;
}

static void new_alloc(struct model *m, struct call *c)
{
	struct dm_alloc *a = same_place(m, c->expr->pos);
	const struct m_api *api = c->api;
	struct expression *h = api->handle >= 0 ? c->args[api->handle] : NULL;
	struct val v = { DM_HANDLE, OFFK_CONST, 0, 0 };
	struct alloc_expr *ae;
	struct loc *hl;
	long long attrs;

	if (a) {
		ae = PUSH(m->alloc_exprs, m->nr_alloc_exprs, m->cap_alloc_exprs);
		ae->expr = c->expr;
		ae->a = a;
		return;
	}
	a = calloc(1, sizeof(*a));
	if (!a)
		die("model: out of memory");
	ae = PUSH(m->alloc_exprs, m->nr_alloc_exprs, m->cap_alloc_exprs);
	ae->expr = c->expr;
	ae->a = a;
	a->id = m->nr_allocs + 1;
	a->call = m_id(c->name);
	a->nargs = c->nargs;
	a->pos = c->expr->pos;
	a->expr = c->expr;
	a->fn = m->cur_fn ? m->cur_fn->sym : NULL;
	a->complete = m->cur_complete;
	if (api->old)
		a->legacy = true;
	if (api->attrs >= 0 && api->attrs < c->nargs) {
		if (m_const_value(c->args[api->attrs], &attrs))
			a->legacy |= !!(attrs & ATTR_NON_CONSISTENT);
		else if (c->argtext[api->attrs])
			a->legacy |= !!strstr(c->argtext[api->attrs], "DMA_ATTR_NON_CONSISTENT");
	}
	a->dev = c->argtext[0];
	a->size = c->argtext[1];
	a->cpu_type = c->lhs ? m_pointee(c->lhs->ctype) : NULL;
	a->handle = h ? strip_amp(c->argtext[api->handle]) : NULL;
	*PUSH(m->allocs, m->nr_allocs, m->cap_allocs) = a;
	m->alloc_devs = realloc(m->alloc_devs, m->nr_allocs * sizeof(*m->alloc_devs));
	if (!m->alloc_devs)
		die("model: out of memory");
	memset(&m->alloc_devs[m->nr_allocs - 1], 0, sizeof(*m->alloc_devs));
	v.obj = a->id - 1;
	h = m_strip_casts(h);
	if (h && h->type == EXPR_PREOP && h->op == '*') {
		/* a dma_addr_t * read from somewhere: an allocation helper's out-parameter */
		hl = m_addr_loc(m, h->unop);
		if (hl && hl->pub.kind == LOC_PARAM) {
			struct indirect *ind = PUSH(m->indirects, m->nr_indirects,
						    m->cap_indirects);

			ind->fn = hl->pub.fn;
			ind->param = hl->pub.offset;
			ind->v = v;
		}
		return;
	}
	hl = h ? m_addr_loc(m, h) : NULL;
	if (hl) {
		vset_add(&hl->set, v);
		vset_add(&hl->pre, v);
		a->handle_seed = &hl->pub;
	}
}

/*
 * sparse keeps a static inline function out of the file's symbol list
 * and evaluates its body only when it inlines it.  The unit's own
 * inline helpers (dma_sync_desc_cpu(), virt_to_dma()) are where the
 * syncs are: collect each one that is called, once.
 */
static void note_inline(struct model *m, struct expression *call)
{
	struct expression *fn = call->fn;
	struct symbol *sym, *def, *base;
	int i;

	if (fn && fn->type == EXPR_PREOP && fn->op == '*')
		fn = fn->unop;
	if (!fn || fn->type != EXPR_SYMBOL || !fn->symbol)
		return;
	sym = fn->symbol;
	def = sym->definition ? sym->definition : sym;
	base = m_base(def);
	if (!base || base->type != SYM_FN || base->stmt || !base->inline_stmt ||
	    !in_unit(m, def->pos))
		return;
	for (i = 0; i < m->nr_pending; i++)
		if (m->pending[i] == def)
			return;
	*PUSH(m->pending, m->nr_pending, m->cap_pending) = def;
}

void m_collect_pending(struct model *m)
{
	int i;

	for (i = 0; i < m->nr_pending; i++) {
		struct symbol *def = m->pending[i];
		struct symbol_list *one = NULL;

		if (m_base(def)->stmt)
			continue;
		/* not add_symbol(): its type check reads through the NULL list head */
		__add_ptr_list((struct ptr_list **)&one, def);
		evaluate_symbol_list(one);	/* uninlines it: the body gets a stmt */
		m_collect_symbol(m, def);
	}
}

static void walk_call(struct model *m, struct expression *e, struct loc *dst,
		      struct expression *lhs)
{
	struct call *c = PUSH(m->calls, m->nr_calls, m->cap_calls);
	struct expression *arg;
	int n = 0;

	note_inline(m, e);
	c->expr = e;
	c->in = m->cur_fn;
	c->name = m_callee_name(e);
	c->file = m_file_of(e->pos);
	c->complete = m->cur_complete;
	c->result = dst;
	c->lhs = lhs;
	FOR_EACH_PTR(e->args, arg) {
		if (n < MAX_ARGS)
			c->args[n] = arg;
		n++;
	} END_FOR_EACH_PTR(arg);
	c->nargs = n;
	if (!c->name)
		return;
	c->api = m_api_lookup(c->name, n);
	if (c->api) {
		c->name = m_api_canonical(c->name);
		m_place_call(m, c);
		if (c->api->effect == MX_ALLOC)
			new_alloc(m, c);
		if (c->api->effect == MX_MAP && c->api->buf >= 0) {
			struct mapping *mp = PUSH(m->maps, m->nr_maps, m->cap_maps);

			mp->ptr = c->args[c->api->buf];
			mp->fn = m->cur_fn;
			mp->hloc = dst;
			mp->lhs = lhs;
			mp->pos = e->pos;
			mp->what = c->argtext[c->api->buf] ? c->argtext[c->api->buf] :
				   m_text(m, mp->ptr);
		}
	}
}

static void walk_initializer(struct model *m, struct symbol *type, struct expression *init)
{
	struct expression *entry;

	if (!init || init->type != EXPR_INITIALIZER || !m_is_struct(type))
		return;
	FOR_EACH_PTR(init->expr_list, entry) {
		struct symbol *inner, *mem;
		unsigned long off;
		struct loc *l;

		if (entry->type != EXPR_POS)
			continue;
		walk_expr(m, entry->init_expr, NULL, NULL);
		mem = m_member_at(type, entry->init_offset, &inner, &off);
		if (!mem || entry->init_expr->type == EXPR_INITIALIZER)
			continue;
		l = loc_get(m, LOC_FIELD, m_struct_key(inner), off, true);
		l->pub.name = mem->ident;
		l->pub.ctype = mem;
		add_edge(m, l, entry->init_expr, EDGE_COPY);
	} END_FOR_EACH_PTR(entry);
}

static void walk_decl(struct model *m, struct symbol *sym)
{
	struct symbol *base = m_base(sym);
	struct loc *l;

	/* a function declared in a block (legacy-dma.h's old calls) is no local */
	if (base && base->type == SYM_FN)
		return;
	if (m->cur_fn && sym->ident)
		*PUSH(m->cur_fn->locals, m->cur_fn->nr_locals, m->cur_fn->cap_locals) = sym;
	if (!sym->initializer)
		return;
	if (sym->initializer->type == EXPR_INITIALIZER) {
		walk_initializer(m, sym, sym->initializer);
		return;
	}
	l = loc_of_symbol(m, sym);
	walk_expr(m, sym->initializer, l, NULL);
	add_edge(m, l, sym->initializer, EDGE_COPY);
	note_typing(m, sym, sym->ident, sym->initializer);
}

static void walk_assignment(struct model *m, struct expression *e)
{
	struct expression *lhs = e->left;
	struct loc *dst = NULL;

	if (lhs && lhs->type == EXPR_PREOP && lhs->op == '*')
		dst = m_addr_loc(m, lhs->unop);
	walk_expr(m, lhs, NULL, NULL);
	walk_expr(m, e->right, dst, lhs);
	if (e->op == '=') {
		add_edge(m, dst, e->right, EDGE_COPY);
		if (lhs && lhs->type == EXPR_PREOP && lhs->unop &&
		    lhs->unop->type == EXPR_SYMBOL && lhs->unop->symbol)
			note_typing(m, lhs->unop->symbol, lhs->unop->symbol->ident, e->right);
	} else if (e->op == SPECIAL_ADD_ASSIGN || e->op == SPECIAL_SUB_ASSIGN) {
		add_edge(m, dst, lhs, EDGE_WALK);
	}
}

static void walk_value_stmt(struct model *m, struct statement *s, struct loc *dst,
			    struct expression *lhs);

static void walk_expr(struct model *m, struct expression *e, struct loc *dst,
		      struct expression *lhs)
{
	struct expression *sub;

	if (!e)
		return;
	m_note_macro_use(m, e);
	switch (e->type) {
	case EXPR_ASSIGNMENT:
		walk_assignment(m, e);
		break;
	case EXPR_CALL:
		walk_expr(m, e->fn, NULL, NULL);
		FOR_EACH_PTR(e->args, sub) {
			walk_expr(m, sub, NULL, NULL);
		} END_FOR_EACH_PTR(sub);
		walk_call(m, e, dst, lhs);
		break;
	case EXPR_PREOP:
	case EXPR_POSTOP:
		walk_expr(m, e->unop, NULL, NULL);
		if ((e->op == SPECIAL_INCREMENT || e->op == SPECIAL_DECREMENT) &&
		    e->unop && e->unop->type == EXPR_PREOP && e->unop->op == '*')
			add_edge(m, m_addr_loc(m, e->unop->unop), e->unop, EDGE_WALK);
		break;
	case EXPR_CAST:
	case EXPR_IMPLIED_CAST:
	case EXPR_FORCE_CAST:
		walk_expr(m, e->cast_expression, dst, lhs);
		break;
	case EXPR_BINOP:
	case EXPR_COMMA:
	case EXPR_COMPARE:
	case EXPR_LOGICAL:
		walk_expr(m, e->left, NULL, NULL);
		walk_expr(m, e->right, NULL, NULL);
		break;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		walk_expr(m, e->conditional, NULL, NULL);
		walk_expr(m, e->cond_true, NULL, NULL);
		walk_expr(m, e->cond_false, NULL, NULL);
		break;
	case EXPR_STATEMENT:
		walk_value_stmt(m, e->statement, dst, lhs);
		break;
	case EXPR_INITIALIZER:
		FOR_EACH_PTR(e->expr_list, sub) {
			walk_expr(m, sub, NULL, NULL);
		} END_FOR_EACH_PTR(sub);
		break;
	case EXPR_POS:
		walk_expr(m, e->init_expr, NULL, NULL);
		break;
	default:
		break;
	}
}

static void walk_stmt(struct model *m, struct statement *s)
{
	struct statement *sub;
	struct symbol *sym;

	if (!s)
		return;
	switch (s->type) {
	case STMT_DECLARATION:
		FOR_EACH_PTR(s->declaration, sym) {
			walk_decl(m, sym);
		} END_FOR_EACH_PTR(sym);
		break;
	case STMT_EXPRESSION:
		walk_expr(m, s->expression, NULL, NULL);
		break;
	case STMT_COMPOUND:
		FOR_EACH_PTR(s->stmts, sub) {
			walk_stmt(m, sub);
		} END_FOR_EACH_PTR(sub);
		break;
	case STMT_IF:
		walk_expr(m, s->if_conditional, NULL, NULL);
		walk_stmt(m, s->if_true);
		walk_stmt(m, s->if_false);
		break;
	case STMT_RETURN:
		walk_expr(m, s->ret_value, NULL, NULL);
		if (s->ret_value && m->cur_fn)
			add_edge(m, loc_get(m, LOC_RET, m->cur_fn->name, 0, true),
				 s->ret_value, EDGE_COPY);
		break;
	case STMT_SWITCH:
		walk_expr(m, s->switch_expression, NULL, NULL);
		walk_stmt(m, s->switch_statement);
		break;
	case STMT_CASE:
		walk_stmt(m, s->case_statement);
		break;
	case STMT_ITERATOR:
		walk_stmt(m, s->iterator_pre_statement);
		m->loop_depth++;
		walk_expr(m, s->iterator_pre_condition, NULL, NULL);
		walk_stmt(m, s->iterator_statement);
		walk_stmt(m, s->iterator_post_statement);
		walk_expr(m, s->iterator_post_condition, NULL, NULL);
		m->loop_depth--;
		break;
	case STMT_LABEL:
		walk_stmt(m, s->label_statement);
		break;
	default:
		break;
	}
}

/*
 * A statement expression: its last expression is its value, stored
 * where the whole is ("x = ({ ...; f(); })", as legacy-dma.h's old
 * calls expand).
 */
static void walk_value_stmt(struct model *m, struct statement *s, struct loc *dst,
			    struct expression *lhs)
{
	struct statement *sub, *last = NULL;

	if (!s || s->type != STMT_COMPOUND || (!dst && !lhs)) {
		walk_stmt(m, s);
		return;
	}
	FOR_EACH_PTR(s->stmts, sub) {
		if (last)
			walk_stmt(m, last);
		last = sub;
	} END_FOR_EACH_PTR(sub);
	if (last && last->type == STMT_EXPRESSION)
		walk_expr(m, last->expression, dst, lhs);
	else
		walk_stmt(m, last);
}

void m_collect_symbol(struct model *m, struct symbol *sym)
{
	struct symbol *base = m_base(sym);

	if (!sym || !base || !in_unit(m, sym->pos))
		return;
	if (base->type == SYM_FN) {
		if (!base->stmt)
			return;
		m->cur_fn = m_func_of(m, sym);
		walk_stmt(m, base->stmt);
		m->cur_fn = NULL;
		return;
	}
	if (sym->initializer && sym->ident) {
		if (sym->initializer->type == EXPR_INITIALIZER) {
			walk_initializer(m, sym, sym->initializer);
			return;
		}
		walk_expr(m, sym->initializer, loc_of_symbol(m, sym), NULL);
		add_edge(m, loc_of_symbol(m, sym), sym->initializer, EDGE_COPY);
	}
}
