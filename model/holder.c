// SPDX-License-Identifier: GPL-2.0
/*
 * Reaching an allocation from a function: the expression of the struct
 * that holds its handle (a parameter, a local, or an accessor of a
 * parameter as a new typed local), the member path from there, a device
 * reachable from the same place, and the handle text for a pointer into
 * the allocation (docs/design/driver-model.md, section 3).
 */
#include <ctype.h>
#include <string.h>

#include "internal.h"

/*
 * The member path from a struct @from to the member at @off of struct
 * @type: "dac.buffer_dma", "rings->srings_dma".  Embedded structs first,
 * then pointers to structs, at most @depth hops.
 */
static bool path_to(struct symbol *from, struct ident *type, unsigned long off,
		    int depth, char *out, size_t size)
{
	struct symbol *mem, *inner;
	unsigned long inner_off;

	from = m_base(from);
	if (!from || (from->type != SYM_STRUCT && from->type != SYM_UNION))
		return false;
	if (m_struct_key(from) == type) {
		mem = m_member_at(from, off, &inner, &inner_off);
		if (!mem || !mem->ident || m_struct_key(inner) != type)
			return false;
		snprintf(out, size, "%s", m_id(mem->ident));
		return true;
	}
	if (depth <= 0)
		return false;
	FOR_EACH_PTR(from->symbol_list, mem) {
		char sub[512];

		if (!mem->ident)
			continue;
		if (m_is_struct(mem) && path_to(mem, type, off, depth - 1, sub, sizeof(sub))) {
			snprintf(out, size, "%s.%s", m_id(mem->ident), sub);
			return true;
		}
	} END_FOR_EACH_PTR(mem);
	FOR_EACH_PTR(from->symbol_list, mem) {
		char sub[512];

		if (!mem->ident || !m_is_ptr(mem) || !m_is_struct(m_pointee(mem)))
			continue;
		if (path_to(m_pointee(mem), type, off, depth - 1, sub, sizeof(sub))) {
			snprintf(out, size, "%s->%s", m_id(mem->ident), sub);
			return true;
		}
	} END_FOR_EACH_PTR(mem);
	return false;
}

/* How many member paths of exactly @depth hops lead from @from there. */
static int count_paths(struct symbol *from, struct ident *type, unsigned long off, int depth)
{
	struct symbol *mem, *inner;
	unsigned long inner_off;
	int n = 0;

	from = m_base(from);
	if (!from || (from->type != SYM_STRUCT && from->type != SYM_UNION))
		return 0;
	if (m_struct_key(from) == type)
		return depth == 0 && m_member_at(from, off, &inner, &inner_off) &&
		       m_struct_key(inner) == type;
	if (depth <= 0)
		return 0;
	FOR_EACH_PTR(from->symbol_list, mem) {
		if (!mem->ident)
			continue;
		if (m_is_struct(mem))
			n += count_paths(mem, type, off, depth - 1);
		else if (m_is_ptr(mem) && m_is_struct(m_pointee(mem)))
			n += count_paths(m_pointee(mem), type, off, depth - 1);
	} END_FOR_EACH_PTR(mem);
	return n;
}

static bool ambiguous_path(struct symbol *from, struct ident *type, unsigned long off)
{
	int d;

	for (d = 0; d <= 3; d++) {
		int n = count_paths(from, type, off, d);

		if (n)
			return n > 1;
	}
	return false;
}

const char *m_member_path(struct symbol *from, struct ident *type, unsigned long off,
			  int depth)
{
	char buf[1024];
	int d;

	for (d = 0; d <= depth; d++)
		if (path_to(from, type, off, d, buf, sizeof(buf)))
			return m_strdup(buf);
	return NULL;
}

/* "x->path" for a pointer, "x.path" for a struct variable */
static const char *through(const char *x, struct symbol *t, const char *path)
{
	return m_printf("%s%s%s", x, m_is_struct(t) ? "." : "->", path);
}

struct cand {
	const char *root;	/* the parameter or local it starts from */
	const char *text;	/* how the function names it */
	struct symbol *type;	/* a struct or a pointer to one */
	struct dm_decl decl;
};

/* An accessor of @arg, typed the way the driver types it elsewhere. */
static int accessor_of(struct model *m, struct symbol *arg, struct cand *c, int n, int max)
{
	struct ident *key = m_struct_key(m_pointee(arg));
	int k;

	if (!key || !arg->ident)
		return n;
	for (k = 0; k < m->nr_typings && n < max; k++) {
		struct typing *t = &m->typings[k];

		if (t->arg_type != key)
			continue;
		c[n].type = t->type;
		c[n].text = m_id(t->local);
		c[n].root = m_id(arg->ident);
		c[n].decl.type = m_printf("%s *", m_type_text(t->type));
		c[n].decl.name = m_id(t->local);
		c[n].decl.init = m_printf("%s(%s)", m_id(t->getter), m_id(arg->ident));
		n++;
	}
	return n;
}

/*
 * What a function can reach a holder from: its parameters, its locals,
 * and an accessor of a parameter (or, inside a macro, where it is
 * written as a cast and no declaration is added, of a local too:
 * i596_interrupt's "struct net_device *dev = dev_id;").
 */
static int candidates(struct model *m, struct func *f, struct cand *c, int max,
		      bool local_accessors)
{
	struct symbol *fn = m_base(f->sym), *arg;
	int n = 0, i;

	FOR_EACH_PTR(fn->arguments, arg) {
		if (n < max && arg->ident) {
			c[n].text = m_id(arg->ident);
			c[n].root = c[n].text;
			c[n].type = arg;
			memset(&c[n].decl, 0, sizeof(c[n].decl));
			n++;
		}
	} END_FOR_EACH_PTR(arg);
	for (i = 0; i < f->nr_locals && n < max; i++) {
		c[n].text = m_id(f->locals[i]->ident);
		c[n].root = c[n].text;
		c[n].type = f->locals[i];
		memset(&c[n].decl, 0, sizeof(c[n].decl));
		n++;
	}
	FOR_EACH_PTR(fn->arguments, arg) {
		n = accessor_of(m, arg, c, n, max);
	} END_FOR_EACH_PTR(arg);
	for (i = 0; local_accessors && i < f->nr_locals; i++)
		n = accessor_of(m, f->locals[i], c, n, max);
	return n;
}

static struct symbol *struct_of(struct symbol *t)
{
	if (m_is_struct(t))
		return m_base(t);
	if (m_is_ptr(t) && m_is_struct(m_pointee(t)))
		return m_base(m_pointee(t));
	return NULL;
}

/* A struct device * reachable from @c: a member of that type, or an embedded device. */
static const char *device_from(struct model *m, struct dm_alloc *a, struct cand *c)
{
	struct symbol *st = struct_of(c->type), *mem;
	struct vset *devs = &m->alloc_devs[a->id - 1];
	const char *any = NULL;

	if (!st)
		return NULL;
	FOR_EACH_PTR(st->symbol_list, mem) {
		struct loc *l;
		int i;

		if (!mem->ident)
			continue;
		if (m_is_device_ptr(mem)) {
			l = loc_get(m, LOC_FIELD, m_struct_key(st), mem->offset, false);
			for (i = 0; l && i < devs->n; i++)
				if (vset_has_kind(&l->set, DM_DEVICE) &&
				    l->set.v[0].obj == devs->v[i].obj)
					return through(c->text, c->type, m_id(mem->ident));
			if (!any)
				any = through(c->text, c->type, m_id(mem->ident));
		}
	} END_FOR_EACH_PTR(mem);
	if (any)
		return any;
	FOR_EACH_PTR(st->symbol_list, mem) {
		struct symbol *mt = m_base(mem);

		if (mem->ident && mt && mt->type == SYM_STRUCT && mt->ident &&
		    !strcmp(m_id(mt->ident), "device"))
			return m_printf("&%s", through(c->text, c->type, m_id(mem->ident)));
	} END_FOR_EACH_PTR(mem);
	return NULL;
}

static bool allowed(const char *root, const char *const *names, int nr)
{
	int i;

	if (nr < 0)
		return true;
	for (i = 0; i < nr; i++)
		if (names[i] && !strcmp(names[i], root))
			return true;
	return false;
}

/*
 * The candidate that reaches @loc in the fewest hops (slot->dma_handle
 * before hostdata->slots->dma_handle, codec->desc_dma before
 * hal2->dac.desc_dma), the first one of those; -1 if none does.
 */
static int nearest(struct cand *c, int n, const struct dm_loc *loc, const char *const *names,
		   int nr, bool no_decl)
{
	char buf[1024];
	int d, i;

	for (d = 0; d <= 3; d++)
		for (i = 0; i < n; i++) {
			struct symbol *st = struct_of(c[i].type);

			if (!st || !allowed(c[i].root, names, nr) || (no_decl && c[i].decl.name))
				continue;
			if (path_to(st, loc->type, loc->offset, d, buf, sizeof(buf)))
				return i;
		}
	return -1;
}

/*
 * The holder of @a's handle in @f, starting from one of @names (the
 * arguments a macro's use was given) or, with @nr < 0, from anything
 * the function has.
 */
bool m_holder_in(struct model *m, struct dm_alloc *a, struct func *f,
		 const char *const *names, int nr, struct dm_holder *out)
{
	const struct dm_loc *h = a->handle_loc, *cpu = a->cpu_loc;
	struct cand c[64];
	int n, i;

	memset(out, 0, sizeof(*out));
	if (!h || !f)
		return false;
	if (h->kind == LOC_GLOBAL) {
		out->handle = m_id(h->name);
		if (cpu && cpu->kind == LOC_GLOBAL)
			out->cpu = m_id(cpu->name);
		return true;
	}
	if (h->kind == LOC_LOCAL || h->kind == LOC_PARAM) {
		if (h->fn != f->name)
			return false;
		out->handle = m_id(h->name);
		return true;
	}
	if (h->kind != LOC_FIELD || h->offset == ~0UL)
		return false;
	n = candidates(m, f, c, 64, nr >= 0);
	i = nearest(c, n, h, names, nr, false);
	if (i >= 0) {
		struct symbol *st = struct_of(c[i].type);
		const char *path = m_member_path(st, h->type, h->offset, 3);

		out->expr = c[i].text;
		out->handle = through(c[i].text, c[i].type, path);
		if (cpu && cpu->kind == LOC_FIELD && cpu->offset != ~0UL) {
			const char *cp = m_member_path(st, cpu->type, cpu->offset, 3);

			if (cp)
				out->cpu = through(c[i].text, c[i].type, cp);
		}
		out->dev = device_from(m, a, &c[i]);
		out->decl = c[i].decl;
		out->type = st;
		out->ambiguous = ambiguous_path(st, h->type, h->offset);
		return true;
	}
	return false;
}

bool model_holder(struct model *m, struct dm_alloc *a, struct symbol *fn_sym,
		  struct dm_holder *out)
{
	struct func *f = fn_sym ? m_func_of(m, fn_sym) : NULL;

	return m_holder_in(m, a, f, NULL, -1, out);
}

/* "x" for a struct device *, "&x->dev" for a struct that embeds one */
static const char *device_of(struct symbol *var)
{
	struct symbol *st, *mem;

	if (!var->ident)
		return NULL;
	if (m_is_device_ptr(var))
		return m_id(var->ident);
	if (!m_is_ptr(var) || !m_is_struct(m_pointee(var)))
		return NULL;
	st = m_base(m_pointee(var));
	FOR_EACH_PTR(st->symbol_list, mem) {
		struct symbol *mt = m_base(mem);

		if (mem->ident && mt && mt->type == SYM_STRUCT && mt->ident &&
		    !strcmp(m_id(mt->ident), "device"))
			return m_printf("&%s->%s", m_id(var->ident), m_id(mem->ident));
	} END_FOR_EACH_PTR(mem);
	return NULL;
}

/*
 * A struct device a function has at hand, for a call that passed NULL
 * (au1000_eth): its holder's, else a parameter's (a struct device *, or
 * the one a platform or PCI device embeds: &pdev->dev), else a local's.
 */
const char *m_device_in(struct model *m, struct func *f, const struct dm_holder *h)
{
	struct symbol *fn = f ? m_base(f->sym) : NULL, *arg;
	const char *dev = NULL;
	int i;

	if (h && h->dev)
		return h->dev;
	if (!fn)
		return NULL;
	FOR_EACH_PTR(fn->arguments, arg) {
		if (!dev)
			dev = device_of(arg);
	} END_FOR_EACH_PTR(arg);
	for (i = 0; !dev && i < f->nr_locals; i++)
		dev = device_of(f->locals[i]);
	return dev;
}

/* ---- the handle text for a pointer into an allocation ---- */

struct split {
	long bytes;
	char terms[512];
	bool ok;
	struct expression *base;	/* what holds the pointer into the allocation */
};

static void add_term(struct split *s, const char *t)
{
	size_t len = strlen(s->terms);

	snprintf(s->terms + len, sizeof(s->terms) - len, " + %s", t);
}

static void split_ptr(struct model *m, struct func *f, struct expression *p,
		      struct dm_alloc *a, struct split *s, int depth);

/* The texts of what @e reads ("hal2->dac.buffer", "rec->hw_data", "rec"). */
static int reads_of(struct model *m, struct expression *e, const char **out, int n, int max)
{
	e = m_strip_casts(e);
	if (!e || n >= max)
		return n;
	switch (e->type) {
	case EXPR_PREOP:
		if (e->op == '*')
			out[n++] = m_text(m, e);
		return reads_of(m, e->unop, out, n, max);
	case EXPR_BINOP:
		n = reads_of(m, e->left, out, n, max);
		return reads_of(m, e->right, out, n, max);
	default:
		return n;
	}
}

/*
 * A local pointer defined once, by its declaration, and never assigned,
 * from what is never assigned in the function either ("unsigned char
 * *buf = hal2->dac.buffer + rec->hw_data;"): its definition, split
 * (unless the driver has a translator for the buffer: the driver's own
 * idiom reads better than a spelled-out offset).
 */
static bool split_definition(struct model *m, struct func *f, struct expression *e,
			     struct dm_alloc *a, struct split *s, int depth)
{
	struct symbol *sym;
	const char *reads[16];
	struct split t = *s;
	int n;

	if (a->translator || !f || !e || e->type != EXPR_PREOP || e->op != '*' || !e->unop ||
	    e->unop->type != EXPR_SYMBOL)
		return false;
	sym = e->unop->symbol;
	if (!sym || !sym->initializer || (sym->ctype.modifiers & MOD_STATIC) ||
	    sym->initializer->type == EXPR_INITIALIZER || !m_is_ptr(sym))
		return false;
	reads[0] = m_text(m, e);
	n = reads_of(m, sym->initializer, reads, 1, 16);
	if (n >= 16 || m_assigned_in(m, f, reads, n))
		return false;
	split_ptr(m, f, sym->initializer, a, &t, depth + 1);
	if (!t.ok)
		return false;
	*s = t;
	return true;
}

/*
 * @p as base + constant + terms, where the base holds a pointer into @a
 * at a known offset: "buf->buffer + off", "&ring[i]".
 */
static void split_ptr(struct model *m, struct func *f, struct expression *p,
		      struct dm_alloc *a, struct split *s, int depth)
{
	struct expression *e = m_strip_casts(p);
	struct vset tmp = { 0 };
	long long c;
	int i;

	if (!e || depth > 16) {
		s->ok = false;
		return;
	}
	if (e->type == EXPR_PREOP && e->op == '(') {
		split_ptr(m, f, e->unop, a, s, depth + 1);
		return;
	}
	if (e->type == EXPR_BINOP && (e->op == '+' || e->op == '-') && m_is_ptr(e->left->ctype) &&
	    !m_is_ptr(e->right->ctype) && !m_pos_is_macro(e->pos, NULL)) {
		struct symbol *elem = m_base(m_pointee(e->left->ctype));
		long size = elem && elem->bit_size > 0 && elem != &void_ctype ? elem->bit_size / 8 : 1;
		struct expression *idx = m_strip_casts(e->right);

		split_ptr(m, f, e->left, a, s, depth + 1);
		if (!s->ok)
			return;
		if (m_const_value(e->right, &c)) {
			s->bytes += e->op == '+' ? c : -c;
			return;
		}
		if (e->op == '-') {
			s->ok = false;
			return;
		}
		/* sparse scaled the index; write the element's size out, by its type */
		if (size > 1 && idx->type == EXPR_BINOP && idx->op == '*' &&
		    m_const_value(idx->right, &c) && c == size) {
			const char *t = m_text(m, idx->left);

			add_term(s, m_printf("%s * sizeof(%s)", t, m_type_text(elem)));
			return;
		}
		add_term(s, m_text(m, e->right));
		return;
	}
	if (depth < 8 && split_definition(m, f, e, a, s, depth))
		return;
	m_eval(m, f, e, &tmp);
	s->ok = false;
	s->base = e;
	for (i = 0; i < tmp.n; i++) {
		if (tmp.v[i].kind != DM_ALLOC)
			continue;
		/*
		 * An offset the site does not write (msgout is the block plus
		 * MSGOUT_OFFSET, stored elsewhere) would be a number that
		 * depends on the configuration: the helper says it instead.
		 */
		if (tmp.v[i].obj != a->id - 1 || tmp.v[i].offk != OFFK_CONST || tmp.v[i].off) {
			s->ok = false;
			break;
		}
		s->ok = true;
		s->bytes += tmp.v[i].off;
	}
	vset_free(&tmp);
}

static bool is_ident(const char *s)
{
	if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

/*
 * The prefix the driver gives its own functions ("NCR_700_", "i596_",
 * "hal2_"): of the prefixes that end at an underscore, the one most of
 * the unit's functions share, the longer one of two shared as often.
 * Without one (fewer than two functions share any), the unit's name when
 * it can start a C identifier, else "dmaconv_".
 */
const char *m_name_prefix(struct model *m)
{
	const char *best = NULL;
	int i, k, best_n = 1;

	if (m->name_prefix)
		return m->name_prefix;
	for (i = 0; i < m->nr_funcs; i++) {
		const char *name = m_id(m->funcs[i]->name);
		const char *u;

		for (u = strchr(name + 1, '_'); u && u[1]; u = strchr(u + 1, '_')) {
			size_t len = u - name + 1;
			int n = 0;

			if (best && strlen(best) == len && !strncmp(best, name, len))
				continue;
			for (k = 0; k < m->nr_funcs; k++)
				if (!strncmp(m_id(m->funcs[k]->name), name, len))
					n++;
			if (n > best_n || (n == best_n && best && len > strlen(best))) {
				best = m_printf("%.*s", (int)len, name);
				best_n = n;
			}
		}
	}
	if (!best)
		best = is_ident(m->unit) ? m_printf("%s_", m->unit) : "dmaconv_";
	m->name_prefix = best;
	return best;
}

const char *model_helper_name(struct model *m, struct dm_alloc *a)
{
	const char *buf = a->cpu_loc && a->cpu_loc->name ? m_id(a->cpu_loc->name) : "buf";

	return m_printf("%s%s_to_dma", m_name_prefix(m), buf);
}

/*
 * "X->cpu" read from @a's CPU location: the handle is X's handle member
 * when both live in one struct.
 */
static const char *same_object(struct model *m, struct func *f, struct expression *base,
			       struct dm_alloc *a)
{
	const struct dm_loc *cpu = a->cpu_loc, *h = a->handle_loc;
	struct expression *e = m_strip_casts(base);
	const char *text, *name;
	struct loc *l;
	size_t tl, nl;

	if (!e || !cpu || !h || e->type != EXPR_PREOP || e->op != '*' ||
	    cpu->kind != LOC_FIELD || h->kind != LOC_FIELD || cpu->type != h->type ||
	    !cpu->name || !h->name)
		return NULL;
	m->cur_fn = f;
	l = m_addr_loc(m, e->unop);
	m->cur_fn = NULL;
	if (!l || &l->pub != cpu)
		return NULL;
	text = m_text(m, e);
	name = m_id(cpu->name);
	tl = strlen(text);
	nl = strlen(name);
	if (tl <= nl || strcmp(text + tl - nl, name))
		return NULL;
	return m_printf("%.*s%s", (int)(tl - nl), text, m_id(h->name));
}

/*
 * In the function that makes the allocation, a pointer read from a local
 * (script = memory) has the handle the call wrote into its own local
 * (pScript), when that local only ever holds the start of the block.
 */
static const char *own_local(struct model *m, struct func *f, struct expression *base,
			     struct dm_alloc *a)
{
	const struct dm_loc *seed = a->handle_seed;
	struct expression *e = m_strip_casts(base);
	const struct loc *hl = (const struct loc *)seed;
	struct loc *l;

	if (!e || !seed || seed->kind != LOC_LOCAL || seed->fn != f->name || !seed->name ||
	    e->type != EXPR_PREOP || e->op != '*' || hl->set.n != 1 ||
	    hl->set.v[0].kind != DM_HANDLE || hl->set.v[0].offk != OFFK_CONST ||
	    hl->set.v[0].off)
		return NULL;
	m->cur_fn = f;
	l = m_addr_loc(m, e->unop);
	m->cur_fn = NULL;
	if (!l || l->pub.kind != LOC_LOCAL)
		return NULL;
	return m_id(seed->name);
}

const char *m_handle_for(struct model *m, struct func *f, struct expression *p,
			 const char *ptext, struct dm_alloc *a, const struct dm_holder *h)
{
	struct split s = { 0, "", true };

	const char *handle;

	if (!h || !h->handle)
		return NULL;
	split_ptr(m, f, p, a, &s, 0);
	if (s.ok) {
		/* through the same object as the pointer: codec->buffer, codec->buffer_dma */
		handle = same_object(m, f, s.base, a);
		if (!handle)
			handle = own_local(m, f, s.base, a);
		if (!handle && h->ambiguous)
			return NULL;
		if (!handle)
			handle = h->handle;
		if (s.bytes)
			return m_printf("%s + %ld%s", handle, s.bytes, s.terms);
		return m_printf("%s%s", handle, s.terms);
	}
	if (h->ambiguous)
		return NULL;
	if (a->translator && h->expr) {
		const char *args[MAX_ARGS];
		int n = (a->translator_holder > a->translator_ptr ? a->translator_holder :
			 a->translator_ptr) + 1, i;
		char out[512] = "";

		for (i = 0; i < n; i++)
			args[i] = "?";
		args[a->translator_holder] = h->expr;
		args[a->translator_ptr] = ptext;
		snprintf(out, sizeof(out), "%s(", a->translator);
		for (i = 0; i < n; i++) {
			strncat(out, args[i], sizeof(out) - strlen(out) - 3);
			if (i + 1 < n)
				strncat(out, ", ", sizeof(out) - strlen(out) - 3);
		}
		strcat(out, ")");
		return m_strdup(out);
	}
	return NULL;
}

const char *model_handle_text(struct model *m, struct symbol *fn, struct expression *p,
			      struct dm_alloc *a, const struct dm_holder *holder)
{
	struct func *f = m_func_named(m, fn ? fn->ident : NULL);

	if (!f)
		return NULL;
	return m_handle_for(m, f, p, m_text(m, p), a, holder);
}

/* A location's text from function @f: a field through a parameter or local, a global. */
const char *m_reach(struct model *m, struct func *f, const struct dm_loc *loc)
{
	struct cand c[64];
	int n, i;

	if (!loc || !f)
		return NULL;
	if (loc->kind == LOC_GLOBAL)
		return m_id(loc->name);
	if ((loc->kind == LOC_LOCAL || loc->kind == LOC_PARAM) && loc->fn == f->name)
		return m_id(loc->name);
	if (loc->kind != LOC_FIELD || loc->offset == ~0UL)
		return NULL;
	n = candidates(m, f, c, 64, false);
	i = nearest(c, n, loc, NULL, -1, true);
	if (i < 0)
		return NULL;
	return through(c[i].text, c[i].type,
		       m_member_path(struct_of(c[i].type), loc->type, loc->offset, 3));
}
