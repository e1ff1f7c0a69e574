// SPDX-License-Identifier: GPL-2.0
/*
 * The model as text (dmamodel --dump, the tests): allocations, every
 * location with what it may hold, every DMA API call's buffer, the
 * callers of the driver's own sync helpers, the translation helpers.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void dump_set(struct model *m, FILE *out, const struct vset *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		const struct val *v = &s->v[i];

		fputs(i ? ", " : "", out);
		if (v->kind == DM_ALLOC || v->kind == DM_HANDLE) {
			fprintf(out, "%s#%d", dm_kind_name(v->kind), v->obj + 1);
			if (v->offk == OFFK_CONST)
				fprintf(out, "+%ld", v->off);
			else
				fputs("+?", out);
		} else {
			fprintf(out, "%s(%s)", dm_kind_name(v->kind), m->origins[v->obj].what);
		}
	}
}

/* Does a sync inside @f take its buffer from parameter @k? (by name, as written) */
static bool syncs_param(struct model *m, struct func *f, int k)
{
	struct symbol *fn = m_base(f->sym), *arg;
	const char *name = NULL;
	int i = 0;

	FOR_EACH_PTR(fn->arguments, arg) {
		if (i++ == k && arg->ident)
			name = m_id(arg->ident);
	} END_FOR_EACH_PTR(arg);
	if (!name)
		return false;
	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		enum m_effect fx = c->api ? c->api->effect : MX_NONE;
		const char *t, *s;
		size_t n = strlen(name);

		if (c->in != f || (fx != MX_TO_CPU && fx != MX_TO_DEVICE && fx != MX_CACHE_SYNC))
			continue;
		t = c->argtext[c->api->buf];
		for (s = t; s && (s = strstr(s, name)); s += n)
			if ((s == t || !(isalnum((unsigned char)s[-1]) || s[-1] == '_')) &&
			    !(isalnum((unsigned char)s[n]) || s[n] == '_'))
				return true;
	}
	return false;
}

static const char *next_name(int pos)
{
	static const char *const names[] = {
		[POS_NONE] = "none", [POS_CPU] = "cpu", [POS_DEVICE] = "device",
		[POS_MIXED] = "mixed",
	};

	return names[pos];
}

/*
 * The callers of the driver's own sync helpers, per pointer they pass,
 * with what follows each call in its function (next=cpu, device, none).
 */
static void dump_wrappers(struct model *m, FILE *out)
{
	int i, k;

	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		struct func *f = c->name && !c->api ? m_func_named(m, c->name) : NULL;

		for (k = 0; f && k < c->nargs && k < f->nr_params && k < MAX_ARGS; k++) {
			struct dm_target t;

			if (!m_is_ptr(c->args[k]->ctype) || m_is_struct(m_pointee(c->args[k]->ctype)) ||
			    !syncs_param(m, f, k))
				continue;
			t = m_classify(m, c->in, c->args[k]);
			fprintf(out, "wrapper %s %s:%d in %s: arg%d %s -> %s", m_id(c->name),
				m_file_of(c->expr->pos), c->expr->pos.line,
				c->in ? m_id(c->in->name) : "?", k, m_text(m, c->args[k]),
				dm_kind_name(t.kind));
			if (t.alloc)
				fprintf(out, " #%d", t.alloc->id);
			if (t.what)
				fprintf(out, " (%s)", t.what);
			if (t.kind == DM_ALLOC && t.alloc)
				fprintf(out, " next=%s", next_name(m_position(m, c->in, c->expr,
				       &(struct pos_query){ c->args[k], NULL, t.alloc->id - 1 }, 0)));
			fputc('\n', out);
		}
	}
}

static int by_name(const void *a, const void *b)
{
	const struct loc *x = *(const struct loc **)a, *y = *(const struct loc **)b;

	return strcmp(dm_loc_name(&x->pub), dm_loc_name(&y->pub));
}

static const char *dirs_text(unsigned int d)
{
	static char buf[96];

	buf[0] = '\0';
	if (d & DIR_BIT_BIDI)
		strcat(buf, " DMA_BIDIRECTIONAL");
	if (d & DIR_BIT_TO_DEVICE)
		strcat(buf, " DMA_TO_DEVICE");
	if (d & DIR_BIT_FROM_DEVICE)
		strcat(buf, " DMA_FROM_DEVICE");
	if (d & DIR_BIT_UNKNOWN)
		strcat(buf, " ?");
	return buf[0] ? buf + 1 : "-";
}

void model_dump(struct model *m, FILE *out)
{
	struct loc **all;
	int i, h, n = 0;

	fprintf(out, "unit %s\n", m->unit);
	for (i = 0; i < m->nr_allocs; i++) {
		struct dm_alloc *a = m->allocs[i];

		fprintf(out, "alloc #%d %s:%d %s in %s%s: cpu=%s handle=%s dev=%s size=%s\n",
			a->id, m_file_of(a->pos), a->pos.line, a->call,
			a->fn && a->fn->ident ? m_id(a->fn->ident) : "?",
			a->legacy ? " (legacy)" : "", a->cpu ? a->cpu : "-",
			a->handle ? a->handle : "-", a->dev ? a->dev : "-", a->size ? a->size : "-");
		fprintf(out, "  cpu_loc=%s handle_loc=%s syncs=%d dirs=%s translator=%s\n",
			a->cpu_loc ? dm_loc_name(a->cpu_loc) : "-",
			a->handle_loc ? dm_loc_name(a->handle_loc) : "-", a->nr_syncs,
			dirs_text(a->dirs), a->translator ? a->translator : "-");
		fputs("  devices: ", out);
		dump_set(m, out, &m->alloc_devs[i]);
		fputc('\n', out);
	}
	all = calloc(m->nr_locs + 1, sizeof(*all));
	if (!all)
		die("model: out of memory");
	for (h = 0; h < m->loc_hash_size; h++) {
		struct loc *l;

		for (l = m->locs[h]; l; l = l->hnext)
			if (l->set.n)
				all[n++] = l;
	}
	qsort(all, n, sizeof(*all), by_name);
	for (i = 0; i < n; i++) {
		fprintf(out, "loc %s: ", dm_loc_name(&all[i]->pub));
		dump_set(m, out, &all[i]->set);
		fputc('\n', out);
	}
	free(all);
	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		struct dm_target t;
		int buf;

		if (!c->api || c->api->buf < 0 || c->api->buf >= c->nargs)
			continue;
		buf = c->api->buf;
		t = m_classify(m, c->in, c->args[buf]);
		fprintf(out, "call %s %s:%d%s%s in %s: arg%d %s -> %s", m_id(c->name),
			m_file_of(c->name_pos), c->name_pos.line, c->macro ? " in macro " : "",
			c->macro ? c->macro : "",
			c->in ? m_id(c->in->name) : "?", buf,
			c->argtext[buf] ? c->argtext[buf] : "?", dm_kind_name(t.kind));
		if (t.alloc)
			fprintf(out, " #%d", t.alloc->id);
		if (t.what)
			fprintf(out, " (%s)", t.what);
		fputc('\n', out);
	}
	dump_wrappers(m, out);
	for (i = 0; i < m->nr_trans; i++)
		fprintf(out, "translator %s%s for #%d (holder arg %d, pointer arg %d)\n",
			m->trans[i].name, m->trans[i].macro ? " (macro)" : "",
			m->trans[i].alloc + 1, m->trans[i].holder_arg, m->trans[i].ptr_arg);
}
