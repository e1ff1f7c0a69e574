// SPDX-License-Identifier: GPL-2.0
/*
 * Type helpers over sparse's symbols: struct keys that survive a header
 * being parsed once per file (by tag name, not by symbol), members by
 * offset, and the type an evaluated address expression points to.
 */
#include <string.h>

#include "internal.h"

struct symbol *m_base(struct symbol *t)
{
	while (t && (t->type == SYM_NODE || t->type == SYM_TYPEOF ||
		     t->type == SYM_RESTRICT || t->type == SYM_FOULED))
		t = t->ctype.base_type;
	return t;
}

struct symbol *m_pointee(struct symbol *t)
{
	t = m_base(t);
	if (!t || (t->type != SYM_PTR && t->type != SYM_ARRAY))
		return NULL;
	return t->ctype.base_type;
}

bool m_is_struct(struct symbol *t)
{
	t = m_base(t);
	return t && (t->type == SYM_STRUCT || t->type == SYM_UNION);
}

bool m_is_ptr(struct symbol *t)
{
	t = m_base(t);
	return t && t->type == SYM_PTR;
}

bool m_is_void_ptr(struct symbol *t)
{
	struct symbol *p = m_base(m_pointee(t));

	return m_is_ptr(t) && p == &void_ctype;
}

/* The typedef chain of @t names dma_addr_t somewhere. */
static bool has_typedef(struct symbol *t, const char *name)
{
	int depth = 0;

	while (t && t->type == SYM_NODE && depth++ < 16) {
		if (t->ident && !strcmp(m_id(t->ident), name) &&
		    (t->ctype.modifiers & MOD_USERTYPE))
			return true;
		t = t->ctype.base_type;
	}
	return false;
}

bool m_is_handle_type(struct symbol *t)
{
	return has_typedef(t, "dma_addr_t");
}

bool m_is_device_ptr(struct symbol *t)
{
	struct symbol *p = m_base(m_pointee(t));

	return m_is_ptr(t) && p && p->type == SYM_STRUCT && p->ident &&
	       !strcmp(m_id(p->ident), "device");
}

/*
 * "struct foo" for a struct with a tag; an anonymous struct is named by
 * where it is declared (it has no name another file could share).
 */
struct ident *m_struct_key(struct symbol *t)
{
	char buf[256];

	t = m_base(t);
	if (!t || (t->type != SYM_STRUCT && t->type != SYM_UNION))
		return NULL;
	if (t->ident)
		snprintf(buf, sizeof(buf), "%s %s", t->type == SYM_STRUCT ? "struct" : "union",
			 m_id(t->ident));
	else
		snprintf(buf, sizeof(buf), "anon@%s:%d:%d", stream_name(t->pos.stream),
			 t->pos.line, t->pos.pos);
	return built_in_ident(buf);
}

static unsigned long size_of(struct symbol *t)
{
	t = m_base(t);
	if (!t || t->bit_size <= 0)
		return 0;
	return t->bit_size / 8;
}

/*
 * The member of struct @st that holds byte @off, descending into
 * embedded structs and arrays of structs: field-based keys name the
 * innermost struct, so "hal2->dac.buffer" and "codec->buffer" are one
 * location.
 */
struct symbol *m_member_at(struct symbol *st, unsigned long off,
			   struct symbol **inner, unsigned long *inner_off)
{
	struct symbol *mem, *key = m_base(st);
	unsigned long key_off = off;
	int depth = 0;

	st = key;
	*inner = key;
	*inner_off = off;
again:
	if (!st || (st->type != SYM_STRUCT && st->type != SYM_UNION) || depth++ > 16)
		return NULL;
	FOR_EACH_PTR(st->symbol_list, mem) {
		unsigned long size = size_of(mem);
		struct symbol *mt = m_base(mem);

		if (off < mem->offset || off >= mem->offset + (size ? size : 1))
			continue;
		off -= mem->offset;
		if (mt && (mt->type == SYM_STRUCT || mt->type == SYM_UNION)) {
			/* an anonymous member belongs to the struct around it */
			if (mem->ident) {
				key = mt;
				key_off = off;
			}
			st = mt;
			goto again;
		}
		if (mt && mt->type == SYM_ARRAY && m_is_struct(mt->ctype.base_type)) {
			unsigned long esize = size_of(mt->ctype.base_type);

			if (esize)
				off %= esize;
			st = m_base(mt->ctype.base_type);
			key = st;
			key_off = off;
			goto again;
		}
		*inner = key;
		*inner_off = key_off;
		return mem;
	} END_FOR_EACH_PTR(mem);
	return NULL;
}

struct symbol *m_member_named(struct symbol *st, struct ident *name, unsigned long *off)
{
	struct symbol *mem;

	st = m_base(st);
	if (!st || (st->type != SYM_STRUCT && st->type != SYM_UNION))
		return NULL;
	FOR_EACH_PTR(st->symbol_list, mem) {
		if (mem->ident == name) {
			*off = mem->offset;
			return mem;
		}
		if (!mem->ident && m_is_struct(mem)) {
			unsigned long sub;
			struct symbol *r = m_member_named(mem, name, &sub);

			if (r) {
				*off = mem->offset + sub;
				return r;
			}
		}
	} END_FOR_EACH_PTR(mem);
	return NULL;
}

/*
 * What an address points to.  sparse gives "&x" and "&p->m" a lazy
 * pointer type until someone asks; the symbol or the member tells.
 */
struct symbol *m_addr_type(struct expression *addr)
{
	struct symbol *st, *mem, *inner;
	unsigned long off;
	long long c;

	if (!addr)
		return NULL;
	if (addr->ctype && addr->ctype != &lazy_ptr_ctype && m_is_ptr(addr->ctype))
		return m_pointee(addr->ctype);
	switch (addr->type) {
	case EXPR_SYMBOL:
		return addr->symbol;
	case EXPR_BINOP:
		if (addr->op != '+' || !m_const_value(addr->right, &c))
			return NULL;
		/* fold "p->a.b" down to p, then find the member */
		while (addr->left && addr->left->type == EXPR_BINOP && addr->left->op == '+' &&
		       addr->left->ctype == &lazy_ptr_ctype) {
			long long more;

			if (!m_const_value(addr->left->right, &more))
				break;
			c += more;
			addr = addr->left;
		}
		st = m_addr_type(addr->left);
		if (!m_is_struct(st))
			return NULL;
		mem = m_member_at(st, c, &inner, &off);
		return mem;
	case EXPR_CAST:
	case EXPR_IMPLIED_CAST:
	case EXPR_FORCE_CAST:
		return m_pointee(addr->cast_type);
	default:
		return NULL;
	}
}

const char *m_type_text(struct symbol *t)
{
	struct symbol *b = m_base(t);
	struct symbol *p;

	if (!b)
		return "void *";
	if (b->type == SYM_PTR) {
		p = b->ctype.base_type;
		/* a typedef name reads better than what it stands for */
		if (p && p->type == SYM_NODE && p->ident && (p->ctype.modifiers & MOD_USERTYPE))
			return m_printf("%s *", m_id(p->ident));
		p = m_base(p);
		if (p && (p->type == SYM_STRUCT || p->type == SYM_UNION) && p->ident)
			return m_printf("%s %s *", p->type == SYM_STRUCT ? "struct" : "union",
					m_id(p->ident));
		return "void *";
	}
	if ((b->type == SYM_STRUCT || b->type == SYM_UNION) && b->ident)
		return m_printf("%s %s", b->type == SYM_STRUCT ? "struct" : "union",
				m_id(b->ident));
	return show_typename(t);
}

struct expression *m_strip_casts(struct expression *e)
{
	while (e && (e->type == EXPR_CAST || e->type == EXPR_IMPLIED_CAST ||
		     e->type == EXPR_FORCE_CAST))
		e = e->cast_expression;
	return e;
}

/* A small constant folder: the AST is evaluated, not yet expanded. */
bool m_const_value(struct expression *e, long long *val)
{
	long long a, b;

	e = m_strip_casts(e);
	if (!e)
		return false;
	switch (e->type) {
	case EXPR_VALUE:
		*val = e->value;
		return true;
	case EXPR_BINOP:
		if (!m_const_value(e->left, &a) || !m_const_value(e->right, &b))
			return false;
		switch (e->op) {
		case '+':
			*val = a + b;
			return true;
		case '-':
			*val = a - b;
			return true;
		case '*':
			*val = a * b;
			return true;
		case '|':
			*val = a | b;
			return true;
		case '&':
			*val = a & b;
			return true;
		case SPECIAL_LEFTSHIFT:
			*val = a << (b & 63);
			return true;
		case SPECIAL_RIGHTSHIFT:
			*val = a >> (b & 63);
			return true;
		case '/':
		case '%':
			if (!b)
				return false;
			*val = e->op == '/' ? a / b : a % b;
			return true;
		default:
			return false;
		}
	case EXPR_PREOP:
		if (!m_const_value(e->unop, &a))
			return false;
		switch (e->op) {
		case '-':
			*val = -a;
			return true;
		case '~':	/* the kernel's ALIGN(): (x + mask) & ~mask */
			*val = ~a;
			return true;
		case '+':
		case '(':
			*val = a;
			return true;
		default:
			return false;
		}
	case EXPR_SIZEOF: {
		struct symbol *t = e->cast_type ? e->cast_type :
				   e->cast_expression ? e->cast_expression->ctype : NULL;

		t = m_base(t);
		if (t && t->bit_size > 0) {
			*val = t->bit_size / 8;
			return true;
		}
		return false;
	}
	default:
		return false;
	}
}
