// SPDX-License-Identifier: GPL-2.0
/*
 * Evaluated expressions back as C source text, for the planner to paste.
 * sparse has rewritten member accesses and indexing into address
 * arithmetic; the printer puts "p->a.b" and "ring[i]" back from the
 * types, and prints any part that came from a macro expansion as the
 * macro use written in the source.
 */
#include <ctype.h>
#include <string.h>

#include "internal.h"

struct buf {
	char *s;
	int len, cap;
};

static void put(struct buf *b, const char *s)
{
	int n = strlen(s);

	while (b->len + n + 1 > b->cap)
		b->s = m_grow(b->s, &b->cap, 1);
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static void print(struct buf *b, struct expression *e, int depth);

static bool is_lazy_offset(struct expression *e)
{
	long long c;

	return e && e->type == EXPR_BINOP && e->op == '+' && e->ctype == &lazy_ptr_ctype &&
	       m_const_value(e->right, &c);
}

/*
 * The member path from struct @st to the member named @name at byte
 * @off: "a.b" for a member b of an embedded struct a.
 */
static bool member_path(struct buf *b, struct symbol *st, unsigned long off,
			struct ident *name, int depth)
{
	struct symbol *mem;

	st = m_base(st);
	if (!st || (st->type != SYM_STRUCT && st->type != SYM_UNION) || depth > 8)
		return false;
	FOR_EACH_PTR(st->symbol_list, mem) {
		unsigned long size = m_base(mem) ? m_base(mem)->bit_size / 8 : 0;
		int len = b->len;

		if (mem->ident == name && mem->offset == off) {
			put(b, m_id(name));
			return true;
		}
		if (off < mem->offset || off >= mem->offset + (size ? size : 1) ||
		    !m_is_struct(mem))
			continue;
		if (mem->ident) {
			put(b, m_id(mem->ident));
			put(b, ".");
		}
		if (member_path(b, mem, off - mem->offset, name, depth + 1))
			return true;
		b->len = len;
		b->s[len] = '\0';
	} END_FOR_EACH_PTR(mem);
	return false;
}

/* An index of a pointer addition without its scaling by the element size. */
static void print_index(struct buf *b, struct expression *ptr, struct expression *idx,
			int depth)
{
	struct symbol *elem = m_pointee(ptr->ctype);
	long long size = elem && m_base(elem) ? m_base(elem)->bit_size / 8 : 1, c, s;
	struct expression *i = m_strip_casts(idx);

	if (size <= 0)
		size = 1;
	if (size > 1 && i && i->type == EXPR_BINOP && i->op == '*' &&
	    m_const_value(i->right, &s) && s == size) {
		print(b, i->left, depth + 1);
		return;
	}
	if (m_const_value(idx, &c) && !m_pos_is_macro(idx->pos, NULL)) {
		put(b, m_printf("%lld", size > 1 ? c / size : c));
		return;
	}
	print(b, idx, depth + 1);
}

/* "*(root + c1 + c2)" whose last member is @name: root->a.name or root.a.name */
static bool print_member(struct buf *b, struct expression *addr, struct ident *name,
			 int depth)
{
	unsigned long off = 0;
	struct symbol *st;
	long long c;

	if (addr && addr->type == EXPR_BINOP && addr->op == '+' &&
	    m_const_value(addr->right, &c)) {
		off += c;
		addr = addr->left;
	}
	while (is_lazy_offset(addr)) {
		m_const_value(addr->right, &c);
		off += c;
		addr = addr->left;
	}
	addr = m_strip_casts(addr);
	if (!addr)
		return false;
	if (addr->type == EXPR_SYMBOL) {
		st = addr->symbol;
		put(b, addr->symbol->ident ? m_id(addr->symbol->ident) : "?");
		put(b, ".");
	} else {
		st = m_pointee(addr->ctype);
		if (addr->type == EXPR_BINOP && addr->op == '+' && m_is_ptr(addr->ctype)) {
			/* &ring[i] as an lvalue: ring[i].m */
			print(b, addr->left, depth + 1);
			put(b, "[");
			print_index(b, addr->left, addr->right, depth);
			put(b, "].");
		} else {
			print(b, addr, depth + 1);
			put(b, "->");
		}
	}
	return member_path(b, st, off, name, 0);
}

static void print_paren(struct buf *b, struct expression *e, int depth)
{
	struct expression *s = m_strip_casts(e);
	bool paren = s && (s->type == EXPR_BINOP || s->type == EXPR_CONDITIONAL ||
			   s->type == EXPR_SELECT || s->type == EXPR_ASSIGNMENT ||
			   s->type == EXPR_LOGICAL || s->type == EXPR_COMPARE) &&
		     !m_pos_is_macro(s->pos, NULL);

	if (paren)
		put(b, "(");
	print(b, e, depth);
	if (paren)
		put(b, ")");
}

static const char *op_text(int op)
{
	return show_special(op);
}

static void print_call(struct buf *b, struct expression *e, int depth)
{
	struct ident *name = m_callee_name(e);
	struct expression *arg;
	bool first = true;

	put(b, name ? m_id(name) : "?");
	put(b, "(");
	FOR_EACH_PTR(e->args, arg) {
		if (!first)
			put(b, ", ");
		first = false;
		print(b, arg, depth + 1);
	} END_FOR_EACH_PTR(arg);
	put(b, ")");
}

/* What the expression would show at its own position, for the macro test. */
static const char *expected_text(struct expression *e)
{
	switch (e->type) {
	case EXPR_PREOP:
		if (e->op == '*' && e->unop && e->unop->type == EXPR_SYMBOL && e->unop->symbol &&
		    e->unop->symbol->ident)
			return m_id(e->unop->symbol->ident);
		return "";
	case EXPR_SYMBOL:
		return e->symbol && e->symbol->ident ? m_id(e->symbol->ident) : "";
	case EXPR_VALUE:
	case EXPR_IMPLIED_CAST:
		return NULL;	/* an enum or macro constant prints as written anyway */
	default:
		return "";
	}
}

/*
 * Does a symbol named @name appear in @e?  sparse gives the nodes it
 * makes for p->m the position of p: that is no macro use.
 */
static bool names_symbol(struct expression *e, const char *name, int depth)
{
	if (!e || depth > 16)
		return false;
	switch (e->type) {
	case EXPR_SYMBOL:
		return e->symbol && e->symbol->ident && !strcmp(m_id(e->symbol->ident), name);
	case EXPR_PREOP:
	case EXPR_POSTOP:
		return names_symbol(e->unop, name, depth + 1);
	case EXPR_CAST:
	case EXPR_IMPLIED_CAST:
	case EXPR_FORCE_CAST:
		return names_symbol(e->cast_expression, name, depth + 1);
	case EXPR_BINOP:
		return names_symbol(e->left, name, depth + 1) ||
		       names_symbol(e->right, name, depth + 1);
	default:
		return false;
	}
}

static bool macro_use(struct expression *e, const char *want)
{
	char name[128];
	const char *s;
	size_t n = 0;

	if (!want || !m_pos_is_macro(e->pos, want))
		return false;
	s = m_src_line(e->pos.stream, e->pos.line);
	if (!s)
		return false;
	s += m_byte_column(e->pos.stream, e->pos.line, e->pos.pos);
	while ((isalnum((unsigned char)s[n]) || s[n] == '_') && n + 1 < sizeof(name)) {
		name[n] = s[n];
		n++;
	}
	name[n] = '\0';
	return !names_symbol(e, name, 0);
}

static void print(struct buf *b, struct expression *e, int depth)
{
	const char *want;
	long long c;

	if (!e || depth > 64) {
		put(b, "?");
		return;
	}
	want = expected_text(e);
	if (macro_use(e, want)) {
		const char *t = m_macro_use_text(e->pos);

		if (t) {
			put(b, t);
			return;
		}
	}
	switch (e->type) {
	case EXPR_VALUE:
		if (m_pos_is_macro(e->pos, NULL))
			put(b, m_macro_use_text(e->pos));
		else
			put(b, m_printf("%lld", (long long)e->value));
		return;
	case EXPR_STRING:
		put(b, show_string(e->string));
		return;
	case EXPR_SYMBOL:
		if (e->symbol && !m_is_struct(e->symbol) &&
		    (m_base(e->symbol)->type == SYM_ARRAY || m_base(e->symbol)->type == SYM_FN)) {
			put(b, m_id(e->symbol->ident));
			return;
		}
		put(b, "&");
		put(b, e->symbol && e->symbol->ident ? m_id(e->symbol->ident) : "?");
		return;
	case EXPR_PREOP:
		if (e->op == '*') {
			struct expression *u = e->unop;

			if (u && u->type == EXPR_SYMBOL && u->symbol && u->symbol->ident) {
				put(b, m_id(u->symbol->ident));
				return;
			}
			if (u && u->type == EXPR_BINOP && u->op == '+' && u->ctype == &lazy_ptr_ctype &&
			    e->ctype && e->ctype->ident && print_member(b, u, e->ctype->ident, depth))
				return;
			if (u && u->type == EXPR_BINOP && u->op == '+' && m_is_ptr(u->left->ctype)) {
				print_paren(b, u->left, depth + 1);
				put(b, "[");
				print_index(b, u->left, u->right, depth);
				put(b, "]");
				return;
			}
			put(b, "*");
			print_paren(b, u, depth + 1);
			return;
		}
		put(b, op_text(e->op));
		print_paren(b, e->unop, depth + 1);
		return;
	case EXPR_POSTOP:
		print_paren(b, e->unop, depth + 1);
		put(b, op_text(e->op));
		return;
	case EXPR_BINOP:
		if (is_lazy_offset(e)) {
			/* &p->m: only the address is left; the member is found by offset */
			struct symbol *inner, *mem;
			unsigned long off;

			m_const_value(e->right, &c);
			mem = m_member_at(m_addr_type(e->left), c, &inner, &off);
			put(b, "&");
			if (mem && mem->ident && print_member(b, e, mem->ident, depth))
				return;
			put(b, "?");
			return;
		}
		if (e->op == '+' && m_is_ptr(e->left->ctype) && !m_is_ptr(e->right->ctype)) {
			struct symbol *pt = m_pointee(e->left->ctype);

			if (pt && m_const_value(e->right, &c) && m_is_struct(pt)) {
				/* an array member decayed to a pointer: p->sg */
				struct symbol *mem;

				FOR_EACH_PTR(m_base(pt)->symbol_list, mem) {
					struct symbol *mt = m_base(mem);
					int len = b->len;

					if (!mem->ident || mem->offset != (unsigned long)c ||
					    !mt || mt->type != SYM_ARRAY)
						continue;
					if (print_member(b, e, mem->ident, depth))
						return;
					b->len = len;
					b->s[len] = '\0';
				} END_FOR_EACH_PTR(mem);
			}
			if (pt && m_const_value(e->right, &c) && m_pointee(e->ctype) &&
			    m_pointee(e->ctype)->ident && m_is_struct(pt)) {
				/* &p->m, typed by evaluate_addressof() */
				int len = b->len;

				put(b, "&");
				if (print_member(b, e, m_pointee(e->ctype)->ident, depth))
					return;
				b->len = len;
				b->s[len] = '\0';
			}
			print_paren(b, e->left, depth + 1);
			put(b, " + ");
			print_index(b, e->left, e->right, depth);
			return;
		}
		/* fall through */
	case EXPR_LOGICAL:
	case EXPR_COMPARE:
	case EXPR_ASSIGNMENT:
		print_paren(b, e->left, depth + 1);
		put(b, " ");
		put(b, op_text(e->op));
		put(b, " ");
		print_paren(b, e->right, depth + 1);
		return;
	case EXPR_COMMA:
		print(b, e->left, depth + 1);
		put(b, ", ");
		print(b, e->right, depth + 1);
		return;
	case EXPR_CAST:
	case EXPR_FORCE_CAST:
		put(b, "(");
		put(b, m_type_text(e->cast_type));
		put(b, ")");
		print_paren(b, e->cast_expression, depth + 1);
		return;
	case EXPR_IMPLIED_CAST:
		print(b, e->cast_expression, depth + 1);
		return;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		print_paren(b, e->conditional, depth + 1);
		put(b, " ? ");
		if (e->cond_true)
			print_paren(b, e->cond_true, depth + 1);
		put(b, " : ");
		print_paren(b, e->cond_false, depth + 1);
		return;
	case EXPR_CALL:
		print_call(b, e, depth);
		return;
	case EXPR_SIZEOF:
		put(b, "sizeof(");
		put(b, e->cast_type ? m_type_text(e->cast_type) : "?");
		put(b, ")");
		return;
	default:
		put(b, "?");
		return;
	}
}

const char *m_text(struct model *m, struct expression *e)
{
	struct buf b = { NULL, 0, 0 };

	put(&b, "");
	print(&b, e, 0);
	return b.s;
}

const char *model_expr_text(struct model *m, struct expression *e)
{
	return m_text(m, e);
}
