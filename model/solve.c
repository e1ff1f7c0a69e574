// SPDX-License-Identifier: GPL-2.0
/*
 * The solver: close the copy constraints collect.c recorded (edges,
 * calls into the unit's functions, accessor setters, stores through
 * out-parameters) by iterating to a fixpoint, then work out what each
 * allocation is: where its CPU address and handle live, its device, the
 * directions of the syncs that name it.  Field-based and
 * flow-insensitive: each round is linear in the program, and the number
 * of rounds is the length of the longest copy chain.
 */
#include <string.h>

#include "internal.h"

/* The local that @e reads, plainly ("desc"), or NULL. */
static struct loc *local_read(struct model *m, struct edge *e)
{
	struct expression *s = m_strip_casts(e->src);
	struct loc *l;

	if (!s || s->type != EXPR_PREOP || s->op != '*' || !s->unop ||
	    s->unop->type != EXPR_SYMBOL)
		return NULL;
	m->cur_fn = e->fn;
	l = m_addr_loc(m, s->unop);
	m->cur_fn = NULL;
	return l && l->pub.kind == LOC_LOCAL ? l : NULL;
}

static bool before(struct position a, struct position b)
{
	return a.stream == b.stream && (a.line < b.line || (a.line == b.line && a.pos < b.pos));
}

/*
 * A copy of a local that its function walks (desc++) only further down,
 * outside any loop around the copy, copies what the local held before
 * the walk: "codec->desc = desc;" ahead of the loop that fills the ring
 * stores the start of the block.
 */
static bool copies_before_walk(struct model *m, struct edge *e, struct loc *l)
{
	bool walked = false;
	int i;

	if (e->mode != EDGE_COPY || e->in_loop || !e->fn)
		return false;
	for (i = 0; i < m->nr_edges; i++) {
		struct edge *w = &m->edges[i];

		if (w->mode != EDGE_WALK || w->dst != l)
			continue;
		if (w->fn != e->fn || !before(e->src->pos, w->src->pos))
			return false;
		walked = true;
	}
	return walked;
}

static bool flow_edges(struct model *m)
{
	bool changed = false;
	int i;

	for (i = 0; i < m->nr_edges; i++) {
		struct edge *e = &m->edges[i];
		struct vset tmp = { 0 };
		struct loc *l = local_read(m, e);

		if (l && copies_before_walk(m, e, l))
			vset_union(&tmp, &l->pre);
		else
			m_eval(m, e->fn, e->src, &tmp);
		if (e->mode == EDGE_WALK) {
			int k;

			for (k = 0; k < tmp.n; k++)
				tmp.v[k].offk = OFFK_UNKNOWN;
		} else {
			changed |= vset_union(&e->dst->pre, &tmp);
		}
		changed |= vset_union(&e->dst->set, &tmp);
		vset_free(&tmp);
	}
	return changed;
}

static bool add_to(struct vset *dst, struct model *m, struct func *fn, struct expression *e)
{
	struct vset tmp = { 0 };
	bool changed;

	m_eval(m, fn, e, &tmp);
	changed = vset_union(dst, &tmp);
	vset_free(&tmp);
	return changed;
}

/* Arguments flow into the parameters of the unit's functions. */
static bool flow_calls(struct model *m)
{
	bool changed = false;
	int i, k;

	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		struct m_call_kind kind;
		struct func *f;
		struct loc *l;

		if (!c->name || c->api)
			continue;
		f = m_func_named(m, c->name);
		if (f) {
			for (k = 0; k < c->nargs && k < f->nr_params && k < MAX_ARGS; k++) {
				l = loc_get(m, LOC_PARAM, f->name, k, true);
				changed |= add_to(&l->set, m, c->in, c->args[k]);
			}
			for (k = 0; k < m->nr_indirects; k++) {
				struct indirect *ind = &m->indirects[k];

				if (ind->fn != f->name || ind->param >= c->nargs)
					continue;
				m->cur_fn = c->in;
				l = m_addr_loc(m, c->args[ind->param]);
				m->cur_fn = NULL;
				if (l) {
					vset_add(&l->pre, ind->v);
					changed |= vset_add(&l->set, ind->v);
				}
			}
			continue;
		}
		kind = m_call_kind(c->name);
		if (kind.role == ROLE_SETTER && kind.arg < c->nargs) {
			l = loc_get(m, LOC_FIELD, kind.key, ~0UL, true);
			l->pub.name = kind.key;
			changed |= add_to(&l->set, m, c->in, c->args[kind.arg]);
		}
	}
	return changed;
}

/* ---- after the fixpoint ---- */

static int dir_of(struct call *c, int idx)
{
	static const char *const names[] = {
		"DMA_BIDIRECTIONAL", "DMA_TO_DEVICE", "DMA_FROM_DEVICE",
	};
	long long v;
	int i;

	if (idx < 0 || idx >= c->nargs)
		return -1;
	if (m_const_value(c->args[idx], &v) && v >= 0 && v <= 2)
		return v;
	for (i = 0; i < 3; i++)
		if (c->argtext[idx] && strstr(c->argtext[idx], names[i]))
			return i;
	return -1;
}

static unsigned int dir_bit(int dir)
{
	static const unsigned int bits[] = {
		DIR_BIT_BIDI, DIR_BIT_TO_DEVICE, DIR_BIT_FROM_DEVICE,
	};

	return dir >= 0 && dir <= 2 ? bits[dir] : DIR_BIT_UNKNOWN;
}

/* The syncs (old or new API) that name each allocation, and their directions. */
/* The top-level file whose parse made the allocation (lasi_82596.c). */
static const char *made_in(struct model *m, struct dm_alloc *a)
{
	int i;

	for (i = 0; i < m->nr_calls; i++)
		if (m->calls[i].expr == a->expr && m->calls[i].in)
			return m->calls[i].in->file;
	return NULL;
}

/* Is @f defined in a file that several top-level files include (lib82596.c)? */
bool m_in_shared_file(struct model *m, struct func *f)
{
	const char *def = f ? m_file_of(f->sym->pos) : NULL;
	int i;

	for (i = 0; def && i < m->nr_funcs; i++) {
		struct func *g = m->funcs[i];
		const char *gdef = m_file_of(g->sym->pos);

		if (gdef && !strcmp(gdef, def) && g->file && f->file && strcmp(g->file, f->file))
			return true;
	}
	return false;
}

/*
 * The allocation of @a's buffer that function @f's parse made, when
 * another parse made one of the same fields too: a .c file two includers
 * share gives each its own allocation (lasi_82596.c's, sni_82596.c's),
 * which the queries see as one.
 */
struct dm_alloc *m_alloc_for(struct model *m, struct dm_alloc *a, struct func *f)
{
	const char *top;
	int i;

	if (!a || !f || !f->file)
		return a;
	top = made_in(m, a);
	if (top && !strcmp(top, f->file))
		return a;
	for (i = 0; i < m->nr_allocs; i++) {
		struct dm_alloc *o = m->allocs[i];

		top = made_in(m, o);
		if (o->cpu_loc == a->cpu_loc && o->handle_loc == a->handle_loc && top &&
		    !strcmp(top, f->file))
			return o;
	}
	return a;
}

/*
 * The syncs of each allocation.  A sync in a file two includers share
 * counts for the allocation of its own includer only: lasi_82596.c's
 * cache macros sync lib82596.c's buffers, sni_82596.c's do nothing, and
 * sni's allocation stays coherent.
 */
static void note_syncs(struct model *m)
{
	int i, k;

	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		enum m_effect fx = c->api ? c->api->effect : MX_NONE;
		struct vset tmp = { 0 };

		if (fx != MX_CACHE_SYNC && fx != MX_TO_CPU && fx != MX_TO_DEVICE)
			continue;
		if (c->api->buf < 0 || c->api->buf >= c->nargs)
			continue;
		m_eval(m, c->in, c->args[c->api->buf], &tmp);
		for (k = 0; k < tmp.n; k++) {
			struct dm_alloc *a;

			if (tmp.v[k].kind != DM_ALLOC && tmp.v[k].kind != DM_HANDLE)
				continue;
			a = m->allocs[tmp.v[k].obj];
			if (m_in_shared_file(m, c->in) && m_alloc_for(m, a, c->in) != a)
				continue;
			a->nr_syncs++;
			a->dirs |= dir_bit(dir_of(c, c->api->dir));
		}
		vset_free(&tmp);
	}
}

/* a field before a global before a local; accessor slots and the rest last */
static int loc_rank(const struct loc *l)
{
	static const int rank[] = {
		[LOC_FIELD] = 4, [LOC_GLOBAL] = 3, [LOC_LOCAL] = 2, [LOC_PARAM] = 0, [LOC_RET] = 0,
	};

	if (l->pub.kind == LOC_FIELD && l->pub.offset == ~0UL)
		return 1;
	return rank[l->pub.kind];
}

/* Registers (volatile) hold handles too: never where the driver keeps them. */
static bool is_register(const struct loc *l)
{
	struct symbol *t = l->pub.ctype;
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

/*
 * The best location that holds @kind of @a: a field before a global
 * before a local, at offset 0 before elsewhere, typed like the call's
 * own destination (sp->srings, not sp->rx_desc) or as a dma_addr_t.
 */
static int score(struct model *m, struct dm_alloc *a, const struct loc *l, const struct val *v,
		 enum dm_kind kind)
{
	struct symbol *want = a->cpu_type;
	int s = loc_rank(l) * 16;

	if (is_register(l))
		return -1;
	if (v->offk == OFFK_CONST && !v->off)
		s += 8;
	if (kind == DM_HANDLE && l->handle_type)
		s += 4;
	if (kind == DM_ALLOC && want && l->pub.ctype &&
	    m_struct_key(m_pointee(l->pub.ctype)) == m_struct_key(want))
		s += 4;
	return s;
}

static struct loc *best_loc(struct model *m, struct dm_alloc *a, enum dm_kind kind)
{
	struct loc *best = NULL;
	int h, i, best_score = -1;

	for (h = 0; h < m->loc_hash_size; h++) {
		struct loc *l;

		for (l = m->locs[h]; l; l = l->hnext) {
			for (i = 0; i < l->set.n; i++) {
				struct val *v = &l->set.v[i];
				int sc;

				if (v->kind != kind || v->obj != a->id - 1)
					continue;
				sc = score(m, a, l, v, kind);
				if (sc > best_score || (sc == best_score && best &&
				    strcmp(dm_loc_name(&l->pub), dm_loc_name(&best->pub)) < 0)) {
					best = l;
					best_score = sc;
				}
			}
		}
	}
	return best;
}

static struct loc *a_seed(struct dm_alloc *a)
{
	return (struct loc *)a->handle_seed;
}

static void describe_allocs(struct model *m)
{
	int i;

	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		struct dm_alloc *a = NULL;
		struct loc *l;

		if (!c->api || c->api->effect != MX_ALLOC)
			continue;
		a = m_alloc_of_call(m, c->expr);
		if (!a || a->expr != c->expr)
			continue;
		if (c->lhs)
			a->cpu = m_text(m, c->lhs);
		/* where the call puts them, when that is a field or a global */
		l = c->result && loc_rank(c->result) >= 3 ? c->result : best_loc(m, a, DM_ALLOC);
		if (!l)
			l = c->result;
		a->cpu_loc = l ? &l->pub : NULL;
		l = a_seed(a) && loc_rank(a_seed(a)) >= 3 ? a_seed(a) : best_loc(m, a, DM_HANDLE);
		a->handle_loc = l ? &l->pub : NULL;
		add_to(&m->alloc_devs[a->id - 1], m, c->in, c->args[0]);
	}
}

/* A kmalloc buffer given to dma_map_single() is streaming memory. */
static void mark_mapped(struct model *m)
{
	int i, k;

	for (i = 0; i < m->nr_maps; i++) {
		struct mapping *mp = &m->maps[i];
		struct vset tmp = { 0 };

		m_eval(m, mp->fn, mp->ptr, &tmp);
		for (k = 0; k < tmp.n; k++) {
			struct origin *o = &m->origins[tmp.v[k].obj];

			if (tmp.v[k].kind != DM_KMALLOC && tmp.v[k].kind != DM_STACK)
				continue;
			o->mapped = true;
			o->hloc = mp->hloc;
			o->map_pos = mp->pos;
		}
		vset_free(&tmp);
	}
}

void model_solve(struct model *m)
{
	int round;

	if (m->solved)
		return;
	m->solved = true;
	for (round = 0; round < MAX_ROUNDS; round++) {
		bool changed = flow_edges(m);

		changed |= flow_calls(m);
		if (!changed)
			break;
	}
	describe_allocs(m);
	mark_mapped(m);
	note_syncs(m);
	m_find_translators(m);
	m_compute_kicks(m);
}
