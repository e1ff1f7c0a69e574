// SPDX-License-Identifier: GPL-2.0
/*
 * Sites inside a #define: one site per place in the definition, decided
 * from every use of the macro (the includers of a shared .c file, the
 * callers of a header macro).  The holder must be spelled with the
 * macro's own parameters: an argument the uses pass, an accessor of one
 * ("((struct x *)netdev_priv(ndev))"), or, when the macro only gets the
 * device, a parameter that takes the holder instead (the "macros" list
 * of the facts).  Uses that end in different texts leave the site.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "plan_int.h"

const char *plan_replace_word(const char *s, const char *from, const char *to)
{
	size_t n = strlen(from), cap = strlen(s) * 2 + strlen(to) * 8 + 16;
	char *out = malloc(cap), *o;
	const char *p = s;

	if (!out)
		die("model: out of memory");
	o = out;
	while (*p) {
		bool word = !strncmp(p, from, n) &&
			    (p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' ||
					 p[-1] == '.' || (p - s >= 2 && p[-1] == '>' && p[-2] == '-'))) &&
			    !(isalnum((unsigned char)p[n]) || p[n] == '_');

		if (word && (size_t)(o - out) + strlen(to) + 1 < cap) {
			strcpy(o, to);
			o += strlen(to);
			p += n;
			continue;
		}
		if ((size_t)(o - out) + 2 >= cap)
			break;
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static bool simple_ident(const char *s)
{
	if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

/* The use's arguments that are plain names, and the macro's parameters. */
struct use_map {
	char params[8][64];
	int nr_params;
	const char *args[8];
	int nr_args;
	const char *names[8];	/* args[k] when it is a plain name, else NULL */
};

static bool map_use(struct call *c, struct use_map *u)
{
	const char *body;
	int k;

	u->nr_params = m_macro_params(c->macro_def, u->params, 8, &body);
	u->nr_args = m_macro_use_args(c->use_pos, u->args, 8);
	if (u->nr_params < 0 || u->nr_args != u->nr_params || c->nested)
		return false;
	for (k = 0; k < u->nr_args; k++)
		u->names[k] = simple_ident(u->args[k]) ? u->args[k] : NULL;
	return true;
}

/* @s (the function's text) in the macro's terms */
static const char *to_params(const char *s, const struct use_map *u, const struct dm_decl *decl)
{
	int k;

	if (!s)
		return NULL;
	if (decl && decl->name)
		s = plan_replace_word(s, decl->name, m_printf("((%s)%s)", decl->type, decl->init));
	for (k = 0; k < u->nr_args; k++)
		if (u->names[k] && strcmp(u->names[k], u->params[k]))
			s = plan_replace_word(s, u->names[k], m_printf("@%d@", k));
	for (k = 0; k < u->nr_args; k++)
		s = plan_replace_word(s, m_printf("@%d@", k), u->params[k]);
	return s;
}

/* @s without the parentheses around it: "(dev)" is dev */
static const char *unparen(const char *s)
{
	size_t n;

	while (s && s[0] == '(' && (n = strlen(s)) > 2 && s[n - 1] == ')') {
		const char *p;
		int depth = 0;

		for (p = s; p < s + n - 1; p++) {
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
			if (!depth)
				return s;	/* "(a) + (b)" */
		}
		s = m_printf("%.*s", (int)n - 2, s + 1);
	}
	return s;
}

/* The site of a macro use, with the holder spelled from the macro's parameters. */
static void macro_decision(struct planner *pl, struct decision *d)
{
	struct call *c = d->call;
	struct model *m = pl->m;
	struct dm_alloc *a = d->site.alloc;
	struct dm_holder h;
	struct use_map u;
	const char *handle;
	int k;

	if (d->site.action != ACT_SYNC || !a)
		return;
	if (!map_use(c, &u)) {
		plan_leave(d, "unknown", m_printf("the use of %s at %s:%d cannot be matched to its definition",
						  c->macro, m_file_of(c->use_pos), c->use_pos.line));
		return;
	}
	if (m_holder_in(m, a, c->in, u.names, u.nr_args, &h)) {
		struct dm_holder hm = h;

		hm.expr = to_params(h.expr, &u, &h.decl);
		hm.handle = to_params(h.handle, &u, &h.decl);
		hm.cpu = to_params(h.cpu, &u, &h.decl);
		hm.dev = to_params(h.dev, &u, &h.decl);
		handle = m_handle_for(m, c->in, NULL, d->ptext, a, &hm);
		if (!handle && hm.cpu) {
			d->needs_helper = true;
			handle = m_printf("%s(%s, %s)", model_helper_name(m, a), hm.expr, d->ptext);
		}
		if (handle) {
			d->holder = hm;
			d->site.handle = handle;
			d->site.nr_decls = 0;
			if (d->site.dev == h.dev)
				d->site.dev = hm.dev;
			return;
		}
	}
	/* the macro only gets the device: a parameter takes the holder instead */
	for (k = 0; k < u.nr_params; k++) {
		struct dm_holder hm = d->holder;
		const char *pass = d->holder.expr;

		if (strcmp(u.params[k], c->argtext[0] ? unparen(c->argtext[0]) : ""))
			continue;
		if (!pass || !d->holder.dev)
			break;
		/* the patches rewrite the callers' argument in one of the first four places */
		if (k > 3) {
			plan_leave(d, "unknown", m_printf("%s takes the device as its parameter %d: the semantic patches change only one of the first four with the callers",
							  c->macro, k + 1));
			return;
		}
		if (d->holder.decl.name)
			pass = m_printf("((%s)%s)", d->holder.decl.type, d->holder.decl.init);
		hm.expr = "h";
		hm.handle = plan_replace_word(d->holder.handle, d->holder.expr, "h");
		hm.cpu = d->holder.cpu ? plan_replace_word(d->holder.cpu, d->holder.expr, "h") : NULL;
		hm.dev = plan_replace_word(d->holder.dev, d->holder.expr, "h");
		handle = m_handle_for(m, c->in, NULL, d->ptext, a, &hm);
		if (!handle && hm.cpu) {
			d->needs_helper = true;
			handle = m_printf("%s(h, %s)", model_helper_name(m, a), d->ptext);
		}
		if (!handle)
			break;
		d->holder = hm;
		d->site.handle = handle;
		d->site.dev = hm.dev;
		d->site.nr_decls = 0;
		{
			struct plan_macro nm = {
				.name = c->macro, .file = m_file_of(c->macro_def),
				.line = c->macro_def.line, .param = k, .was = m_strdup(u.params[k]),
				.now = "h", .pass = pass,
			};
			int i;

			for (i = 0; i < pl->p->nr_macros; i++)
				if (!strcmp(pl->p->macros[i].name, nm.name) &&
				    !strcmp(pl->p->macros[i].file, nm.file))
					break;
			/* every caller passes one text: the patch rewrites them alike */
			if (i < pl->p->nr_macros && strcmp(pl->p->macros[i].pass, nm.pass)) {
				plan_leave(d, "macro-disagree",
					   m_printf("the uses of %s would pass different holders (%s, %s)",
						    c->macro, pl->p->macros[i].pass, nm.pass));
				return;
			}
			if (i == pl->p->nr_macros) {
				pl->p->macros = realloc(pl->p->macros,
							(pl->p->nr_macros + 1) * sizeof(nm));
				if (!pl->p->macros)
					die("model: out of memory");
				pl->p->macros[pl->p->nr_macros++] = nm;
			}
		}
		return;
	}
	plan_leave(d, "unknown", m_printf("inside %s the macro's parameters do not reach %s's handle",
					  c->macro, a->cpu ? a->cpu : a->call));
}

static bool same_pos(struct position a, struct position b)
{
	return a.stream == b.stream && a.line == b.line && a.pos == b.pos;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool same_decision(const struct plan_site *a, const struct plan_site *b)
{
	return a->action == b->action && same_text(a->fn, b->fn) && same_text(a->handle, b->handle) &&
	       same_text(a->dev, b->dev) && same_text(a->dir, b->dir) &&
	       same_text(a->category, b->category);
}

static const char *summary(const struct plan_site *s)
{
	if (s->action == ACT_LEAVE)
		return m_printf("left (%s)", s->category);
	return m_printf("%s(%s, %s, ...)", s->fn, s->dev, s->handle);
}

/*
 * Uses that differ only in the function, where those whose own function
 * shows what comes next agree: their answer, with a doubt naming the
 * others (lib82596's DMA_INV at the end of i596_display_data() is
 * decided only by what its callers do after it returns).
 */
static bool direct_uses_decide(struct planner *pl, int first)
{
	struct decision *f = &pl->d[first], *d;
	const char *fn = NULL, *others = NULL;
	int i;

	for (i = first; i < pl->nr_d; i++) {
		d = &pl->d[i];
		if (!d->call->macro || !same_pos(d->call->name_pos, f->call->name_pos))
			continue;
		if (d->site.action != ACT_SYNC || !same_text(d->site.handle, f->site.handle) ||
		    !same_text(d->site.dev, f->site.dev) || !same_text(d->site.dir, f->site.dir))
			return false;
		if (d->pos_level == 0 && !d->site.doubt) {
			if (fn && strcmp(fn, d->site.fn))
				return false;
			fn = d->site.fn;
		}
	}
	if (!fn)
		return false;
	for (i = first; i < pl->nr_d; i++) {
		d = &pl->d[i];
		if (!d->call->macro || !same_pos(d->call->name_pos, f->call->name_pos) ||
		    !strcmp(d->site.fn, fn))
			continue;
		others = m_printf("%s%s%s:%d gives %s", others ? others : "", others ? "; " : "",
				  m_file_of(d->call->use_pos), d->call->use_pos.line, d->site.fn);
	}
	f->site.fn = fn;
	f->site.doubt = m_printf("decided by the uses whose own function shows what comes next; through their callers %s",
				 others);
	return true;
}

/*
 * Fold the decisions of every use of one place in a #define into the
 * first; the others are marked as merged (uses = 0).
 */
void plan_merge_macros(struct planner *pl)
{
	int i, k;

	for (i = 0; i < pl->nr_d; i++)
		if (pl->d[i].call->macro)
			macro_decision(pl, &pl->d[i]);
	for (i = 0; i < pl->nr_d; i++) {
		struct decision *first = &pl->d[i];
		bool agree = true;
		char why[1024] = "";

		if (!first->call->macro || !first->site.uses)
			continue;
		for (k = i + 1; k < pl->nr_d; k++) {
			struct decision *o = &pl->d[k];

			if (!o->call->macro || !o->site.uses ||
			    !same_pos(o->call->name_pos, first->call->name_pos))
				continue;
			first->site.uses++;
			o->site.uses = 0;
			if (!same_decision(&o->site, &first->site)) {
				size_t len = strlen(why);

				agree = false;
				snprintf(why + len, sizeof(why) - len, "%s%s:%d gives %s",
					 len ? "; " : "", m_file_of(o->call->use_pos),
					 o->call->use_pos.line, summary(&o->site));
			}
			if (!first->site.complete || !o->site.complete)
				first->site.complete = false;
			first->needs_helper |= o->needs_helper;
		}
		if (!agree && !direct_uses_decide(pl, i))
			plan_leave(first, "macro-disagree",
				   m_printf("the uses of %s disagree: %s:%d gives %s; %s",
					    first->call->macro, m_file_of(first->call->use_pos),
					    first->call->use_pos.line, summary(&first->site), why));
	}
}
