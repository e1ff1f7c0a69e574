// SPDX-License-Identifier: GPL-2.0
/*
 * Value sets, locations and origins: the solver's memory.  A location is
 * interned once per key (kind, key pointer, number) in a hash table, so
 * every function that names "struct foo + 8" shares one set.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *m_grow(void *v, int *cap, size_t elem)
{
	int n = *cap ? *cap * 2 : 16;

	v = realloc(v, n * elem);
	if (!v)
		die("model: out of memory");
	memset((char *)v + *cap * elem, 0, (n - *cap) * elem);
	*cap = n;
	return v;
}

char *m_strdup(const char *s)
{
	char *p = strdup(s ? s : "");

	if (!p)
		die("model: out of memory");
	return p;
}

char *m_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("model: out of memory");
	return s;
}

/* ---- value sets: few values each, kept as small arrays ---- */

static int same(const struct val *a, const struct val *b)
{
	return a->kind == b->kind && a->obj == b->obj;
}

/* Add @v; an existing value of the same object merges offsets. */
bool vset_add(struct vset *s, struct val v)
{
	int i;

	for (i = 0; i < s->n; i++) {
		struct val *o = &s->v[i];

		if (!same(o, &v))
			continue;
		if (o->offk == OFFK_UNKNOWN)
			return false;
		if (v.offk == OFFK_CONST && v.off == o->off)
			return false;
		o->offk = OFFK_UNKNOWN;
		return true;
	}
	*PUSH(s->v, s->n, s->cap) = v;
	return true;
}

bool vset_union(struct vset *dst, const struct vset *src)
{
	bool changed = false;
	int i;

	for (i = 0; i < src->n; i++)
		changed |= vset_add(dst, src->v[i]);
	return changed;
}

void vset_free(struct vset *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

bool vset_has_kind(const struct vset *s, enum dm_kind k)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].kind == k)
			return true;
	return false;
}

/* ---- locations ---- */

static unsigned long loc_hash(int kind, const void *k1, unsigned long k2)
{
	return ((unsigned long)k1 >> 4) * 2654435761u ^ k2 * 40503u ^ kind;
}

static const void *loc_k1(const struct loc *l)
{
	switch (l->pub.kind) {
	case LOC_FIELD:
		return l->pub.type;
	case LOC_GLOBAL:
	case LOC_LOCAL:
		return l->pub.sym;
	default:
		return l->pub.fn;
	}
}

static void rehash(struct model *m)
{
	struct loc **old = m->locs;
	int i, size = m->loc_hash_size;

	m->loc_hash_size = size ? size * 2 : 1024;
	m->locs = calloc(m->loc_hash_size, sizeof(*m->locs));
	if (!m->locs)
		die("model: out of memory");
	for (i = 0; i < size; i++) {
		struct loc *l = old[i], *next;

		for (; l; l = next) {
			unsigned long h = loc_hash(l->pub.kind, loc_k1(l), l->pub.offset) %
					  m->loc_hash_size;

			next = l->hnext;
			l->hnext = m->locs[h];
			m->locs[h] = l;
		}
	}
	free(old);
}

/*
 * The location of a kind and key: LOC_FIELD (struct key ident, offset),
 * LOC_GLOBAL/LOC_LOCAL (symbol, 0), LOC_PARAM (function ident, index),
 * LOC_RET (function ident, 0).
 */
struct loc *loc_get(struct model *m, enum dm_loc_kind kind, const void *k1,
		    unsigned long k2, bool add)
{
	unsigned long h;
	struct loc *l;

	if (!k1)
		return NULL;
	if (m->nr_locs * 2 >= m->loc_hash_size)
		rehash(m);
	h = loc_hash(kind, k1, k2) % m->loc_hash_size;
	for (l = m->locs[h]; l; l = l->hnext)
		if (l->pub.kind == kind && loc_k1(l) == k1 && l->pub.offset == k2)
			return l;
	if (!add)
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l)
		die("model: out of memory");
	l->pub.kind = kind;
	l->pub.offset = k2;
	switch (kind) {
	case LOC_FIELD:
		l->pub.type = (struct ident *)k1;
		break;
	case LOC_GLOBAL:
	case LOC_LOCAL:
		l->pub.sym = (struct symbol *)k1;
		l->pub.name = l->pub.sym->ident;
		break;
	default:
		l->pub.fn = (struct ident *)k1;
		break;
	}
	l->hnext = m->locs[h];
	m->locs[h] = l;
	m->nr_locs++;
	return l;
}

/*
 * A variable's location.  Parameters are LOC_PARAM of their function
 * (what callers pass), other locals LOC_LOCAL, file-scope and static
 * variables LOC_GLOBAL.
 */
struct loc *loc_of_symbol(struct model *m, struct symbol *sym)
{
	struct symbol *fn_sym;
	struct loc *l;
	int i;

	if (!sym || !sym->ident)
		return NULL;
	if (sym->ctype.modifiers & (MOD_TOPLEVEL | MOD_STATIC | MOD_EXTERN))
		l = loc_get(m, LOC_GLOBAL, sym, 0, true);
	else
		l = NULL;
	if (l) {
		l->pub.ctype = sym;
		return l;
	}
	/* a parameter of the function being collected or evaluated? */
	fn_sym = m->cur_fn ? m_base(m->cur_fn->sym) : NULL;
	if (fn_sym && fn_sym->type == SYM_FN) {
		struct symbol *arg;

		i = 0;
		FOR_EACH_PTR(fn_sym->arguments, arg) {
			if (arg == sym) {
				l = loc_get(m, LOC_PARAM, m->cur_fn->name, i, true);
				l->pub.name = sym->ident;
				l->pub.ctype = sym;
				return l;
			}
			i++;
		} END_FOR_EACH_PTR(arg);
	}
	l = loc_get(m, LOC_LOCAL, sym, 0, true);
	if (m->cur_fn)
		l->pub.fn = m->cur_fn->name;
	l->pub.ctype = sym;
	return l;
}

int origin_new(struct model *m, enum dm_kind kind, struct position pos, const char *what)
{
	struct origin *o;
	int i;

	for (i = 0; i < m->nr_origins; i++) {
		o = &m->origins[i];
		if (o->kind == kind && o->pos.stream == pos.stream &&
		    o->pos.line == pos.line && o->pos.pos == pos.pos &&
		    !strcmp(o->what, what))
			return i;
	}
	o = PUSH(m->origins, m->nr_origins, m->cap_origins);
	o->kind = kind;
	o->pos = pos;
	o->what = m_strdup(what);
	return m->nr_origins - 1;
}

/* Devices are named by where they come from: "&pdev->dev", a field, a parameter. */
int device_origin(struct model *m, const char *what, struct loc *loc)
{
	struct position none = { 0 };
	int i;

	for (i = 0; i < m->nr_origins; i++)
		if (m->origins[i].kind == DM_DEVICE && !strcmp(m->origins[i].what, what))
			return i;
	i = origin_new(m, DM_DEVICE, none, what);
	m->origins[i].loc = loc;
	return i;
}

const char *dm_loc_name(const struct dm_loc *pub)
{
	struct loc *l = (struct loc *)pub;

	if (!l)
		return "(none)";
	if (l->name)
		return l->name;
	switch (pub->kind) {
	case LOC_FIELD:
		l->name = m_printf("%s.%s", m_id(pub->type),
				   pub->name ? m_id(pub->name) : "?");
		break;
	case LOC_GLOBAL:
		l->name = m_printf("global %s", m_id(pub->name));
		break;
	case LOC_LOCAL:
		l->name = m_printf("local %s:%s", m_id(pub->fn), m_id(pub->name));
		break;
	case LOC_PARAM:
		l->name = m_printf("param %s#%lu", m_id(pub->fn), pub->offset);
		break;
	case LOC_RET:
		l->name = m_printf("return %s", m_id(pub->fn));
		break;
	}
	return l->name;
}

/*
 * An identifier's name as a string that lives as long as the process:
 * sparse's show_ident() writes into one of four static buffers.
 */
const char *m_id(const struct ident *id)
{
	static struct { const struct ident *id; char *s; } *tab;
	static int size, used;
	unsigned long h;
	int i;

	if (!id)
		return "<noident>";
	if (used * 2 >= size) {
		int old = size;
		void *o = tab;

		size = size ? size * 2 : 1024;
		tab = calloc(size, sizeof(*tab));
		if (!tab)
			die("model: out of memory");
		used = 0;
		for (i = 0; i < old; i++) {
			typeof(tab) e = (typeof(tab))o + i;

			if (!e->id)
				continue;
			h = ((unsigned long)e->id >> 4) % size;
			while (tab[h].id)
				h = (h + 1) % size;
			tab[h] = *e;
			used++;
		}
		free(o);
	}
	h = ((unsigned long)id >> 4) % size;
	while (tab[h].id && tab[h].id != id)
		h = (h + 1) % size;
	if (!tab[h].id) {
		tab[h].id = id;
		tab[h].s = m_printf("%.*s", id->len, id->name);
		used++;
	}
	return tab[h].s;
}
