// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's own translation helpers: a function or macro of the unit
 * that turns a CPU pointer into its handle as "handle + (p - base)"
 * (sgiseeq's VIRT_TO_DMA(sp, v), 53c700's virt_to_dma(h, p)).  Found by
 * shape: its value is a handle of one allocation at an offset only the
 * pointer decides, and it takes two arguments; which is the holder and
 * which the pointer comes from the parameters' types (functions) or from
 * the body's use of "->" (macros).
 */
#include <ctype.h>
#include <string.h>

#include "internal.h"

static void add(struct model *m, const char *name, bool macro, int alloc, int holder, int ptr)
{
	struct translator *t;
	int i;

	for (i = 0; i < m->nr_trans; i++)
		if (!strcmp(m->trans[i].name, name) && m->trans[i].alloc == alloc)
			return;
	t = PUSH(m->trans, m->nr_trans, m->cap_trans);
	t->name = name;
	t->macro = macro;
	t->alloc = alloc;
	t->holder_arg = holder;
	t->ptr_arg = ptr;
}

/* Two allocations of one buffer: the same CPU and handle locations (lasi's and sni's). */
static bool twins(struct model *m, int a, int b)
{
	const struct dm_alloc *x = m->allocs[a], *y = m->allocs[b];

	return a == b || (x->handle_loc && x->handle_loc == y->handle_loc &&
			  x->cpu_loc == y->cpu_loc);
}

/* The allocation whose handle @s holds at an offset the pointer decides. */
static int walked_handle(struct model *m, const struct vset *s)
{
	int i, found = -1;

	for (i = 0; i < s->n; i++) {
		if (s->v[i].kind == DM_ALLOC)
			return -1;
		if (s->v[i].kind != DM_HANDLE || s->v[i].offk != OFFK_UNKNOWN)
			continue;
		if (found >= 0 && !twins(m, found, s->v[i].obj))
			return -1;
		if (found < 0)
			found = s->v[i].obj;
	}
	return found;
}

static void find_functions(struct model *m)
{
	int i;

	for (i = 0; i < m->nr_funcs; i++) {
		struct func *f = m->funcs[i];
		struct loc *ret = loc_get(m, LOC_RET, f->name, 0, false);
		struct symbol *fn = m_base(f->sym), *arg;
		int a, k = 0, holder = -1, ptr = -1;

		if (!ret || !fn)
			continue;
		a = walked_handle(m, &ret->set);
		if (a < 0)
			continue;
		FOR_EACH_PTR(fn->arguments, arg) {
			if (m_is_ptr(arg) && m_is_struct(m_pointee(arg)) && holder < 0)
				holder = k;
			else if (m_is_ptr(arg) && ptr < 0)
				ptr = k;
			k++;
		} END_FOR_EACH_PTR(arg);
		/* a translator takes the holder and the pointer, nothing else */
		if (holder >= 0 && ptr >= 0 && k == 2)
			add(m, m_id(f->name), false, a, holder, ptr);
	}
}

static int macro_params_at(const char *s, char names[][64], int max, const char **body);

/* The parameter names of "#define NAME(a, b) body" at @def, and the body. */
int m_macro_params(struct position def, char names[][64], int max, const char **body)
{
	const char *s = m_src_line(def.stream, def.line);

	if (!s)
		return -1;
	return macro_params_at(s + m_byte_column(def.stream, def.line, def.pos), names, max, body);
}

/* The same from @s, the macro's name in its #define line. */
static int macro_params_at(const char *s, char names[][64], int max, const char **body)
{
	int n = 0, len;

	while (*s && (isalnum((unsigned char)*s) || *s == '_'))
		s++;
	if (*s++ != '(')
		return -1;
	while (*s && *s != ')' && n < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		len = 0;
		while ((isalnum((unsigned char)*s) || *s == '_') && len < 63)
			names[n][len++] = *s++;
		names[n++][len] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == ',')
			s++;
	}
	*body = *s == ')' ? s + 1 : s;
	return n;
}

/* Is parameter @name used as "name->" or "(name)->" in @body (this line and continuations)? */
static bool derefs(const char *body, const char *name)
{
	size_t n = strlen(name);
	const char *s = body;

	while ((s = strstr(s, name))) {
		const char *e = s + n;
		bool word = (s == body || !(isalnum((unsigned char)s[-1]) || s[-1] == '_')) &&
			    !(isalnum((unsigned char)*e) || *e == '_');

		s = e;
		if (!word)
			continue;
		while (*e == ' ' || *e == ')')
			e++;
		if (e[0] == '-' && e[1] == '>')
			return true;
	}
	return false;
}

static void find_macros(struct model *m)
{
	int i;

	for (i = 0; i < m->nr_muses; i++) {
		struct macro_use *u = &m->muses[i];
		struct vset tmp = { 0 };
		char names[8][64], body[1024];
		const char *b, *s;
		int a, n, k, holder = -1, ptr = -1;
		size_t len = 0;

		m_eval(m, u->fn, u->expr, &tmp);
		a = walked_handle(m, &tmp);
		vset_free(&tmp);
		if (a < 0)
			continue;
		n = m_macro_params(u->def, names, 8, &b);
		if (n < 2)
			continue;
		/* the body, with its continuation lines */
		for (s = b; *s && len + 1 < sizeof(body); s++) {
			if (*s == '\n' && (s == b || s[-1] != '\\'))
				break;
			body[len++] = *s;
		}
		body[len] = '\0';
		for (k = 0; k < n; k++) {
			if (holder < 0 && derefs(body, names[k]))
				holder = k;
			else if (ptr < 0)
				ptr = k;
		}
		if (holder >= 0 && ptr >= 0)
			add(m, u->name, true, a, holder, ptr);
	}
}

/* Does @body read "holder->member" (or "(holder)->member")? */
static bool reads_member(const char *body, const char *holder, const char *member)
{
	size_t n = strlen(holder), k = strlen(member);
	const char *s = body;

	while ((s = strstr(s, holder))) {
		const char *e = s + n;
		bool word = (s == body || !(isalnum((unsigned char)s[-1]) || s[-1] == '_')) &&
			    !(isalnum((unsigned char)*e) || *e == '_');

		s = e;
		if (!word)
			continue;
		while (*e == ' ' || *e == ')')
			e++;
		if (e[0] != '-' || e[1] != '>')
			continue;
		e += 2;
		while (*e == ' ')
			e++;
		if (!strncmp(e, member, k) && !(isalnum((unsigned char)e[k]) || e[k] == '_'))
			return true;
	}
	return false;
}

static bool names_word(const char *body, const char *w)
{
	size_t n = strlen(w);
	const char *s;

	for (s = body; (s = strstr(s, w)); s += n)
		if ((s == body || !(isalnum((unsigned char)s[-1]) || s[-1] == '_')) &&
		    !(isalnum((unsigned char)s[n]) || s[n] == '_'))
			return true;
	return false;
}

/*
 * A translator the driver only ever uses inside another macro
 * (lib82596.c's SWAP32(virt_to_dma(lp, v))): its use has no position of
 * its own, so its #define is read instead.  Two parameters, one read as
 * holder->handle and holder->cpu for a buffer whose CPU address and
 * handle are fields of one struct, the other named in a difference.
 */
static void find_defines(struct model *m, struct dm_alloc *a)
{
	const struct dm_loc *h = a->handle_loc, *cpu = a->cpu_loc;
	int streams[64], nr = 0, i, k, line;

	if (!h || !cpu || h->kind != LOC_FIELD || cpu->kind != LOC_FIELD || !h->name ||
	    !cpu->name || h->type != cpu->type)
		return;
	for (i = 0; i < m->nr_funcs && nr < 64; i++) {
		int st = m->funcs[i]->sym->pos.stream;

		for (k = 0; k < nr && streams[k] != st; k++)
			;
		if (k == nr)
			streams[nr++] = st;
	}
	for (i = 0; i < nr; i++) {
		int lines = m_src_nr_lines(streams[i]);

		for (line = 1; line <= lines; line++) {
			const char *s = m_src_line(streams[i], line), *b;
			char names[8][64], body[1024], name[64];
			size_t len = 0;
			int n, j;

			while (s && (*s == ' ' || *s == '\t'))
				s++;
			if (!s || *s != '#')
				continue;
			for (s++; *s == ' ' || *s == '\t'; s++)
				;
			if (strncmp(s, "define", 6) || (s[6] != ' ' && s[6] != '\t'))
				continue;
			for (s += 6; *s == ' ' || *s == '\t'; s++)
				;
			for (j = 0; (isalnum((unsigned char)s[j]) || s[j] == '_') && j < 63; j++)
				name[j] = s[j];
			name[j] = '\0';
			n = macro_params_at(s, names, 8, &b);
			if (n != 2)
				continue;
			for (; *b && len + 1 < sizeof(body); b++) {
				if (*b == '\n' && (b[-1] != '\\'))
					break;
				body[len++] = *b;
			}
			body[len] = '\0';
			for (j = 0; j < 2; j++)
				if (reads_member(body, names[j], m_id(h->name)) &&
				    reads_member(body, names[j], m_id(cpu->name)) &&
				    names_word(body, names[1 - j]) && strchr(body, '-'))
					add(m, m_strdup(name), true, a->id - 1, j, 1 - j);
		}
	}
}

void m_find_translators(struct model *m)
{
	int i;

	find_macros(m);
	find_functions(m);
	for (i = 0; i < m->nr_allocs; i++) {
		int k;

		for (k = 0; k < m->nr_trans && m->trans[k].alloc != i; k++)
			;
		if (k == m->nr_trans)
			find_defines(m, m->allocs[i]);
	}
	for (i = 0; i < m->nr_trans; i++) {
		struct translator *t = &m->trans[i];
		int k;

		for (k = 0; k < m->nr_allocs; k++) {
			struct dm_alloc *a = m->allocs[k];

			if (a->translator || !twins(m, t->alloc, k))
				continue;
			a->translator = t->name;
			a->translator_is_macro = t->macro;
			a->translator_holder = t->holder_arg;
			a->translator_ptr = t->ptr_arg;
		}
	}
}
