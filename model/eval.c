// SPDX-License-Identifier: GPL-2.0
/*
 * What an evaluated expression may point into, from the current
 * solution.  sparse has already turned "x" into "*(&x)", "p->m" into
 * "*(p + offsetof(m))" and "p[i]" into "*(p + i * size)"; the locations
 * are read from those address expressions (m_addr_loc()).
 */
#include <string.h>

#include "internal.h"

static struct symbol *callee(struct expression *call)
{
	struct expression *fn = call->fn;

	if (fn && fn->type == EXPR_PREOP && fn->op == '*')
		fn = fn->unop;
	fn = m_strip_casts(fn);
	if (fn && fn->type == EXPR_SYMBOL)
		return fn->symbol;
	return NULL;
}

struct ident *m_callee_name(struct expression *call)
{
	struct symbol *s = callee(call);

	if (s)
		return s->ident;
	/* an undeclared function (best-effort parse) keeps its name */
	if (call->fn && call->fn->type == EXPR_SYMBOL)
		return call->fn->symbol_name;
	return NULL;
}

static struct loc *field_loc(struct model *m, struct symbol *st, unsigned long off)
{
	struct symbol *inner, *mem;
	unsigned long inner_off;
	struct ident *key;
	struct loc *l;

	mem = m_member_at(st, off, &inner, &inner_off);
	key = m_struct_key(inner);
	if (!key)
		return NULL;
	l = loc_get(m, LOC_FIELD, key, inner_off, true);
	if (mem && !l->pub.name) {
		l->pub.name = mem->ident;
		l->pub.ctype = mem;
		l->handle_type = m_is_handle_type(mem);
	}
	return l;
}

static bool is_array(struct symbol *t)
{
	t = m_base(t);
	return t && t->type == SYM_ARRAY;
}

struct loc *m_addr_loc(struct model *m, struct expression *addr)
{
	struct symbol *t;
	long long c;

	addr = m_strip_casts(addr);
	if (!addr)
		return NULL;
	switch (addr->type) {
	case EXPR_SYMBOL:
		if (!addr->symbol || m_base(addr->symbol)->type == SYM_FN)
			return NULL;
		return loc_of_symbol(m, addr->symbol);
	case EXPR_BINOP:
		if (addr->op != '+' && addr->op != '-')
			return NULL;
		if (addr->op == '+' && m_const_value(addr->right, &c) && c >= 0) {
			/* "p->a.b": fold the member offsets down to p */
			struct expression *root = addr->left;
			long long more;

			while (root && root->type == EXPR_BINOP && root->op == '+' &&
			       root->ctype == &lazy_ptr_ctype && m_const_value(root->right, &more)) {
				c += more;
				root = root->left;
			}
			t = m_addr_type(root);
			if (m_is_struct(t))
				return field_loc(m, t, c);
		}
		t = m_addr_type(addr->left);
		/* the elements of an array are one location: the array's */
		if (is_array(t))
			return m_addr_loc(m, addr->left);
		return NULL;
	default:
		return NULL;
	}
}

static void add_unknown_offsets(struct vset *out, const struct vset *in)
{
	int i;

	for (i = 0; i < in->n; i++) {
		struct val v = in->v[i];

		if (v.kind == DM_ALLOC || v.kind == DM_HANDLE)
			v.offk = OFFK_UNKNOWN;
		vset_add(out, v);
	}
}

static void add_offset(struct vset *out, const struct vset *in, bool known, long off)
{
	int i;

	if (!known) {
		add_unknown_offsets(out, in);
		return;
	}
	for (i = 0; i < in->n; i++) {
		struct val v = in->v[i];

		if (v.kind == DM_ALLOC || v.kind == DM_HANDLE)
			v.off += off;
		vset_add(out, v);
	}
}

static bool is_user_ptr(struct symbol *t)
{
	if (!m_is_ptr(t))
		return false;
	while (t) {
		if (t->ctype.as && !strcmp(m_id(t->ctype.as), "__user"))
			return true;
		if (t->type != SYM_NODE && t->type != SYM_PTR)
			break;
		t = t->ctype.base_type;
	}
	return false;
}

static bool field_is(struct loc *l, const char *type, const char *member)
{
	return l && l->pub.kind == LOC_FIELD && l->pub.name &&
	       !strcmp(m_id(l->pub.type), type) &&
	       !strcmp(m_id(l->pub.name), member);
}

static void eval_load(struct model *m, struct expression *e, struct vset *out)
{
	struct loc *l = m_addr_loc(m, e->unop);
	struct val v = { 0 };

	if (l) {
		vset_union(out, &l->set);
		if (field_is(l, "struct sk_buff", "data") || field_is(l, "struct sk_buff", "head")) {
			v.kind = DM_SKB;
			v.obj = origin_new(m, DM_SKB, e->pos, "skb->data");
			vset_add(out, v);
		}
	}
	if (is_user_ptr(e->ctype)) {
		v.kind = DM_USER;
		v.obj = origin_new(m, DM_USER, e->pos, "a __user pointer");
		vset_add(out, v);
	}
}

/* "&local_array", "&local_struct": memory on the stack */
static void eval_address(struct model *m, struct expression *e, struct vset *out)
{
	struct symbol *s = e->symbol;
	struct val v = { 0 };

	if (!s || (s->ctype.modifiers & (MOD_TOPLEVEL | MOD_STATIC | MOD_EXTERN)))
		return;
	if (m_base(s)->type == SYM_FN)
		return;
	v.kind = DM_STACK;
	v.obj = origin_new(m, DM_STACK, s->pos, s->ident ? m_id(s->ident) : "?");
	vset_add(out, v);
}

static void eval_call(struct model *m, struct func *fn, struct expression *e, struct vset *out)
{
	struct ident *name = m_callee_name(e);
	struct expression *args[MAX_ARGS] = { NULL };
	const struct m_api *api;
	struct m_call_kind k;
	struct expression *arg;
	struct dm_alloc *a;
	struct func *f;
	struct val v = { 0 };
	struct loc *l;
	int n = 0;

	if (!name)
		return;
	FOR_EACH_PTR(e->args, arg) {
		if (n < MAX_ARGS)
			args[n] = arg;
		n++;
	} END_FOR_EACH_PTR(arg);
	api = m_api_lookup(name, n);
	if (api) {
		switch (api->effect) {
		case MX_ALLOC:
			a = m_alloc_of_call(m, e);
			if (a && api->cpu) {
				v.kind = DM_ALLOC;
				v.obj = a->id - 1;
				vset_add(out, v);
			}
			return;
		case MX_DERIVE:
			if (api->buf >= 0 && api->buf < MAX_ARGS)
				m_eval(m, fn, args[api->buf], out);
			return;
		case MX_MAP:
			/* a streaming mapping's handle: never an allocation's */
			if (api->buf == -1 || api->cpu) {
				v.kind = DM_STREAMING;
				v.obj = origin_new(m, DM_STREAMING, e->pos, m_id(name));
				vset_add(out, v);
			}
			return;
		default:
			return;
		}
	}
	k = m_call_kind(name);
	switch (k.role) {
	case ROLE_GETTER:
		l = loc_get(m, LOC_FIELD, k.key, ~0UL, true);
		l->pub.name = k.key;
		vset_union(out, &l->set);
		return;
	case ROLE_KMALLOC:
	case ROLE_CATEGORY:
		v.kind = k.kind;
		v.obj = origin_new(m, k.kind, e->pos, m_id(name));
		vset_add(out, v);
		return;
	default:
		break;
	}
	f = m_func_named(m, name);
	if (f) {
		l = loc_get(m, LOC_RET, f->name, 0, true);
		vset_union(out, &l->set);
	}
}

/* The value of a statement expression: its last expression statement. */
static void eval_statement(struct model *m, struct func *fn, struct statement *s,
			   struct vset *out)
{
	struct statement *last = NULL, *sub;

	if (!s)
		return;
	if (s->type == STMT_EXPRESSION) {
		m_eval(m, fn, s->expression, out);
		return;
	}
	if (s->type != STMT_COMPOUND)
		return;
	FOR_EACH_PTR(s->stmts, sub) {
		last = sub;
	} END_FOR_EACH_PTR(sub);
	eval_statement(m, fn, last, out);
}

/* "&pdev->dev": the device embedded in a struct */
static const char *device_name(struct model *m, struct expression *e, struct loc **from)
{
	struct expression *s = m_strip_casts(e);
	struct symbol *t, *inner, *mem;
	unsigned long off;
	long long c;

	*from = NULL;
	if (!s)
		return NULL;
	if (s->type == EXPR_BINOP && s->op == '+' && m_const_value(s->right, &c)) {
		/* the member embedded at that offset, not the first field inside it */
		t = m_base(m_addr_type(s->left));
		if (t && (t->type == SYM_STRUCT || t->type == SYM_UNION)) {
			FOR_EACH_PTR(t->symbol_list, mem) {
				if (mem->ident && mem->offset == (unsigned long)c &&
				    m_is_struct(mem))
					return m_printf("&%s.%s", m_id(m_struct_key(t)),
							m_id(mem->ident));
			} END_FOR_EACH_PTR(mem);
		}
		(void)inner;
		(void)off;
	}
	if (s->type == EXPR_PREOP && s->op == '*') {
		*from = m_addr_loc(m, s->unop);
		if (*from)
			return dm_loc_name(&(*from)->pub);
	}
	return NULL;
}

static void eval_device(struct model *m, struct expression *e, struct vset *out)
{
	struct val v = { 0 };
	const char *name;
	struct loc *from;
	long long c;

	if (vset_has_kind(out, DM_DEVICE) || (m_const_value(e, &c) && !c))
		return;
	name = device_name(m, e, &from);
	if (!name)
		return;
	v.kind = DM_DEVICE;
	v.obj = device_origin(m, name, from);
	vset_add(out, v);
}

void m_eval(struct model *m, struct func *fn, struct expression *e, struct vset *out)
{
	struct func *saved = m->cur_fn;
	struct vset l = { 0 }, r = { 0 };
	long long c;
	int i;

	if (!e)
		return;
	m->cur_fn = fn;
	switch (e->type) {
	case EXPR_PREOP:
		if (e->op == '*')
			eval_load(m, e, out);
		else if (e->op == SPECIAL_INCREMENT || e->op == SPECIAL_DECREMENT) {
			m_eval(m, fn, e->unop, &l);
			add_unknown_offsets(out, &l);
		} else if (e->op == '(' || e->op == '&')
			m_eval(m, fn, e->unop, out);
		break;
	case EXPR_POSTOP:
		m_eval(m, fn, e->unop, &l);
		add_unknown_offsets(out, &l);
		break;
	case EXPR_SYMBOL:
		eval_address(m, e, out);
		break;
	case EXPR_CAST:
	case EXPR_IMPLIED_CAST:
	case EXPR_FORCE_CAST:
		m_eval(m, fn, e->cast_expression, out);
		break;
	case EXPR_BINOP:
		if (e->op != '+' && e->op != '-')
			break;
		m_eval(m, fn, e->left, &l);
		m_eval(m, fn, e->right, &r);
		if (e->op == '+') {
			bool known = m_const_value(e->right, &c);

			add_offset(out, &l, known, c);
			known = m_const_value(e->left, &c);
			add_offset(out, &r, known, c);
			break;
		}
		/* p - base: a pointer difference, not a pointer; a handle stays one */
		for (i = 0; i < l.n; i++) {
			struct val v = l.v[i];

			if (v.kind == DM_ALLOC && (vset_has_kind(&r, DM_ALLOC) || m_is_ptr(e->right->ctype)))
				continue;
			if (v.kind == DM_ALLOC || v.kind == DM_HANDLE) {
				if (m_const_value(e->right, &c))
					v.off -= c;
				else
					v.offk = OFFK_UNKNOWN;
			}
			vset_add(out, v);
		}
		break;
	case EXPR_ASSIGNMENT:
		m_eval(m, fn, e->right, out);
		break;
	case EXPR_COMMA:
		m_eval(m, fn, e->right, out);
		break;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		m_eval(m, fn, e->cond_true ? e->cond_true : e->conditional, out);
		m_eval(m, fn, e->cond_false, out);
		break;
	case EXPR_STATEMENT:
		eval_statement(m, fn, e->statement, out);
		break;
	case EXPR_CALL:
		eval_call(m, fn, e, out);
		break;
	default:
		break;
	}
	if (m_is_device_ptr(e->ctype) && e->type != EXPR_CAST && e->type != EXPR_IMPLIED_CAST)
		eval_device(m, e, out);
	vset_free(&l);
	vset_free(&r);
	m->cur_fn = saved;
}
