// SPDX-License-Identifier: GPL-2.0
/*
 * _for_cpu or _for_device, by position (DMA-API.md rule 2): what follows
 * a site in its function, in source order.  A device start (an MMIO
 * write from checker/api/mmio.def, a store to a volatile register that
 * is not in a DMA buffer, a call of a unit function that makes one)
 * before any CPU read of the buffer makes it _for_device; a CPU read of
 * the buffer first makes it _for_cpu.  Reads stop counting once the
 * site's pointer moves on (a variable it is read from is assigned) or
 * another sync of the buffer comes.  When the function says nothing,
 * what follows each call of it in its callers decides, and they must
 * agree.
 */
#include <ctype.h>
#include <string.h>

#include "internal.h"

/* ---- which functions start the device, which sync a parameter ---- */

static bool volatile_store(struct expression *lhs)
{
	struct symbol *t = lhs ? lhs->ctype : NULL;
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

/* Does @addr point into a DMA allocation (of any id)? */
static bool into_dma(struct model *m, struct func *fn, struct expression *addr)
{
	struct vset tmp = { 0 };
	bool hit = false;
	int i;

	m_eval(m, fn, addr, &tmp);
	for (i = 0; i < tmp.n; i++)
		if (tmp.v[i].kind == DM_ALLOC)
			hit = true;
	vset_free(&tmp);
	return hit;
}

/*
 * A store that starts the device: to a volatile register, not to a
 * volatile member of a DMA buffer (sgiseeq declares its descriptors
 * volatile: a store there is the CPU writing the buffer).
 */
static bool register_store(struct model *m, struct func *fn, struct expression *lhs)
{
	if (!volatile_store(lhs))
		return false;
	lhs = m_strip_casts(lhs);
	return !(lhs && lhs->type == EXPR_PREOP && lhs->op == '*' && into_dma(m, fn, lhs->unop));
}

int m_param_index(struct model *m, struct func *fn, struct expression *e)
{
	struct loc *l;

	e = m_strip_casts(e);
	if (!fn || !e || e->type != EXPR_PREOP || e->op != '*')
		return -1;
	m->cur_fn = fn;
	l = m_addr_loc(m, e->unop);
	m->cur_fn = NULL;
	if (!l || l->pub.kind != LOC_PARAM || l->pub.fn != fn->name)
		return -1;
	return l->pub.offset;
}

/* The argument of a sync call (old or new API) that names the buffer. */
static int synced_arg(const struct m_api *api)
{
	if (!api || (api->effect != MX_CACHE_SYNC && api->effect != MX_TO_CPU &&
		     api->effect != MX_TO_DEVICE))
		return -1;
	return api->buf >= 0 ? api->buf : api->handle;
}

static bool stores_registers(struct model *m, struct func *f, struct expression *e, int depth);

static bool stmt_stores_registers(struct model *m, struct func *f, struct statement *st,
				  int depth)
{
	struct statement *sub;
	struct symbol *sym;

	if (!st || depth > 200)
		return false;
	switch (st->type) {
	case STMT_DECLARATION:
		FOR_EACH_PTR(st->declaration, sym) {
			if (stores_registers(m, f, sym->initializer, depth + 1))
				return true;
		} END_FOR_EACH_PTR(sym);
		return false;
	case STMT_EXPRESSION:
		return stores_registers(m, f, st->expression, depth + 1);
	case STMT_COMPOUND:
		FOR_EACH_PTR(st->stmts, sub) {
			if (stmt_stores_registers(m, f, sub, depth + 1))
				return true;
		} END_FOR_EACH_PTR(sub);
		return false;
	case STMT_IF:
		return stores_registers(m, f, st->if_conditional, depth + 1) ||
		       stmt_stores_registers(m, f, st->if_true, depth + 1) ||
		       stmt_stores_registers(m, f, st->if_false, depth + 1);
	case STMT_RETURN:
		return stores_registers(m, f, st->ret_value, depth + 1);
	case STMT_SWITCH:
		return stmt_stores_registers(m, f, st->switch_statement, depth + 1);
	case STMT_CASE:
		return stmt_stores_registers(m, f, st->case_statement, depth + 1);
	case STMT_LABEL:
		return stmt_stores_registers(m, f, st->label_statement, depth + 1);
	case STMT_ITERATOR:
		return stmt_stores_registers(m, f, st->iterator_pre_statement, depth + 1) ||
		       stmt_stores_registers(m, f, st->iterator_statement, depth + 1) ||
		       stmt_stores_registers(m, f, st->iterator_post_statement, depth + 1);
	default:
		return false;
	}
}

static bool stores_registers(struct model *m, struct func *f, struct expression *e, int depth)
{
	if (!e || depth > 200)
		return false;
	switch (e->type) {
	case EXPR_ASSIGNMENT:
		return register_store(m, f, e->left) ||
		       stores_registers(m, f, e->right, depth + 1);
	case EXPR_STATEMENT:
		return stmt_stores_registers(m, f, e->statement, depth + 1);
	case EXPR_BINOP:
	case EXPR_COMMA:
	case EXPR_LOGICAL:
		return stores_registers(m, f, e->left, depth + 1) ||
		       stores_registers(m, f, e->right, depth + 1);
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		return stores_registers(m, f, e->cond_true, depth + 1) ||
		       stores_registers(m, f, e->cond_false, depth + 1);
	case EXPR_CAST:
	case EXPR_IMPLIED_CAST:
	case EXPR_FORCE_CAST:
		return stores_registers(m, f, e->cast_expression, depth + 1);
	default:
		return false;
	}
}

/*
 * A function starts the device when it writes a register (an MMIO call,
 * a store to a volatile register) or calls one that does; it syncs its
 * parameter k (sync_params) when a sync, or a call of a function that
 * syncs a parameter, is given that parameter.
 */
void m_compute_kicks(struct model *m)
{
	bool changed = true;
	int i, round = 0;

	for (i = 0; i < m->nr_funcs; i++) {
		struct func *f = m->funcs[i];
		struct symbol *fs = m_base(f->sym);

		if (fs && fs->stmt && stmt_stores_registers(m, f, fs->stmt, 0))
			f->kicks = true;
	}
	while (changed && round++ < MAX_ROUNDS) {
		changed = false;
		for (i = 0; i < m->nr_calls; i++) {
			struct call *c = &m->calls[i];
			struct func *callee;
			int arg, k;

			if (!c->in || !c->name)
				continue;
			callee = m_func_named(m, c->name);
			if (!c->in->kicks && (m_is_kick(c->name) || (callee && callee->kicks))) {
				c->in->kicks = true;
				changed = true;
			}
			arg = synced_arg(c->api);
			if (arg >= 0 && arg < c->nargs) {
				k = m_param_index(m, c->in, c->args[arg]);
				if (k >= 0 && k < 32 && !(c->in->sync_params & (1u << k))) {
					c->in->sync_params |= 1u << k;
					changed = true;
				}
			}
			for (arg = 0; callee && arg < c->nargs && arg < 32; arg++) {
				if (!(callee->sync_params & (1u << arg)))
					continue;
				k = m_param_index(m, c->in, c->args[arg]);
				if (k >= 0 && k < 32 && !(c->in->sync_params & (1u << k))) {
					c->in->sync_params |= 1u << k;
					changed = true;
				}
			}
		}
	}
}

/* ---- what a function assigns ---- */

struct assigns {
	struct model *m;
	const char *const *texts;
	int nr;
	bool hit;
};

static void assigned_lvalue(struct assigns *a, struct expression *lhs)
{
	const char *t;
	int i;

	lhs = m_strip_casts(lhs);
	if (!lhs || lhs->type != EXPR_PREOP || lhs->op != '*')
		return;
	t = m_text(a->m, lhs);
	for (i = 0; t && i < a->nr; i++)
		if (a->texts[i] && !strcmp(a->texts[i], t))
			a->hit = true;
}

static void assigns_stmt(struct assigns *a, struct statement *st, int depth);

static void assigns_expr(struct assigns *a, struct expression *e, int depth)
{
	struct expression *arg;

	if (!e || a->hit || depth > 200)
		return;
	switch (e->type) {
	case EXPR_ASSIGNMENT:
		assigned_lvalue(a, e->left);
		assigns_expr(a, e->right, depth + 1);
		break;
	case EXPR_PREOP:
	case EXPR_POSTOP:
		if (e->op == SPECIAL_INCREMENT || e->op == SPECIAL_DECREMENT)
			assigned_lvalue(a, e->unop);
		assigns_expr(a, e->unop, depth + 1);
		break;
	case EXPR_CALL:
		FOR_EACH_PTR(e->args, arg) {
			assigns_expr(a, arg, depth + 1);
		} END_FOR_EACH_PTR(arg);
		break;
	case EXPR_CAST:
	case EXPR_IMPLIED_CAST:
	case EXPR_FORCE_CAST:
		assigns_expr(a, e->cast_expression, depth + 1);
		break;
	case EXPR_BINOP:
	case EXPR_COMMA:
	case EXPR_COMPARE:
	case EXPR_LOGICAL:
		assigns_expr(a, e->left, depth + 1);
		assigns_expr(a, e->right, depth + 1);
		break;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		assigns_expr(a, e->conditional, depth + 1);
		assigns_expr(a, e->cond_true, depth + 1);
		assigns_expr(a, e->cond_false, depth + 1);
		break;
	case EXPR_STATEMENT:
		assigns_stmt(a, e->statement, depth + 1);
		break;
	default:
		break;
	}
}

static void assigns_stmt(struct assigns *a, struct statement *st, int depth)
{
	struct statement *sub;
	struct symbol *sym;

	if (!st || a->hit || depth > 200)
		return;
	switch (st->type) {
	case STMT_DECLARATION:
		FOR_EACH_PTR(st->declaration, sym) {
			assigns_expr(a, sym->initializer, depth + 1);
		} END_FOR_EACH_PTR(sym);
		break;
	case STMT_EXPRESSION:
		assigns_expr(a, st->expression, depth + 1);
		break;
	case STMT_COMPOUND:
		FOR_EACH_PTR(st->stmts, sub) {
			assigns_stmt(a, sub, depth + 1);
		} END_FOR_EACH_PTR(sub);
		break;
	case STMT_IF:
		assigns_expr(a, st->if_conditional, depth + 1);
		assigns_stmt(a, st->if_true, depth + 1);
		assigns_stmt(a, st->if_false, depth + 1);
		break;
	case STMT_RETURN:
		assigns_expr(a, st->ret_value, depth + 1);
		break;
	case STMT_SWITCH:
		assigns_expr(a, st->switch_expression, depth + 1);
		assigns_stmt(a, st->switch_statement, depth + 1);
		break;
	case STMT_CASE:
		assigns_stmt(a, st->case_statement, depth + 1);
		break;
	case STMT_LABEL:
		assigns_stmt(a, st->label_statement, depth + 1);
		break;
	case STMT_ITERATOR:
		assigns_stmt(a, st->iterator_pre_statement, depth + 1);
		assigns_expr(a, st->iterator_pre_condition, depth + 1);
		assigns_stmt(a, st->iterator_statement, depth + 1);
		assigns_stmt(a, st->iterator_post_statement, depth + 1);
		assigns_expr(a, st->iterator_post_condition, depth + 1);
		break;
	default:
		break;
	}
}

bool m_assigned_in(struct model *m, struct func *f, const char *const *texts, int nr)
{
	struct assigns a = { m, texts, nr, false };
	struct symbol *fs = f ? m_base(f->sym) : NULL;

	if (fs && fs->stmt)
		assigns_stmt(&a, fs->stmt, 0);
	return a.hit;
}

/* ---- the events after a point of a function ---- */

/* EV_END: the same pointer is synced again; what follows is that sync's */
enum pos_event { EV_NONE, EV_KICK, EV_READ, EV_END };

#define MAX_PATHS 8
#define MAX_SUBST 8

/*
 * A parameter of a function the scan has climbed out of, and what the
 * call being scanned passes for it: the site's region, written in the
 * callee's terms (hostdata->msgin), is compared with what the caller
 * reads through the argument.
 */
struct subst {
	struct symbol *param;
	struct expression *arg;
};

/*
 * The region a site syncs: its pointer as a root expression plus an
 * offset ("&dma->iscp" is dma + 40), the size when constant, and its
 * offset in the buffer when the model knows it.  A read counts when it
 * is of that region: through the same root inside the size, or at a
 * known offset inside the known one (53c700 reads its script after
 * syncing its message bytes, another part of the same block).
 */
struct region {
	struct expression *root;
	long off, size, abs;
	bool has_off, has_size, has_abs;
	struct subst subst[MAX_SUBST];
	int nr_subst;
	bool no_reads;		/* a DMA_TO_DEVICE sync: reads are of the CPU's own data */
};

struct scan {
	struct model *m;
	struct func *fn;
	struct expression *after;	/* the site or call; events count once past it */
	bool seen;
	int alloc;			/* the buffer whose reads count */
	enum pos_event first;
	/*
	 * What the site's pointer is read from ("rd", "sp->rx_new"): once
	 * one of them is assigned, the pointer has moved on to another
	 * element, and reads of the buffer no longer tell about this site.
	 * Another sync of the buffer ends them too, and one of the same
	 * pointer ends the scan: what follows is that sync's.  A device
	 * start still counts.  Compared as expressions, not as text: the
	 * arguments of a macro's use all carry the use's position.
	 */
	struct expression *paths[MAX_PATHS];
	int nr_paths;
	struct expression *ptr;		/* the site's pointer */
	bool moved, reads_off;
	const struct region *r;
};

static struct expression *bare(struct expression *e)
{
	for (;;) {
		e = m_strip_casts(e);
		if (!e || e->type != EXPR_PREOP || e->op != '(')
			return e;
		e = e->unop;
	}
}

/* The argument passed for parameter @sym, if it is one of @r's. */
static struct expression *subst_of(const struct region *r, struct expression *e)
{
	int i;

	if (!r || e->type != EXPR_PREOP || e->op != '*' || !e->unop ||
	    e->unop->type != EXPR_SYMBOL)
		return NULL;
	for (i = 0; i < r->nr_subst; i++)
		if (r->subst[i].param == e->unop->symbol)
			return r->subst[i].arg;
	return NULL;
}

/* Are @a (in the site's terms, @r's substitutions applied) and @b the same expression? */
static bool same_expr(struct expression *a, struct expression *b, const struct region *r,
		      int depth)
{
	struct expression *arg;

	a = bare(a);
	b = bare(b);
	if (!a || !b || depth > 32)
		return false;
	arg = subst_of(r, a);
	if (arg)
		return same_expr(arg, b, r, depth + 1);
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case EXPR_SYMBOL:
		return a->symbol == b->symbol;
	case EXPR_VALUE:
		return a->value == b->value;
	case EXPR_PREOP:
	case EXPR_POSTOP:
		return a->op == b->op && same_expr(a->unop, b->unop, r, depth + 1);
	case EXPR_BINOP:
		return a->op == b->op && same_expr(a->left, b->left, r, depth + 1) &&
		       same_expr(a->right, b->right, r, depth + 1);
	default:
		return false;
	}
}

/*
 * @e as root + offset: "&dma->iscp.stat" is (dma, 40 + 4); "&p->mbox[i]"
 * is (p->mbox, an offset not known: *known false).
 */
static struct expression *decompose(struct expression *e, long *off, bool *known)
{
	long long c;
	int depth = 0;

	*off = 0;
	*known = true;
	for (e = bare(e); e && depth++ < 16; e = bare(e)) {
		struct expression *u;

		if (e->type == EXPR_BINOP && (e->op == '+' || e->op == '-') &&
		    m_is_ptr(e->left->ctype) && !m_is_ptr(e->right->ctype)) {
			/* sparse has scaled the index: bytes */
			if (m_const_value(e->right, &c))
				*off += e->op == '+' ? c : -c;
			else
				*known = false;
			e = e->left;
			continue;
		}
		u = e->type == EXPR_PREOP && e->op == '&' ? bare(e->unop) : NULL;
		if (u && u->type == EXPR_PREOP && u->op == '*') {
			e = u->unop;
			continue;
		}
		break;
	}
	return e;
}

/* The one constant offset into @alloc that @e has, if it has one. */
static bool abs_offset(struct model *m, struct func *fn, struct expression *e, int alloc,
		       long *off)
{
	struct vset tmp = { 0 };
	bool ok = false;

	m_eval(m, fn, e, &tmp);
	if (tmp.n == 1 && tmp.v[0].kind == DM_ALLOC && tmp.v[0].obj == alloc &&
	    tmp.v[0].offk == OFFK_CONST) {
		*off = tmp.v[0].off;
		ok = true;
	}
	vset_free(&tmp);
	return ok;
}

static void scan_expr(struct scan *s, struct expression *e, bool lvalue);
static void scan_stmt(struct scan *s, struct statement *st);

static bool points_into(struct scan *s, struct expression *addr)
{
	struct vset tmp = { 0 };
	bool hit = false;
	int i;

	if (s->alloc < 0)
		return false;
	m_eval(s->m, s->fn, addr, &tmp);
	for (i = 0; i < tmp.n; i++)
		if ((tmp.v[i].kind == DM_ALLOC || tmp.v[i].kind == DM_HANDLE) &&
		    tmp.v[i].obj == s->alloc)
			hit = true;
	vset_free(&tmp);
	return hit;
}

/* Is @addr (a read, or memcpy()'s source) of the region the site syncs? */
static bool reads_region(struct scan *s, struct expression *addr)
{
	const struct region *r = s->r;
	struct expression *root;
	long off, abs;
	bool known;

	if (r->no_reads || !points_into(s, addr))
		return false;
	if (!r->root && !(r->has_abs && r->has_size))
		return true;
	root = decompose(addr, &off, &known);
	if (r->root && same_expr(r->root, root, r, 0))
		return !r->has_size || !r->has_off || !known ||
		       (off >= r->off && off < r->off + r->size);
	if (r->has_abs && r->has_size && abs_offset(s->m, s->fn, addr, s->alloc, &abs))
		return abs >= r->abs && abs < r->abs + r->size;
	return false;
}

static void event(struct scan *s, enum pos_event ev)
{
	if (!s->seen || s->first != EV_NONE)
		return;
	if (ev == EV_READ && s->reads_off)
		return;
	s->first = ev;
}

static void add_paths(struct scan *s, struct expression *e, int depth)
{
	e = bare(e);
	if (!e || depth > 16)
		return;
	switch (e->type) {
	case EXPR_PREOP:
		if (e->op == '*' && s->nr_paths < MAX_PATHS)
			s->paths[s->nr_paths++] = e;
		add_paths(s, e->unop, depth + 1);
		break;
	case EXPR_BINOP:
		add_paths(s, e->left, depth + 1);
		add_paths(s, e->right, depth + 1);
		break;
	default:
		break;
	}
}

/* An assignment to what the site's pointer is read from? */
static void note_store(struct scan *s, struct expression *lhs)
{
	int i;

	if (!s->seen || s->moved)
		return;
	for (i = 0; i < s->nr_paths; i++)
		if (same_expr(s->paths[i], lhs, NULL, 0))
			s->moved = s->reads_off = true;
}

static void scan_call(struct scan *s, struct expression *e)
{
	struct ident *name = m_callee_name(e);
	const struct m_api *api;
	struct expression *arg;
	struct func *callee;
	int n = 0, k;

	FOR_EACH_PTR(e->args, arg) {
		scan_expr(s, arg, false);
		/* memcpy(dst, src, n) and friends read their source */
		if (n == 1 && name && (!strcmp(m_id(name), "memcpy") ||
				       !strcmp(m_id(name), "memcmp")) && reads_region(s, arg))
			event(s, EV_READ);
		n++;
	} END_FOR_EACH_PTR(arg);
	if (e == s->after) {
		s->seen = true;
		return;
	}
	if (!name)
		return;
	callee = m_func_named(s->m, name);
	if (m_is_kick(name) || (callee && callee->kicks))
		event(s, EV_KICK);
	if (!s->seen || s->first != EV_NONE)
		return;
	/* another sync of the buffer: the reads after it are its own */
	api = m_api_lookup(m_api_canonical(name), ptr_list_size((struct ptr_list *)e->args));
	k = synced_arg(api);
	n = 0;
	FOR_EACH_PTR(e->args, arg) {
		if ((n == k || (callee && n < 32 && (callee->sync_params & (1u << n)))) &&
		    points_into(s, arg)) {
			s->reads_off = true;
			if (s->ptr && !s->moved && same_expr(s->ptr, arg, NULL, 0))
				s->first = EV_END;
		}
		n++;
	} END_FOR_EACH_PTR(arg);
}

static void scan_expr(struct scan *s, struct expression *e, bool lvalue)
{
	if (!e || s->first != EV_NONE)
		return;
	switch (e->type) {
	case EXPR_ASSIGNMENT:
		scan_expr(s, e->right, false);
		/* "x |= y" reads x */
		scan_expr(s, e->left, e->op == '=');
		if (register_store(s->m, s->fn, e->left))
			event(s, EV_KICK);
		note_store(s, e->left);
		break;
	case EXPR_CALL:
		scan_call(s, e);
		break;
	case EXPR_PREOP:
		if (e->op == '*') {
			scan_expr(s, e->unop, false);
			if (!lvalue && reads_region(s, e->unop))
				event(s, EV_READ);
			break;
		}
		scan_expr(s, e->unop, false);
		if (e->op == SPECIAL_INCREMENT || e->op == SPECIAL_DECREMENT)
			note_store(s, e->unop);
		break;
	case EXPR_POSTOP:
		scan_expr(s, e->unop, false);
		note_store(s, e->unop);
		break;
	case EXPR_CAST:
	case EXPR_IMPLIED_CAST:
	case EXPR_FORCE_CAST:
		scan_expr(s, e->cast_expression, lvalue);
		break;
	case EXPR_BINOP:
	case EXPR_COMMA:
	case EXPR_COMPARE:
	case EXPR_LOGICAL:
		scan_expr(s, e->left, false);
		scan_expr(s, e->right, false);
		break;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		scan_expr(s, e->conditional, false);
		scan_expr(s, e->cond_true, false);
		scan_expr(s, e->cond_false, false);
		break;
	case EXPR_STATEMENT:
		scan_stmt(s, e->statement);
		break;
	default:
		break;
	}
}

static void scan_stmt(struct scan *s, struct statement *st)
{
	struct statement *sub;
	struct symbol *sym;
	bool before;

	if (!st || s->first != EV_NONE)
		return;
	switch (st->type) {
	case STMT_DECLARATION:
		FOR_EACH_PTR(st->declaration, sym) {
			if (sym->initializer)
				scan_expr(s, sym->initializer, false);
		} END_FOR_EACH_PTR(sym);
		break;
	case STMT_EXPRESSION:
		scan_expr(s, st->expression, false);
		break;
	case STMT_COMPOUND:
		FOR_EACH_PTR(st->stmts, sub) {
			scan_stmt(s, sub);
		} END_FOR_EACH_PTR(sub);
		break;
	case STMT_IF:
		scan_expr(s, st->if_conditional, false);
		scan_stmt(s, st->if_true);
		scan_stmt(s, st->if_false);
		break;
	case STMT_RETURN:
		scan_expr(s, st->ret_value, false);
		break;
	case STMT_SWITCH:
		scan_expr(s, st->switch_expression, false);
		scan_stmt(s, st->switch_statement);
		break;
	case STMT_CASE:
		scan_stmt(s, st->case_statement);
		break;
	case STMT_ITERATOR:
		before = s->seen;
		scan_stmt(s, st->iterator_pre_statement);
		scan_expr(s, st->iterator_pre_condition, false);
		scan_stmt(s, st->iterator_statement);
		scan_stmt(s, st->iterator_post_statement);
		scan_expr(s, st->iterator_post_condition, false);
		/* a loop the site is in comes round: its test, then its body */
		if (s->seen && !before) {
			scan_expr(s, st->iterator_pre_condition, false);
			scan_stmt(s, st->iterator_statement);
		}
		break;
	case STMT_LABEL:
		scan_stmt(s, st->label_statement);
		break;
	default:
		break;
	}
}

static void region_of(struct model *m, struct func *fn, struct expression *ptr,
		      struct expression *size, int alloc, struct region *r)
{
	long long c;

	memset(r, 0, sizeof(*r));
	if (ptr) {
		r->root = decompose(ptr, &r->off, &r->has_off);
		r->has_abs = alloc >= 0 && abs_offset(m, fn, ptr, alloc, &r->abs);
	}
	if (size && m_const_value(size, &c) && c > 0) {
		r->size = c;
		r->has_size = true;
	}
}

/* A region of @fn seen from a call @c of it: each parameter is what @c passes. */
static void region_in_caller(struct func *fn, struct call *c, const struct region *in,
			     struct region *out)
{
	struct symbol *f = m_base(fn->sym), *arg;
	int k = 0;

	*out = *in;
	if (!f)
		return;
	FOR_EACH_PTR(f->arguments, arg) {
		if (k < c->nargs && out->nr_subst < MAX_SUBST) {
			out->subst[out->nr_subst].param = arg;
			out->subst[out->nr_subst++].arg = c->args[k];
		}
		k++;
	} END_FOR_EACH_PTR(arg);
}

/*
 * The first event after @call in @fn for buffer @alloc, @ptr the site's
 * pointer (or NULL) and @r the region it syncs.
 */
static enum pos_event first_after(struct model *m, struct func *fn, struct expression *call,
				  struct expression *ptr, const struct region *r, int alloc)
{
	struct scan s = { m, fn, call, false, alloc, EV_NONE };
	struct symbol *f = m_base(fn->sym);

	add_paths(&s, ptr, 0);
	s.ptr = ptr;
	s.r = r;
	if (f && f->stmt)
		scan_stmt(&s, f->stmt);
	return s.first;
}

static int position_in(struct model *m, struct func *fn, struct expression *call,
		       struct expression *ptr, const struct region *r, int alloc, int depth,
		       int *level)
{
	enum pos_event ev;
	int i, k, res = POS_NONE, lv = 0, deepest = 0;

	if (!fn)
		return POS_NONE;
	ev = first_after(m, fn, call, ptr, r, alloc);
	*level = 0;
	if (ev == EV_KICK)
		return POS_DEVICE;
	if (ev == EV_READ)
		return POS_CPU;
	if (ev == EV_END || depth <= 0)
		return POS_NONE;
	k = m_param_index(m, fn, ptr);
	for (i = 0; i < m->nr_calls; i++) {
		struct call *c = &m->calls[i];
		struct region up;
		int res_c;

		if (c->name != fn->name || !c->in || c->in == fn)
			continue;
		if (k >= 0 && k < c->nargs) {
			region_of(m, c->in, c->args[k], NULL, alloc, &up);
			up.size = r->size;
			up.has_size = r->has_size;
		} else {
			region_in_caller(fn, c, r, &up);
		}
		res_c = position_in(m, c->in, c->expr, k >= 0 && k < c->nargs ? c->args[k] : NULL,
				    &up, alloc, depth - 1, &lv);
		if (res_c == POS_NONE)
			continue;
		if (lv + 1 > deepest)
			deepest = lv + 1;
		if (res != POS_NONE && res != res_c)
			return POS_MIXED;
		res = res_c;
	}
	*level = deepest;
	return res;
}

/*
 * POS_CPU, POS_DEVICE, POS_MIXED (callers disagree) or POS_NONE, for a
 * sync of @q->alloc at @call in @fn of the pointer @q->ptr and
 * @q->size (or NULL); @depth bounds the climb to callers (a pointer
 * that is a parameter of @fn is followed as what each caller passes, one
 * read through a parameter as read through what the caller passes).
 * @q->level says how far up the answer came from (0: @fn itself).
 */
int m_position(struct model *m, struct func *fn, struct expression *call,
	       struct pos_query *q, int depth)
{
	struct region r;

	region_of(m, fn, q->ptr, q->size, q->alloc, &r);
	r.no_reads = q->ignore_reads;
	return position_in(m, fn, call, q->ptr, &r, q->alloc, depth, &q->level);
}
