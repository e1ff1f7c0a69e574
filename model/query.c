// SPDX-License-Identifier: GPL-2.0
/*
 * The model's lifetime and its queries: by AST expression (the planner)
 * and by SSA root (the checker: a struct field by type and offset, a
 * global, a parameter, a call's result).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const kind_names[DM_NR_KINDS] = {
	[DM_UNKNOWN] = "unknown", [DM_ALLOC] = "alloc", [DM_HANDLE] = "handle",
	[DM_DEVICE] = "device", [DM_STREAMING] = "streaming", [DM_SKB] = "skb",
	[DM_STACK] = "stack", [DM_KMALLOC] = "kmalloc", [DM_USER] = "user",
	[DM_BUS_TO_VIRT] = "bus_to_virt", [DM_MIXED] = "mixed",
};

const char *dm_kind_name(enum dm_kind kind)
{
	return kind < DM_NR_KINDS ? kind_names[kind] : "unknown";
}

struct model *model_new(const char *unit)
{
	struct model *m = calloc(1, sizeof(*m));

	if (!m)
		die("model: out of memory");
	m->unit = m_strdup(unit);
	return m;
}

const char *model_unit(const struct model *m)
{
	return m->unit;
}

void model_add_file(struct model *m, const char *file, struct symbol_list *list)
{
	struct file_rec *f = PUSH(m->files, m->nr_files, m->cap_files);
	struct symbol *sym;

	f->name = m_strdup(file);
	f->complete = true;
	m->cur_file = f->name;
	m->cur_complete = true;
	FOR_EACH_PTR(list, sym) {
		m_collect_symbol(m, sym);
	} END_FOR_EACH_PTR(sym);
	m_collect_pending(m);
	m->nr_pending = 0;
	m->cur_file = NULL;
}

void model_file_incomplete(struct model *m, const char *file)
{
	int i, k;

	for (i = 0; i < m->nr_files; i++)
		if (!strcmp(m->files[i].name, file))
			m->files[i].complete = false;
	for (i = 0; i < m->nr_funcs; i++)
		if (m->funcs[i]->file && !strcmp(m->funcs[i]->file, file))
			m->funcs[i]->complete = false;
	for (i = 0; i < m->nr_calls; i++)
		if (m->calls[i].in && !m->calls[i].in->complete)
			m->calls[i].complete = false;
	for (k = 0; k < m->nr_allocs; k++) {
		struct func *f = m_func_named(m, m->allocs[k]->fn ? m->allocs[k]->fn->ident : NULL);

		if (f && !f->complete)
			m->allocs[k]->complete = false;
	}
}

void model_free(struct model *m)
{
	int i;

	if (!m)
		return;
	for (i = 0; i < m->loc_hash_size; i++) {
		struct loc *l = m->locs[i], *next;

		for (; l; l = next) {
			next = l->hnext;
			vset_free(&l->set);
			vset_free(&l->pre);
			free(l);
		}
	}
	for (i = 0; i < m->nr_allocs; i++) {
		vset_free(&m->alloc_devs[i]);
		free(m->allocs[i]);
	}
	for (i = 0; i < m->nr_funcs; i++) {
		free(m->funcs[i]->locals);
		free(m->funcs[i]);
	}
	free(m->alloc_devs);
	free(m->locs);
	free(m->allocs);
	free(m->origins);
	free(m->funcs);
	free(m->func_by_name);
	free(m->func_by_sym);
	free(m->calls);
	free(m->edges);
	free(m->maps);
	free(m->trans);
	free(m->typings);
	free(m->indirects);
	free(m->muses);
	free(m->alloc_exprs);
	free(m->pending);
	free(m->files);
	free(m);
}

int model_nr_allocs(const struct model *m)
{
	return m->nr_allocs;
}

struct dm_alloc *model_alloc(const struct model *m, int i)
{
	return i >= 0 && i < m->nr_allocs ? m->allocs[i] : NULL;
}

/* ---- one answer from a value set ---- */

static struct dm_target answer(struct model *m, const struct vset *s)
{
	struct dm_target t = { DM_UNKNOWN };
	int i;

	for (i = 0; i < s->n; i++) {
		const struct val *v = &s->v[i];
		struct dm_target one = { v->kind };

		if (v->kind == DM_ALLOC || v->kind == DM_HANDLE) {
			one.alloc = m->allocs[v->obj];
			one.off.kind = v->offk == OFFK_CONST ? OFF_CONST : OFF_UNKNOWN;
			one.off.value = v->off;
		} else {
			struct origin *o = &m->origins[v->obj];

			one.where = o->pos;
			one.what = o->what;
			if ((o->kind == DM_KMALLOC || o->kind == DM_STACK) && o->mapped) {
				one.kind = DM_STREAMING;
				one.handle_loc = o->hloc ? &o->hloc->pub : NULL;
				one.where = o->map_pos;
			}
		}
		if (t.kind == DM_UNKNOWN) {
			t = one;
			continue;
		}
		/* a handle and its buffer's pointer in one set: the pointer wins */
		if (t.kind == one.kind && t.alloc == one.alloc) {
			if (one.off.kind != OFF_CONST || one.off.value != t.off.value)
				t.off.kind = OFF_UNKNOWN;
			continue;
		}
		if (t.kind == DM_DEVICE && one.kind == DM_DEVICE)
			continue;
		/* two calls that make one buffer (53c700: coherent or not) */
		if (t.kind == one.kind && t.alloc && one.alloc &&
		    t.alloc->cpu_loc == one.alloc->cpu_loc &&
		    t.alloc->handle_loc == one.alloc->handle_loc && t.alloc->handle_loc) {
			if (one.off.kind != OFF_CONST || one.off.value != t.off.value)
				t.off.kind = OFF_UNKNOWN;
			continue;
		}
		t.kind = DM_MIXED;
	}
	return t;
}

/*
 * Where a pointer comes from, to match a mapping's pointer: the location
 * it is read from ("cmd->sense"), or the location it is the address of
 * (an array member, "SCp->cmnd").
 */
static struct loc *ptr_key(struct model *m, struct func *fn, struct expression *e, bool *addr)
{
	struct expression *s = m_strip_casts(e);
	struct loc *l = NULL;

	*addr = false;
	m->cur_fn = fn;
	if (s && s->type == EXPR_PREOP && s->op == '*') {
		l = m_addr_loc(m, s->unop);
	} else if (s && s->type == EXPR_BINOP) {
		l = m_addr_loc(m, s);
		*addr = true;
	}
	m->cur_fn = NULL;
	if (l && (l->pub.kind == LOC_PARAM || l->pub.kind == LOC_LOCAL))
		return NULL;
	return l;
}

/* A mapping whose pointer comes from the same place as @e. */
struct mapping *m_mapping_of(struct model *m, struct func *fn, struct expression *e)
{
	bool addr, maddr;
	struct loc *l = ptr_key(m, fn, e, &addr);
	int i;

	for (i = 0; l && i < m->nr_maps; i++)
		if (ptr_key(m, m->maps[i].fn, m->maps[i].ptr, &maddr) == l && addr == maddr)
			return &m->maps[i];
	return NULL;
}

struct dm_target m_classify(struct model *m, struct func *fn, struct expression *e)
{
	struct vset tmp = { 0 };
	struct dm_target t;
	struct mapping *mp;

	m_eval(m, fn, e, &tmp);
	t = answer(m, &tmp);
	vset_free(&tmp);
	if (t.kind == DM_UNKNOWN || t.kind == DM_KMALLOC) {
		mp = m_mapping_of(m, fn, e);
		if (mp) {
			t.kind = DM_STREAMING;
			t.alloc = NULL;
			t.handle_loc = mp->hloc ? &mp->hloc->pub : NULL;
			t.where = mp->pos;
			t.what = mp->what;
		}
	}
	return t;
}

struct dm_target model_expr(struct model *m, struct symbol *fn, struct expression *e)
{
	return m_classify(m, m_func_named(m, fn ? fn->ident : NULL), e);
}

static struct dm_target of_loc(struct model *m, struct loc *l)
{
	struct dm_target none = { DM_UNKNOWN };

	return l ? answer(m, &l->set) : none;
}

struct dm_target model_field(struct model *m, struct symbol *st, unsigned long offset)
{
	struct symbol *inner;
	unsigned long off;

	if (!m_member_at(st, offset, &inner, &off))
		return of_loc(m, NULL);
	return of_loc(m, loc_get(m, LOC_FIELD, m_struct_key(inner), off, false));
}

struct dm_target model_global(struct model *m, struct symbol *sym)
{
	return of_loc(m, loc_get(m, LOC_GLOBAL, sym, 0, false));
}

struct dm_target model_param(struct model *m, struct symbol *fn, int index)
{
	return of_loc(m, fn ? loc_get(m, LOC_PARAM, fn->ident, index, false) : NULL);
}

struct dm_target model_call_result(struct model *m, struct symbol *fn)
{
	return of_loc(m, fn ? loc_get(m, LOC_RET, fn->ident, 0, false) : NULL);
}

struct dm_alloc *model_alloc_at(struct model *m, struct position pos)
{
	int i;

	for (i = 0; i < m->nr_allocs; i++) {
		struct position p = m->allocs[i]->pos;

		if (p.stream == pos.stream && p.line == pos.line && p.pos == pos.pos)
			return m->allocs[i];
	}
	return NULL;
}

bool model_call_position(struct model *m, struct expression *call, struct dm_pos *out)
{
	int i;

	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];

		if (c->expr != call)
			continue;
		out->file = m_file_of(c->name_pos);
		out->line = c->name_pos.line;
		out->column = m_byte_column(c->name_pos.stream, c->name_pos.line,
					    c->name_pos.pos);
		out->macro = c->macro;
		out->use = c->use_pos;
		return true;
	}
	return false;
}

int model_calls(struct model *m, const char *name, struct dm_call **out)
{
	struct ident *id = name ? built_in_ident(name) : NULL;
	int i, n = 0, k;

	*out = calloc(m->nr_calls + 1, sizeof(**out));
	if (!*out)
		die("model: out of memory");
	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		struct dm_call *d;

		if (id ? c->name != id : !c->api)
			continue;
		d = &(*out)[n++];
		d->expr = c->expr;
		d->fn = c->in ? c->in->sym : NULL;
		d->name = c->name ? m_id(c->name) : "?";
		d->nargs = c->nargs;
		for (k = 0; k < c->nargs && k < 8; k++)
			d->args[k] = c->args[k];
		d->file = c->file;
		d->complete = c->complete;
	}
	return n;
}
