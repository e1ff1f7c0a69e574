// SPDX-License-Identifier: GPL-2.0
/*
 * The planner's decision for one dma_cache_sync(dev, p, size, dir):
 * which buffer p is, whether it may be synced on a handle at all, and
 * if so the new call, its device, handle and direction as text.
 */
#include <ctype.h>
#include <string.h>

#include "plan_int.h"

void plan_leave(struct decision *d, const char *category, const char *why)
{
	d->site.action = ACT_LEAVE;
	d->site.category = category;
	d->site.why = why;
	d->site.fn = NULL;
}

/* What to do about memory that is not a DMA allocation (section 3). */
static const struct {
	enum dm_kind kind;
	const char *category, *advice;
} advice[] = {
	{ DM_SKB, "skb", "it is skb data: map the packet with dma_map_single() and sync that mapping" },
	{ DM_STACK, "stack", "it is on the stack, which cannot be DMA memory: allocate it and map it" },
	{ DM_KMALLOC, "kmalloc", "it is kmalloc() memory never mapped for DMA: map it with dma_map_single(), or allocate it with dma_alloc_noncoherent()" },
	{ DM_USER, "user", "it is a user pointer: the driver needs a redesign (pin and map the pages, or a bounce buffer)" },
	{ DM_BUS_TO_VIRT, "bus_to_virt", "it comes from bus_to_virt()/phys_to_virt(): allocate the buffer with dma_alloc_noncoherent() and sync on its handle" },
	{ DM_STREAMING, "streaming", "it is mapped with dma_map_single(): sync that mapping's handle" },
	{ DM_UNKNOWN, "unknown", "it points into no DMA allocation the model can find: convert it by hand" },
};

static const char *advice_for(enum dm_kind k, const char **category)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(advice); i++)
		if (advice[i].kind == k) {
			*category = advice[i].category;
			return advice[i].advice;
		}
	*category = "unknown";
	return advice[ARRAY_SIZE(advice) - 1].advice;
}

static const char *where(struct position pos)
{
	const char *f = m_file_of(pos), *s = f ? strrchr(f, '/') : NULL;

	return m_printf("%s:%d", s ? s + 1 : f, pos.line);
}

const char *plan_dir(struct planner *pl, struct dm_alloc *a)
{
	return plan_alloc_dir(pl->p, a);
}

const char *plan_alloc_dir(const struct plan *p, const struct dm_alloc *a)
{
	unsigned int d = a->dirs;

	if (p->narrow && !(d & (DIR_BIT_BIDI | DIR_BIT_UNKNOWN))) {
		if (d == DIR_BIT_TO_DEVICE)
			return "DMA_TO_DEVICE";
		if (d == DIR_BIT_FROM_DEVICE)
			return "DMA_FROM_DEVICE";
	}
	return "DMA_BIDIRECTIONAL";
}

static bool is_null(const char *s)
{
	return !s || !strcmp(s, "NULL") || !strcmp(s, "0") || !strcmp(s, "(void *)0");
}

static const char *position_fn(struct decision *d, int pos)
{
	switch (pos) {
	case POS_CPU:
		return "dma_sync_single_for_cpu";
	case POS_DEVICE:
		return "dma_sync_single_for_device";
	case POS_NONE:
		d->site.doubt = "nothing after the site shows whether the device or the CPU uses the buffer next; converted as _for_device, what dma_cache_sync() did on MIPS: check it";
		return "dma_sync_single_for_device";
	default:
		return NULL;
	}
}

/*
 * p is a helper's parameter that callers fill with different kinds of
 * memory (53c700's sense buffer beside its script block): say which.
 */
static void mixed_callers(struct planner *pl, struct decision *d, struct func *fn, int param)
{
	struct model *m = pl->m;
	char why[1024] = "";
	const char *category = "unknown", *cat;
	struct dm_target block = { DM_UNKNOWN };
	int i, other = 0;

	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		struct dm_target t;

		if (c->name != fn->name || param >= c->nargs || !c->in)
			continue;
		t = m_classify(m, c->in, c->args[param]);
		if (t.kind == DM_ALLOC) {
			block = t;
			continue;
		}
		if (other++ < 3) {
			size_t len = strlen(why);

			advice_for(t.kind, &cat);
			if (category[0] == 'u')
				category = cat;
			snprintf(why + len, sizeof(why) - len, "%s%s at %s is %s memory%s%s",
				 len ? "; " : "", m_text(m, c->args[param]), where(c->expr->pos),
				 cat, t.kind == DM_STREAMING ? " mapped at " : "",
				 t.kind == DM_STREAMING ? where(t.where) : "");
		}
	}
	plan_leave(d, category, m_printf("%s's callers pass it memory of different kinds (%s%s%s); a sync on %s's handle would be wrong for them: sync each mapping on its own handle",
					 m_id(fn->name), why,
					 block.alloc ? " besides pointers into " : "",
					 block.alloc && block.alloc->cpu ? block.alloc->cpu : "",
					 block.alloc && block.alloc->cpu ? block.alloc->cpu : "the block"));
}

/* Does every call of @fn pass, as parameter @param, a pointer into @a? */
static bool callers_agree(struct model *m, struct func *fn, int param, struct dm_alloc *a)
{
	int i;

	if (!a)
		return false;
	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		struct dm_target t;

		if (c->name != fn->name || param >= c->nargs || !c->in)
			continue;
		t = m_classify(m, c->in, c->args[param]);
		if (t.kind != DM_ALLOC || t.alloc != a)
			return false;
	}
	return true;
}

/*
 * A DMA_TO_DEVICE sync says the CPU wrote the data and the device reads
 * it: a CPU read after it reads the CPU's own data (lib82596's
 * rfd->v_prev after DMA_WBACK(rfd)), never device-written data, so it
 * is no sign of _for_cpu.
 */
static bool to_device(struct call *c)
{
	int i = c->api->dir;
	long long v;

	if (i < 0 || i >= c->nargs)
		return false;
	if (m_const_value(c->args[i], &v))
		return v == 1;		/* DMA_TO_DEVICE */
	return c->argtext[i] && !strcmp(c->argtext[i], "DMA_TO_DEVICE");
}

static void streaming(struct planner *pl, struct call *c, struct decision *d,
		      struct dm_target *t)
{
	struct mapping *mp = m_mapping_of(pl->m, c->in, c->args[c->api->buf]);
	/* mapped in this function: the handle as that assignment writes it */
	const char *h = mp && mp->fn == c->in && mp->lhs ? m_text(pl->m, mp->lhs) :
			t->handle_loc ? m_reach(pl->m, c->in, t->handle_loc) : NULL;
	const char *cat, *adv = advice_for(DM_STREAMING, &cat);
	struct pos_query q = { .alloc = -1 };
	int pos;

	if (!h) {
		plan_leave(d, "streaming",
			   m_printf("%s is mapped with dma_map_single() (%s) and its handle is not reachable here; %s",
				    d->ptext, where(t->where), adv));
		return;
	}
	q.ptr = c->args[c->api->buf];
	q.ignore_reads = to_device(c);
	pos = m_position(pl->m, c->in, c->expr, &q, 3);
	d->pos_level = q.level;
	if (pos == POS_NONE && q.ignore_reads)
		pos = POS_DEVICE;
	d->site.fn = position_fn(d, pos);
	if (!d->site.fn) {
		plan_leave(d, "position", "the uses of this site disagree on whether the device or the CPU is next");
		return;
	}
	d->site.action = ACT_SYNC;
	d->site.handle = h;
	d->site.dev = c->argtext[0];
	d->site.dir = c->api->dir >= 0 ? c->argtext[c->api->dir] : "DMA_BIDIRECTIONAL";
}

void plan_sync(struct planner *pl, struct call *c, struct decision *d)
{
	struct model *m = pl->m;
	struct pos_query q = { 0 };
	int buf = c->api->buf, param, pos;
	struct dm_target t;
	struct dm_alloc *a;
	const char *cat, *adv, *h;

	d->ptext = c->argtext[buf] ? c->argtext[buf] : m_text(m, c->args[buf]);
	t = m_classify(m, c->in, c->args[buf]);
	param = c->in ? m_param_index(m, c->in, c->args[buf]) : -1;
	if (param >= 0 && (t.kind == DM_MIXED || t.kind == DM_ALLOC) &&
	    !callers_agree(m, c->in, param, t.alloc)) {
		mixed_callers(pl, d, c->in, param);
		return;
	}
	if (t.kind == DM_STREAMING) {
		streaming(pl, c, d, &t);
		return;
	}
	if (t.kind != DM_ALLOC) {
		adv = advice_for(t.kind == DM_MIXED ? DM_UNKNOWN : t.kind, &cat);
		plan_leave(d, cat, m_printf("%s: %s", d->ptext, adv));
		return;
	}
	a = m_alloc_for(m, t.alloc, c->in);
	d->site.alloc = a;
	if (!model_holder(m, a, c->in->sym, &d->holder)) {
		plan_leave(d, "unknown", m_printf("%s points into %s (%s) but nothing in %s reaches its handle %s",
						  d->ptext, a->cpu ? a->cpu : a->call, where(a->pos),
						  m_id(c->in->name),
						  a->handle_loc ? dm_loc_name(a->handle_loc) : "(none)"));
		return;
	}
	/* in a macro body the holder must come from the macro's parameters: plan_macro.c */
	h = c->macro ? NULL : m_handle_for(m, c->in, c->args[buf], d->ptext, a, &d->holder);
	if (!h && c->macro && a->translator && d->holder.expr)
		h = m_handle_for(m, c->in, NULL, d->ptext, a, &d->holder);
	if (!h) {
		if (!d->holder.expr || !d->holder.cpu) {
			plan_leave(d, "unknown", m_printf("%s points into %s at an offset only a helper can give, and no struct reached here holds both its address and its handle",
							  d->ptext, a->cpu ? a->cpu : a->call));
			return;
		}
		d->needs_helper = true;
		h = m_printf("%s(%s, %s)", model_helper_name(m, a), d->holder.expr, d->ptext);
	}
	d->site.handle = h;
	q.ptr = c->args[buf];
	q.size = c->api->size >= 0 && c->api->size < c->nargs ? c->args[c->api->size] : NULL;
	q.alloc = a->id - 1;
	q.ignore_reads = to_device(c);
	pos = m_position(m, c->in, c->expr, &q, 3);
	d->pos_level = q.level;
	/* a DMA_TO_DEVICE sync hands the buffer to the device wherever it is */
	if (pos == POS_NONE && q.ignore_reads)
		pos = POS_DEVICE;
	d->site.fn = position_fn(d, pos);
	if (!d->site.fn) {
		plan_leave(d, "position", m_printf("the callers of %s disagree on whether the device or the CPU uses %s next",
						   m_id(c->in->name), d->ptext));
		return;
	}
	d->site.action = ACT_SYNC;
	d->site.dev = c->argtext[0];
	if (is_null(d->site.dev)) {
		d->site.dev = m_device_in(m, c->in, &d->holder);
		if (!d->site.dev) {
			plan_leave(d, "unknown", m_printf("the device is NULL and no struct device is reachable from %s",
							  m_id(c->in->name)));
			return;
		}
	}
	d->site.dir = plan_dir(pl, a);
	if (d->holder.decl.name) {
		d->site.decls[0].type = d->holder.decl.type;
		d->site.decls[0].name = d->holder.decl.name;
		d->site.decls[0].init = d->holder.decl.init;
		d->site.nr_decls = 1;
	}
}
