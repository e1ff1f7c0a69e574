// SPDX-License-Identifier: GPL-2.0
/*
 * Where a call sits in the source, for the rewrite: its name in the file,
 * or, when it came from a macro, its place inside the #define (through
 * nested macros), with the arguments as written there.  Runs while the
 * file's macros are still bound (right after sparse parsed it).  Also
 * remembers each use of a function-like macro, for translation helpers.
 */
#include <string.h>

#include "internal.h"

/* The @nth token naming @name in macro @mac's body, through nested macros. */
static struct token *find_in_macro(struct symbol *mac, struct ident *name, int *nth, int depth,
				   struct symbol **owner)
{
	struct token *t;

	if (!mac || depth > 8)
		return NULL;
	for (t = mac->expansion; t && !eof_token(t); t = t->next) {
		struct symbol *inner;
		struct token *r;

		if (token_type(t) != TOKEN_IDENT)
			continue;
		if (t->ident == name && token_type(t->next) == TOKEN_SPECIAL &&
		    t->next->special == '(') {
			if ((*nth)-- == 0) {
				*owner = mac;
				return t;
			}
			continue;
		}
		inner = lookup_symbol(t->ident, NS_MACRO);
		if (!inner || inner == mac)
			continue;
		r = find_in_macro(inner, name, nth, depth + 1, owner);
		if (r)
			return r;
	}
	return NULL;
}

static int nth_call_at(struct model *m, struct position use, struct ident *name)
{
	int i, n = 0;

	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];

		if (c->macro && c->name == name && c->use_pos.stream == use.stream &&
		    c->use_pos.line == use.line && c->use_pos.pos == use.pos)
			n++;
	}
	return n;
}

void m_place_call(struct model *m, struct call *c)
{
	struct expression *fn = c->expr->fn;
	struct symbol *mac, *owner = NULL;
	struct token *t;
	int nth, i, n;

	if (!m_pos_is_macro(c->expr->pos, "(")) {
		c->name_pos = fn ? fn->pos : c->expr->pos;
	} else {
		mac = m_macro_at(c->expr->pos);
		nth = nth_call_at(m, c->expr->pos, c->name);
		t = mac ? find_in_macro(mac, c->name, &nth, 0, &owner) : NULL;
		c->use_pos = c->expr->pos;
		c->macro = owner ? m_id(owner->ident) : "?";
		c->nested = owner != mac;
		if (owner)
			c->macro_def = owner->pos;
		c->name_pos = t ? t->pos : c->expr->pos;
		if (!t || (owner == mac && mac->ident == c->name)) {
			/*
			 * The name was made by the macro (legacy-dma.h's
			 * dma_alloc_noncoherent(...) dispatch), or the macro
			 * is named like the function it calls (legacy-dma.h's
			 * dma_cache_sync(...)): the call is the macro's use,
			 * written like a call.
			 */
			c->macro = NULL;
			c->name_pos = c->use_pos;
			if (mac)
				c->written = m_id(mac->ident);
		}
	}
	n = m_macro_use_args(c->name_pos, c->argtext, MAX_ARGS);
	if (n != c->nargs)
		for (i = 0; i < c->nargs && i < MAX_ARGS; i++)
			c->argtext[i] = m_text(m, c->args[i]);
}

/* Remember the outermost expression of each use of a function-like macro. */
void m_note_macro_use(struct model *m, struct expression *e)
{
	struct macro_use *u;
	struct symbol *mac;
	int i;

	if (e->type != EXPR_BINOP && !(e->type == EXPR_PREOP && e->op == '('))
		return;
	if (!m_pos_is_macro(e->pos, NULL))
		return;
	for (i = m->nr_muses - 1; i >= 0 && i >= m->nr_muses - 8; i--) {
		u = &m->muses[i];
		if (u->use.stream == e->pos.stream && u->use.line == e->pos.line &&
		    u->use.pos == e->pos.pos)
			return;
	}
	mac = m_macro_at(e->pos);
	if (!mac || !mac->arglist)
		return;
	u = PUSH(m->muses, m->nr_muses, m->cap_muses);
	u->expr = e;
	u->fn = m->cur_fn;
	u->name = m_id(mac->ident);
	u->def = mac->pos;
	u->use = e->pos;
}
