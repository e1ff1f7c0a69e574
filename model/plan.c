// SPDX-License-Identifier: GPL-2.0
/*
 * The planner (docs/design/driver-model.md, section 3): every legacy
 * site of the unit, in source order, with its rewrite.  Syncs are
 * decided in plan_sync.c and folded per #define in plan_macro.c; here
 * are the allocations, frees and map attributes, the generated handle
 * helpers.  A coherent includer's no-op cache macros (sni_82596.c's,
 * next to lasi_82596.c's that sync) are no sites: they name no removed
 * API and stay as they are, correct code (docs/model.md).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "plan_int.h"

static const char *const action_names[] = {
	[ACT_SYNC] = "sync", [ACT_LEAVE] = "leave",
	[ACT_ALLOC] = "alloc", [ACT_FREE] = "free", [ACT_DROP_ATTR] = "drop-attr",
};

const char *plan_action_name(enum plan_action a)
{
	return action_names[a];
}

static bool has_attr(struct call *c)
{
	long long v;
	int i = c->api->attrs;

	if (i < 0 || i >= c->nargs)
		return false;
	if (m_const_value(c->args[i], &v))
		return v & ATTR_NON_CONSISTENT;
	return c->argtext[i] && strstr(c->argtext[i], "DMA_ATTR_NON_CONSISTENT");
}

static bool is_null(const char *s)
{
	return !s || !strcmp(s, "NULL") || !strcmp(s, "0");
}

/* allocations and frees: the allocation decides coherent or not */
static void plan_alloc_free(struct planner *pl, struct call *c, struct decision *d)
{
	struct model *m = pl->m;
	struct dm_alloc *a = NULL;
	bool alloc = c->api->effect == MX_ALLOC;

	if (alloc) {
		a = m_alloc_of_call(m, c->expr);
	} else if (c->api->buf >= 0 && c->api->buf < c->nargs) {
		struct dm_target t = m_classify(m, c->in, c->args[c->api->buf]);

		a = t.kind == DM_ALLOC ? m_alloc_for(m, t.alloc, c->in) : NULL;
	}
	d->site.alloc = a;
	d->site.action = alloc ? ACT_ALLOC : ACT_FREE;
	d->site.dev = c->argtext[0];
	if (!a) {
		plan_leave(d, "unknown", m_printf("%s frees %s, which is no allocation the model found",
						  m_id(c->name), c->argtext[c->api->buf]));
		return;
	}
	if (a->nr_syncs) {
		d->site.fn = alloc ? "dma_alloc_noncoherent" : "dma_free_noncoherent";
		d->site.dir = plan_dir(pl, a);
		if (alloc && !strncmp(m_id(c->name), "dmam_", 5))
			d->site.doubt = "the allocation was device-managed and there is no managed dma_alloc_noncoherent(): free it with dma_free_noncoherent() on the driver's remove path";
	} else {
		bool managed = !strncmp(m_id(c->name), "dmam_", 5);

		d->site.fn = alloc ? (managed ? "dmam_alloc_coherent" : "dma_alloc_coherent") :
			     (managed ? "dmam_free_coherent" : "dma_free_coherent");
	}
	if (is_null(d->site.dev)) {
		struct dm_holder h;
		const char *dev = c->in ? m_device_in(m, c->in, model_holder(m, a, c->in->sym, &h) ?
						      &h : NULL) : NULL;

		if (dev) {
			d->site.dev = dev;
			d->site.doubt = m_printf("the call passed a NULL device: %s is the device this function has; check that it is the one that does the DMA",
						 dev);
		} else {
			d->site.doubt = "the device is NULL and no struct device is reachable here: pass the real device";
		}
	}
}

static struct decision *new_decision(struct planner *pl, struct call *c)
{
	struct decision *d = PUSH(pl->d, pl->nr_d, pl->cap_d);
	struct dm_pos *pos = &d->site.pos;

	d->call = c;
	pos->file = m_file_of(c->name_pos);
	pos->line = c->name_pos.line;
	pos->column = m_byte_column(c->name_pos.stream, c->name_pos.line, c->name_pos.pos);
	pos->macro = c->macro;
	pos->use = c->use_pos;
	d->site.call = c->written ? c->written : m_id(c->name);
	d->site.function = c->in ? m_id(c->in->name) : NULL;
	d->site.complete = c->complete;
	d->site.uses = 1;
	return d;
}

static void plan_call(struct planner *pl, struct call *c)
{
	const struct m_api *api = c->api;
	struct decision *d;

	switch (api->effect) {
	case MX_CACHE_SYNC:
		plan_sync(pl, c, new_decision(pl, c));
		return;
	case MX_ALLOC:
	case MX_FREE:
		if (!api->cpu || !(api->old || has_attr(c)))
			return;
		plan_alloc_free(pl, c, new_decision(pl, c));
		return;
	case MX_MAP:
	case MX_UNMAP:
		if (!has_attr(c))
			return;
		d = new_decision(pl, c);
		d->site.action = ACT_DROP_ATTR;
		return;
	default:
		return;
	}
}

/* ---- generated helpers ---- */

struct plan_helper *plan_helper_for(struct planner *pl, struct dm_alloc *a,
				    const struct dm_holder *h)
{
	struct plan *p = pl->p;
	const char *name = model_helper_name(pl->m, a);
	const char *hp, *cp, *type;
	struct plan_helper *ph;
	int i;

	for (i = 0; i < p->nr_helpers; i++)
		if (!strcmp(p->helpers[i].name, name))
			return &p->helpers[i];
	/* two members lead there (hal2's dac and adc): which one is the pointer's? */
	if (!h->type || !a->handle_loc || !a->cpu_loc || h->ambiguous)
		return NULL;
	hp = m_member_path(h->type, a->handle_loc->type, a->handle_loc->offset, 3);
	cp = m_member_path(h->type, a->cpu_loc->type, a->cpu_loc->offset, 3);
	if (!hp || !cp)
		return NULL;
	type = m_type_text(h->type);
	p->helpers = realloc(p->helpers, (p->nr_helpers + 1) * sizeof(*p->helpers));
	if (!p->helpers)
		die("model: out of memory");
	ph = &p->helpers[p->nr_helpers++];
	ph->name = name;
	ph->file = m_file_of(h->type->pos);
	ph->after = type;
	ph->text = m_printf("static inline dma_addr_t %s(%s *h, void *p)\n{\n"
			    "\treturn h->%s + ((char *)p - (char *)h->%s);\n}\n",
			    name, type, hp, cp);
	return ph;
}

static int by_position(const void *x, const void *y)
{
	const struct plan_site *a = x, *b = y;
	int c = strcmp(a->pos.file ? a->pos.file : "", b->pos.file ? b->pos.file : "");

	if (c)
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line - b->pos.line;
	return a->pos.column - b->pos.column;
}

/*
 * A site of a file parsed twice (a .c file two includers share) comes
 * twice: one site, with the uses of both, when they agree.
 */
static int merge_reparsed(struct plan_site *s, int n)
{
	int i, out = 0;

	for (i = 0; i < n; i++) {
		struct plan_site *prev = out ? &s[out - 1] : NULL;

		if (prev && !by_position(prev, &s[i]) && prev->action == s[i].action &&
		    !strcmp(prev->call, s[i].call) &&
		    (!prev->fn || !s[i].fn || !strcmp(prev->fn, s[i].fn))) {
			prev->uses += s[i].uses;
			continue;
		}
		s[out++] = s[i];
	}
	return out;
}

static bool same_decl(const struct plan_decl *a, const struct plan_decl *b)
{
	return !strcmp(a->type, b->type) && !strcmp(a->init, b->init);
}

/*
 * The declarations the patch adds at the top of a function: a name the
 * function already has, or one two sites of the function would declare
 * differently, cannot be added; those sites are left.
 */
static void check_decls(struct planner *pl)
{
	int i, k;

	for (i = 0; i < pl->nr_d; i++) {
		struct decision *d = &pl->d[i];
		struct func *f = d->call ? d->call->in : NULL;
		struct symbol *fn = f ? m_base(f->sym) : NULL, *arg;
		const char *name;
		bool taken = false;

		if (!d->site.uses || d->site.action != ACT_SYNC || !d->site.nr_decls || !fn)
			continue;
		name = d->site.decls[0].name;
		FOR_EACH_PTR(fn->arguments, arg) {
			if (arg->ident && !strcmp(m_id(arg->ident), name))
				taken = true;
		} END_FOR_EACH_PTR(arg);
		for (k = 0; k < f->nr_locals; k++)
			if (!strcmp(m_id(f->locals[k]->ident), name))
				taken = true;
		for (k = 0; k < i && !taken; k++) {
			struct decision *o = &pl->d[k];

			if (o->site.uses && o->site.action == ACT_SYNC && o->site.nr_decls &&
			    o->call && o->call->in == f && !strcmp(o->site.decls[0].name, name) &&
			    !same_decl(&o->site.decls[0], &d->site.decls[0]))
				taken = true;
		}
		if (taken)
			plan_leave(d, "unknown", m_printf("the holder needs a local '%s %s = %s;' in %s, and %s already names something else there",
							  d->site.decls[0].type, name, d->site.decls[0].init,
							  m_id(f->name), name));
	}
}

struct plan *plan_unit(struct model *m, const struct plan_opts *opts)
{
	struct planner pl = { m, opts };
	struct plan *p = calloc(1, sizeof(*p));
	int i;

	if (!p)
		die("model: out of memory");
	model_solve(m);
	p->model = m;
	p->narrow = opts && opts->narrow;
	pl.p = p;
	for (i = 0; i < m->nr_calls; i++)
		if (m->calls[i].api)
			plan_call(&pl, &m->calls[i]);
	plan_merge_macros(&pl);
	check_decls(&pl);
	p->sites = calloc(pl.nr_d + 1, sizeof(*p->sites));
	if (!p->sites)
		die("model: out of memory");
	for (i = 0; i < pl.nr_d; i++) {
		struct decision *d = &pl.d[i];

		if (!d->site.uses)
			continue;
		if (d->needs_helper && d->site.action == ACT_SYNC &&
		    !plan_helper_for(&pl, d->site.alloc, &d->holder))
			plan_leave(d, "unknown", m_printf("%s needs a generated handle helper, and the holder's struct does not hold both the address and the handle",
							  d->ptext));
		p->sites[p->nr_sites++] = d->site;
	}
	qsort(p->sites, p->nr_sites, sizeof(*p->sites), by_position);
	p->nr_sites = merge_reparsed(p->sites, p->nr_sites);
	free(pl.d);
	return p;
}

void plan_free(struct plan *p)
{
	if (!p)
		return;
	free(p->sites);
	free(p->helpers);
	free(p->macros);
	free(p);
}
