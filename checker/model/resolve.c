// SPDX-License-Identifier: GPL-2.0
/*
 * Which buffer does a pointer or a DMA handle name?
 *
 * Values are followed through sparse's SSA definitions within their
 * function: casts, constant and variable offsets, phis, up to a root: a
 * load from a struct field (by the struct's type and the offset: struct
 * foo + 8 is "priv->ring" in every function), a global, a call's result,
 * a parameter.  What a field, a global or a call's result points into is
 * the driver model's answer (ask.c), so a buffer allocated in probe() is
 * found again in the interrupt handler; a parameter stands for what each
 * caller passes (the helper summaries map it at the call).  Per-pseudo
 * answers are cached for the current function only.
 *
 * Kept here, because they are no facts the model has: the memory of the
 * function's own address-taken locals (&h given to an allocation,
 * key_params.key_iova), stand-ins for memory no allocation of the unit
 * shows (a handle field synced in a file that does not allocate it), and
 * what fields hold of an allocation that returns a struct page or an
 * sg_table (the model has no value for those; see ask.c).
 */
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ask.h"
#include "engine/summary.h"
#include "hashmap.h"
#include "model.h"
#include "scope.h"
#include "target.h"

/* The tables: a key and up to three buffers (see the roles in ask.h). */
struct map_entry {
	struct hashmap_key key;
	void *val[3];		/* cpu pointer, handle, sg table */
	long long off[3];	/* memory: the offset into the buffer it holds */
	bool moves[3];		/* ... a pointer walked along the buffer (several offsets) */
};

/*
 * (local variable, offset) -> buffers: the function's own memory; and
 * (struct type or global, offset) -> what a field holds of a struct page
 * or sg_table allocation, which the model has no value for.
 */
static struct hashmap memory = HASHMAP_INIT(struct map_entry);
/* (struct type or variable, offset) -> a stand-in for memory no allocation shows */
static struct hashmap standins = HASHMAP_INIT(struct map_entry);
/* allocation/map instruction -> buffer */
static struct hashmap by_call = HASHMAP_INIT(struct map_entry);
/* (function, parameter) -> buffer per kind */
static struct hashmap params = HASHMAP_INIT(struct map_entry);
/* map or dma_cache_sync() call -> its buffer */
static struct hashmap implicit_at = HASHMAP_INIT(struct map_entry);

/* keys of a loop's cursor and of what is computed from it, this function */
struct key_entry {
	struct hashmap_key key;
};
static struct hashmap cursor_keys = HASHMAP_INIT(struct key_entry);

static struct entrypoint *cur_ep;
static unsigned int gen;
static int nr_buffers;

/* ---- types ---- */

static struct symbol *strip_node(struct symbol *sym)
{
	while (sym && sym->type == SYM_NODE)
		sym = sym->ctype.base_type;
	return sym;
}

static struct symbol *arg_symbol(int nr)
{
	struct symbol *fn = strip_node(cur_ep->name), *arg;
	int i = 1;

	if (!fn || fn->type != SYM_FN)
		return NULL;
	FOR_EACH_PTR(fn->arguments, arg) {
		if (i++ == nr)
			return arg;
	} END_FOR_EACH_PTR(arg);
	return NULL;
}

/*
 * "struct foo *priv = data;" and "struct foo *lp = netdev_priv(dev);":
 * the local's type says what a void * parameter or call result points
 * to, but after sparse's SSA conversion only the untyped value is left.
 * The initializers of the function's locals give the types back: by
 * parameter, or by the position of the call.
 */
#define MAX_RETYPE 64

static struct {
	struct symbol *arg_type[16];
	struct { struct position pos; struct symbol *type; } calls[MAX_RETYPE];
	int nr_calls;
	/* struct-pointer locals by name: the SSA value keeps the name, not the type */
	struct { const struct ident *ident; struct symbol *type; } locals[MAX_RETYPE];
	int nr_locals;
	/* locals cast from an integer at their line: (struct h *)host->hostdata[0] */
	struct { struct position pos; struct symbol *type; } casts[MAX_RETYPE];
	int nr_casts;
} retype;

static bool is_struct_ptr(struct symbol *t)
{
	t = strip_node(t);
	if (!t || t->type != SYM_PTR)
		return false;
	t = strip_node(t->ctype.base_type);
	return t && (t->type == SYM_STRUCT || t->type == SYM_UNION);
}

static struct expression *strip_cast_expr(struct expression *e)
{
	while (e && (e->type == EXPR_CAST || e->type == EXPR_IMPLIED_CAST ||
		     e->type == EXPR_FORCE_CAST))
		e = e->cast_expression;
	return e;
}

static void retype_call(struct expression *call, struct symbol *type)
{
	if (retype.nr_calls >= MAX_RETYPE || !is_struct_ptr(type))
		return;
	retype.calls[retype.nr_calls].pos = call->pos;
	retype.calls[retype.nr_calls++].type = strip_node(type);
}

/* "priv = netdev_priv(dev);": an assignment says it as well. */
static void retype_assignment(struct expression *e)
{
	struct expression *lhs, *rhs;

	if (!e || e->type != EXPR_ASSIGNMENT || e->op != '=')
		return;
	lhs = e->left;
	rhs = strip_cast_expr(e->right);
	if (lhs && lhs->type == EXPR_PREOP && lhs->op == '*')
		lhs = lhs->unop;
	if (!lhs || lhs->type != EXPR_SYMBOL || !lhs->symbol || !rhs ||
	    rhs->type != EXPR_CALL)
		return;
	retype_call(rhs, lhs->symbol->ctype.base_type);
}

static void retype_walk(struct statement *s, int depth)
{
	struct statement *sub;

	if (!s || depth > 64)
		return;
	switch (s->type) {
	case STMT_EXPRESSION:
		retype_assignment(s->expression);
		break;
	case STMT_COMPOUND:
		FOR_EACH_PTR(s->stmts, sub) {
			retype_walk(sub, depth + 1);
		} END_FOR_EACH_PTR(sub);
		break;
	case STMT_IF:
		retype_walk(s->if_true, depth + 1);
		retype_walk(s->if_false, depth + 1);
		break;
	case STMT_SWITCH:
		retype_walk(s->switch_statement, depth + 1);
		break;
	case STMT_ITERATOR:
		retype_walk(s->iterator_pre_statement, depth + 1);
		retype_walk(s->iterator_statement, depth + 1);
		break;
	case STMT_LABEL:
		retype_walk(s->label_statement, depth + 1);
		break;
	case STMT_CASE:
		retype_walk(s->case_statement, depth + 1);
		break;
	default:
		break;
	}
}

/*
 * A local of struct-pointer type, by name (a name two locals share with
 * different types names none).
 */
static void retype_local(struct symbol *sym, struct symbol *t)
{
	int i;

	if (!sym->ident || !is_struct_ptr(t))
		return;
	for (i = 0; i < retype.nr_locals; i++) {
		if (retype.locals[i].ident != sym->ident)
			continue;
		if (retype.locals[i].type != t)
			retype.locals[i].type = NULL;
		return;
	}
	if (retype.nr_locals < MAX_RETYPE) {
		retype.locals[retype.nr_locals].ident = sym->ident;
		retype.locals[retype.nr_locals++].type = t;
	}
}

static struct symbol *local_type(const struct ident *ident)
{
	int i;

	for (i = 0; ident && i < retype.nr_locals; i++)
		if (retype.locals[i].ident == ident)
			return retype.locals[i].type;
	return NULL;
}

static void learn_local_types(struct entrypoint *ep)
{
	struct symbol *fn = strip_node(ep->name);
	struct symbol *sym, *t;
	int k;

	memset(&retype, 0, sizeof(retype));
	FOR_EACH_PTR(ep->syms, sym) {
		struct expression *init = strip_cast_expr(sym->initializer);

		t = strip_node(sym->ctype.base_type);
		retype_local(sym, t);
		if (sym->initializer && sym->initializer != init && is_struct_ptr(t) &&
		    init && !is_struct_ptr(init->ctype) && retype.nr_casts < MAX_RETYPE) {
			retype.casts[retype.nr_casts].pos = sym->initializer->pos;
			retype.casts[retype.nr_casts++].type = t;
		}
		if (!init || !is_struct_ptr(t))
			continue;
		/* sparse reads a variable as *(&var) */
		if (init->type == EXPR_PREOP && init->op == '*' && init->unop &&
		    init->unop->type == EXPR_SYMBOL)
			init = init->unop;
		if (init->type == EXPR_SYMBOL) {
			for (k = 1; k < 16; k++) {
				struct symbol *arg = arg_symbol(k);

				if (!arg)
					break;
				if (arg == init->symbol && !is_struct_ptr(arg->ctype.base_type))
					retype.arg_type[k] = t;
			}
		} else if (init->type == EXPR_CALL) {
			retype_call(init, t);
		}
	} END_FOR_EACH_PTR(sym);
	if (fn && fn->type == SYM_FN)
		retype_walk(fn->stmt, 0);
}

static struct symbol *call_type(struct instruction *insn)
{
	int i;

	for (i = 0; i < retype.nr_calls; i++) {
		struct position *p = &retype.calls[i].pos;

		if (p->stream == insn->pos.stream && p->line == insn->pos.line &&
		    p->pos == insn->pos.pos)
			return retype.calls[i].type;
	}
	return NULL;
}

/* The type a local declared at @insn's line casts an integer load to. */
static struct symbol *cast_type(struct instruction *insn)
{
	struct symbol *t = NULL;
	int i;

	for (i = 0; i < retype.nr_casts; i++) {
		struct position *p = &retype.casts[i].pos;

		if (p->stream != insn->pos.stream || p->line != insn->pos.line)
			continue;
		if (t && t != retype.casts[i].type)
			return NULL;
		t = retype.casts[i].type;
	}
	return t;
}

static struct symbol *value_type(pseudo_t p)
{
	struct symbol *arg, *t;

	switch (p->type) {
	case PSEUDO_ARG:
		if (p->nr > 0 && p->nr < 16 && retype.arg_type[p->nr])
			return retype.arg_type[p->nr];
		arg = arg_symbol(p->nr);
		return arg ? strip_node(arg->ctype.base_type) : NULL;
	case PSEUDO_REG:
		if (!p->def)
			return NULL;
		t = strip_node(p->def->type);
		if (p->def->opcode == OP_CALL && !is_struct_ptr(t))
			return call_type(p->def) ?: t;
		/* (struct h *)host->hostdata[0]: the cast is gone, the local's name is left */
		if (!is_struct_ptr(t) && local_type(p->ident))
			return local_type(p->ident);
		/* ... or only its line: a load of an integer there */
		if (!is_struct_ptr(t) && p->def->opcode == OP_LOAD)
			return cast_type(p->def) ?: t;
		return t;
	default:
		return NULL;
	}
}

/* The struct a pointer value points to, or NULL. */
static void note_field_type(pseudo_t addr, long long offset);
static void note_value_type(struct symbol *t);
static void note_alloc_types(void);
static struct symbol *member_sym_at(struct symbol *type, long long offset);
static long long pointee_size(struct symbol *t);

static struct symbol *pointee_struct(pseudo_t p)
{
	struct symbol *t = value_type(p);

	if (!t || t->type != SYM_PTR)
		return NULL;
	t = strip_node(t->ctype.base_type);
	if (t && (t->type == SYM_STRUCT || t->type == SYM_UNION))
		return t;
	return NULL;
}

static const char *member_at(struct symbol *type, long long offset)
{
	struct symbol *m;

	FOR_EACH_PTR(type->symbol_list, m) {
		long long size = bits_to_bytes(m->bit_size);
		struct symbol *mt;

		/* zero-size markers (flexible arrays, __cloned_offset[0]) */
		if (size <= 0 ? offset != m->offset || m->bit_size == 0 :
		    offset < m->offset || offset >= m->offset + size)
			continue;
		if (m->ident)
			return dmc_ident_name(m->ident);
		mt = strip_node(m->ctype.base_type);
		if (mt && (mt->type == SYM_STRUCT || mt->type == SYM_UNION))
			return member_at(mt, offset - m->offset);
	} END_FOR_EACH_PTR(m);
	return NULL;
}

/*
 * A memory location as the registry knows it: a variable and an offset,
 * or a struct type and an offset (any object of that type).
 */
static bool location_of(pseudo_t addr, long long offset, const void **key, long long *off)
{
	struct symbol *st;

	/*
	 * Through a cast to a struct pointer ((struct h *)host->hostdata[0]):
	 * the struct the load reads is the cast's, whatever the value was.
	 */
	if (addr && addr->type == PSEUDO_REG &&
	    (addr->def->opcode == OP_UTPTR || addr->def->opcode == OP_PTRCAST)) {
		st = pointee_struct(addr);
		if (st) {
			*key = st;
			*off = offset;
			return true;
		}
	}
	addr = dmc_strip_casts(addr);
	while (addr && addr->type == PSEUDO_REG && addr->def->opcode == OP_ADD &&
	       addr->def->src2->type == PSEUDO_VAL) {
		offset += addr->def->src2->value;
		addr = dmc_strip_casts(addr->def->src1);
	}
	if (!addr)
		return false;
	if (addr->type == PSEUDO_REG && addr->def->opcode == OP_SYMADDR)
		addr = addr->def->src;
	if (addr->type == PSEUDO_SYM) {
		*key = addr->sym;
		*off = offset;
		return true;
	}
	st = pointee_struct(addr);
	if (!st)
		return false;
	*key = st;
	*off = offset;
	return true;
}

const char *resolve_name(pseudo_t p, long long offset)
{
	static char bufs[4][160];
	static int next;
	char *buf;
	const char *base, *member;
	struct symbol *arg, *st;

	p = dmc_strip_casts(p);
	if (!p)
		return NULL;
	switch (p->type) {
	case PSEUDO_ARG:
		arg = arg_symbol(p->nr);
		return arg && arg->ident ? dmc_ident_name(arg->ident) : NULL;
	case PSEUDO_SYM:
		return p->sym && p->sym->ident ? dmc_ident_name(p->sym->ident) : NULL;
	case PSEUDO_PHI:
	case PSEUDO_REG:
		if (p->ident)
			return dmc_ident_name(p->ident);
		break;
	default:
		return NULL;
	}
	if (p->type != PSEUDO_REG)
		return NULL;
	if (p->def->opcode == OP_ADD && p->def->src2->type == PSEUDO_VAL)
		return resolve_name(p->def->src1, offset);
	if (p->def->opcode != OP_LOAD)
		return NULL;
	base = resolve_name(p->def->src, 0);
	if (!base)
		return NULL;
	if (p->def->src->type == PSEUDO_SYM) {
		st = strip_node(p->def->src->sym->ctype.base_type);
		member = st && (st->type == SYM_STRUCT || st->type == SYM_UNION) ?
			member_at(st, p->def->offset) : NULL;
		if (!member)
			return base;
		buf = bufs[next++ & 3];
		snprintf(buf, sizeof(bufs[0]), "%s.%s", base, member);
		return buf;
	}
	st = pointee_struct(p->def->src);
	member = st ? member_at(st, p->def->offset) : NULL;
	if (!member)
		return NULL;
	buf = bufs[next++ & 3];
	snprintf(buf, sizeof(bufs[0]), "%s->%s", base, member);
	return buf;
}

/* ---- buffers ---- */

struct buffer *resolve_new_buffer(const char *name)
{
	struct buffer *b = calloc(1, sizeof(*b));

	if (!b)
		die("dmacheck: out of memory");
	b->id = ++nr_buffers;
	b->name = name ? strdup(name) : NULL;
	b->dir = DIR_UNKNOWN;
	b->size = -1;
	b->type_size = -1;
	b->slot = -1;
	return b;
}

struct buffer *resolve_param_buffer(int nr, enum buf_kind kind)
{
	struct ident *fn = cur_ep->name->ident;
	struct map_entry *e = hashmap_add(&params, fn, nr);
	int role = kind == BK_HANDLE ? ROLE_HANDLE : ROLE_CPU;
	struct buffer *b = e->val[role];

	if (!b) {
		struct symbol *arg = arg_symbol(nr);

		b = resolve_new_buffer(arg && arg->ident ? dmc_ident_name(arg->ident) : "parameter");
		b->type_size = pointee_size(arg ? arg->ctype.base_type : NULL);
		b->param = nr;
		b->param_kind = kind;
		b->param_fn = fn;
		e->val[role] = b;
	}
	return b;
}

/* sizeof the struct a pointer type points to, or -1. */
static long long pointee_size(struct symbol *t)
{
	t = strip_node(t);
	if (!t || t->type != SYM_PTR)
		return -1;
	t = strip_node(t->ctype.base_type);
	if (!t || (t->type != SYM_STRUCT && t->type != SYM_UNION) || t->bit_size <= 0)
		return -1;
	return bits_to_bytes(t->bit_size);
}

/* Is @key (a location_of() key) a variable of a function, not a global? */
static bool local_var(const void *key)
{
	const struct symbol *sym = key;

	return sym->type == SYM_NODE && sym->scope && !toplevel(sym->scope);
}

static void name_from_path(struct buffer *b, pseudo_t addr, long long offset)
{
	const char *base, *member;
	struct symbol *st;
	char buf[160];

	if (b->name)
		return;
	addr = dmc_strip_casts(addr);
	base = resolve_name(addr, 0);
	st = addr ? pointee_struct(addr) : NULL;
	member = st ? member_at(st, offset) : NULL;
	if (base && member)
		snprintf(buf, sizeof(buf), "%s->%s", base, member);
	else if (member)
		snprintf(buf, sizeof(buf), "%s", member);
	else
		return;
	b->name = strdup(buf);
}

/*
 * Record what @ref names in memory at (@key, @off) for @role: the first
 * buffer stays (a made-up one gives way to an allocation or map); a
 * pointer into it at a fixed offset keeps the offset, one stored at
 * several offsets is walked along the buffer.
 */
static void remember(const void *key, long long off, int role, const struct bufref *ref)
{
	struct map_entry *e = hashmap_add(&memory, key, off);
	struct buffer *old = e->val[role];

	if (old && old != ref->buf) {
		if (old->api || old->param || !ref->buf->api)
			return;
		old = NULL;
	}
	e->val[role] = ref->buf;
	if (ref->akey || !ref->offset_known)
		e->moves[role] = true;
	else if (!old)
		e->off[role] = ref->offset;
	else if (e->off[role] != ref->offset)
		e->moves[role] = true;
}

/* An allocation's handle argument: &h of a local is the function's own memory. */
void resolve_learn_alloc(struct call_site *cs, struct buffer *buf)
{
	pseudo_t h = dmc_call_arg(cs, cs->api->handle);
	struct bufref ref = { .buf = buf, .offset_known = true };
	const void *key;
	long long off;

	if (h && location_of(h, 0, &key, &off) && local_var(key))
		remember(key, off, ROLE_HANDLE, &ref);
}

/*
 * A store of a buffer's pointer or handle: into the function's own
 * memory (a local, a local struct passed by address), and what a field
 * or global holds of a struct page or sg_table allocation.  Everything
 * else a field or a global holds is the model's.
 */
void resolve_learn_store(pseudo_t addr, long long offset, pseudo_t value)
{
	struct instruction *def;
	struct bufref ref;
	const void *key;
	long long off;
	bool local;

	value = dmc_strip_casts(value);
	if (!value || value->type != PSEUDO_REG)
		return;
	def = value->def;
	if (def->opcode != OP_CALL && def->opcode != OP_PHI && def->opcode != OP_SEL &&
	    def->opcode != OP_LOAD && def->opcode != OP_ADD)
		return;
	if (!location_of(addr, offset, &key, &off))
		return;
	local = local_var(key);
	if (resolve_ptr(value, &ref) && !ref.buf->param && ref.buf->api) {
		/* the model has no value for a page or sg_table allocation, nor what derives from it */
		bool gap = ref.buf->api->effect == FX_ALLOC && ref.buf->api->kind != BK_CPU;

		/*
		 * Only allocations are followed beyond the function: a
		 * streaming map is one packet's, and a field of a per-packet
		 * struct holds another one next time.
		 */
		if (!local && !gap) {
			/* a mapping where an allocation is kept: a fallback (vb2's dma_sgt) */
			struct map_entry *e = hashmap_find(&memory, key, off);
			struct buffer *old = e ? e->val[ref.meta ? ROLE_SGT : ROLE_CPU] : NULL;

			if (old && old != ref.buf && old->api && ref.buf->api->effect != FX_ALLOC) {
				old->ambiguous = true;
				if (old->coherent) {
					old->mixed_coherence = true;
					old->coherent = false;
				}
			}
			return;
		}
		remember(key, off, ref.meta ? ROLE_SGT : ROLE_CPU, &ref);
		if (ref.buf->api->effect == FX_ALLOC)
			note_field_type(addr, offset);
		return;
	}
	if (local && def->opcode == OP_CALL && resolve_handle(value, &ref) &&
	    !ref.buf->param && !ref.anchor && ref.buf->api)
		remember(key, off, ROLE_HANDLE, &ref);
}

/* ---- per-function resolution with a cache in pseudo->priv ---- */

struct res {
	unsigned int gen;
	unsigned char state[2];		/* 0 new, 1 busy, 2 done: ptr, handle */
	bool ok[2];
	struct bufref ref[2];
	unsigned char key_state;	/* 0 new, 1 busy (a phi), 2 done */
	unsigned char key_depth;	/* busy: its depth on the phi stack */
	unsigned long long key;
};

void resolve_begin(struct entrypoint *ep)
{
	cur_ep = ep;
	gen++;
	hashmap_clear(&cursor_keys, 16);
	learn_local_types(ep);
	note_alloc_types();
}

static struct res *res_of(pseudo_t p)
{
	struct res *r = p->priv;

	if (r && r->gen == gen)
		return r;
	if (!r) {
		r = calloc(1, sizeof(*r));
		if (!r)
			die("dmacheck: out of memory");
		p->priv = r;
	}
	memset(r, 0, sizeof(*r));
	r->gen = gen;
	return r;
}


/* ---- descriptor keys (resolve_key()) ---- */

#define KEY_CYCLE (1ULL << 62)		/* back to the phi at depth (key & 0xff) */
#define KEY_BITS (~(RESOLVE_KEY_LOCAL | KEY_CYCLE))
#define KEY_MAX_DEPTH 48

static unsigned long long key_mix(unsigned long long h, unsigned long long v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return h;
}

static unsigned long long key_make(unsigned long long h, bool local)
{
	h &= KEY_BITS;
	if (!h)
		h = 1;
	return local ? h | RESOLVE_KEY_LOCAL : h;
}

static unsigned long long key_own(pseudo_t p)
{
	return key_make(key_mix(5, (unsigned long long)(uintptr_t)p), true);
}

/* the values met on a cycle back to a phi: they take the phi's key */
static struct {
	pseudo_t p;
	int target;
} scc[256];
static int nr_scc, key_depth;

static unsigned long long key_of(pseudo_t p, int depth);


bool resolve_key_is_cursor(unsigned long long key)
{
	return key && hashmap_find(&cursor_keys, NULL, (long long)key) != NULL;
}

/* The bound @v (i or i + 1) is tested against: i < N, i <= N, i != N, at a branch. */
static bool cursor_bound(pseudo_t v, long long *bound)
{
	struct pseudo_user *pu, *pu2;
	bool found = false;

	FOR_EACH_PTR(v->users, pu) {
		struct instruction *cmp = pu->insn;
		long long n, b;
		bool branch = false;

		if (!cmp || !cmp->bb || dmc_strip_casts(cmp->src1) != v ||
		    !dmc_pseudo_const(cmp->src2, &n))
			continue;
		switch (cmp->opcode) {
		case OP_SET_LT: case OP_SET_B: case OP_SET_NE:
			b = n;
			break;
		case OP_SET_LE: case OP_SET_BE:
			b = n + 1;
			break;
		default:
			continue;
		}
		FOR_EACH_PTR(cmp->target->users, pu2) {
			branch |= pu2->insn && pu2->insn->bb && pu2->insn->opcode == OP_CBR;
		} END_FOR_EACH_PTR(pu2);
		if (!branch)
			continue;
		if (found && b != *bound)
			return false;
		*bound = b;
		found = true;
	} END_FOR_EACH_PTR(pu);
	return found;
}

bool resolve_cursor_extent(pseudo_t index, long long *lo, long long *hi, long long *size)
{
	pseudo_t p = dmc_strip_casts(index), idx, src, next = NULL;
	long long scale = 1, init = 0, bound = 0, v;
	bool have_init = false;
	struct instruction *def;

	if (!p || p->type != PSEUDO_REG || !p->def)
		return false;
	def = p->def;
	if ((def->opcode == OP_MUL || def->opcode == OP_SHL) &&
	    dmc_pseudo_const(def->src2, &v)) {
		scale = def->opcode == OP_MUL ? v : v >= 0 && v < 24 ? 1LL << v : 0;
		p = dmc_strip_casts(def->src1);
	}
	if (scale <= 0 || !p || p->type != PSEUDO_REG || !p->def || p->def->opcode != OP_PHI)
		return false;
	idx = p;
	FOR_EACH_PTR(idx->def->phi_list, src) {
		pseudo_t s;

		if (src == VOID || !src->def || src->def->opcode != OP_PHISOURCE)
			continue;
		s = dmc_strip_casts(src->def->phi_src);
		if (dmc_pseudo_const(s, &v)) {
			if (have_init && v != init)
				return false;
			init = v;
			have_init = true;
		} else if (s && s->type == PSEUDO_REG && s->def && s->def->opcode == OP_ADD &&
			   dmc_strip_casts(s->def->src1) == idx &&
			   dmc_pseudo_const(s->def->src2, &v) && v == 1 && (!next || next == s)) {
			next = s;
		} else {
			return false;
		}
	} END_FOR_EACH_PTR(src);
	if (!have_init || !next || init < 0)
		return false;
	if (!cursor_bound(idx, &bound) && !cursor_bound(next, &bound))
		return false;
	if (bound <= init || bound > (1LL << 24))
		return false;
	*lo = init * scale;
	*hi = bound * scale;
	*size = scale;
	return true;
}

static void scc_note(pseudo_t p, int target)
{
	if (nr_scc < (int)ARRAY_SIZE(scc)) {
		scc[nr_scc].p = p;
		scc[nr_scc++].target = target;
	}
}

static unsigned long long key_phi(pseudo_t p, struct instruction *def, int depth)
{
	struct res *r = res_of(p);
	unsigned long long agree = 0, k;
	int me = ++key_depth, outer = KEY_MAX_DEPTH + 1, mark = nr_scc, i;
	bool disagree = false, cyclic = false;
	pseudo_t src;

	r->key_state = 1;
	r->key_depth = me;
	FOR_EACH_PTR(def->phi_list, src) {
		pseudo_t v;

		if (src == VOID || !src->def || src->def->opcode != OP_PHISOURCE)
			continue;
		v = src->def->phi_src;
		if (v == VOID || v->type == PSEUDO_UNDEF)
			continue;
		k = key_of(v, depth + 1);
		if (k & KEY_CYCLE) {
			if ((int)(k & 0xff) < me && (int)(k & 0xff) < outer)
				outer = k & 0xff;
			cyclic = true;
			continue;
		}
		if (!agree)
			agree = k;
		else if (agree != k)
			disagree = true;
	} END_FOR_EACH_PTR(src);
	key_depth--;
	r = res_of(p);
	if (outer <= KEY_MAX_DEPTH) {
		/* on a cycle of an outer loop: decided with it */
		r->key_state = 0;
		scc_note(p, outer);
		return KEY_CYCLE | outer;
	}
	k = !agree || disagree ? key_own(p) : agree;
	if (mark < nr_scc || cyclic)
		hashmap_add(&cursor_keys, NULL, (long long)k);
	r->key_state = 2;
	r->key = k;
	for (i = mark; i < nr_scc; i++) {
		if (scc[i].target != me)
			continue;
		r = res_of(scc[i].p);
		r->key_state = 2;
		r->key = k;
	}
	nr_scc = mark;
	return k;
}

static unsigned long long key_of(pseudo_t p, int depth)
{
	struct instruction *def;
	unsigned long long a, b, k;
	const void *loc;
	long long off;
	struct res *r;

	p = dmc_strip_casts(p);
	if (!p || p == VOID)
		return key_make(7, false);
	switch (p->type) {
	case PSEUDO_VAL:
		return key_make(key_mix(3, p->value), false);
	case PSEUDO_SYM:
		return key_make(key_mix(2, (uintptr_t)p->sym), false);
	case PSEUDO_ARG:
		return key_make(key_mix(key_mix(1, p->nr), (uintptr_t)cur_ep), true);
	case PSEUDO_PHI:
		if (p->def && p->def->opcode == OP_PHISOURCE && depth < KEY_MAX_DEPTH)
			return key_of(p->def->phi_src, depth + 1);
		return key_own(p);
	case PSEUDO_REG:
		break;
	default:
		return key_own(p);
	}
	r = res_of(p);
	if (r->key_state == 2)
		return r->key;
	if (r->key_state == 1)
		return KEY_CYCLE | r->key_depth;
	def = p->def;
	if (!def || depth >= KEY_MAX_DEPTH || key_depth >= KEY_MAX_DEPTH)
		return key_own(p);
	switch (def->opcode) {
	case OP_PHI:
		return key_phi(p, def, depth);
	case OP_LOAD:
		if (!location_of(def->src, def->offset, &loc, &off))
			k = key_own(p);
		else
			k = key_make(key_mix(key_mix(4, (uintptr_t)loc), off), false);
		break;
	case OP_ADD: case OP_MUL: case OP_SUB: case OP_DIVU: case OP_DIVS:
	case OP_MODU: case OP_MODS: case OP_LSR: case OP_ASR: case OP_SHL:
	case OP_AND: case OP_OR: case OP_XOR:
		a = key_of(def->src1, depth + 1);
		b = key_of(def->src2, depth + 1);
		/* decided meanwhile: on the cycle of a phi met below */
		r = res_of(p);
		if (r->key_state == 2)
			return r->key;
		if ((a | b) & KEY_CYCLE) {
			int t = (a & KEY_CYCLE) ? (int)(a & 0xff) : KEY_MAX_DEPTH + 1;

			if ((b & KEY_CYCLE) && (int)(b & 0xff) < t)
				t = b & 0xff;
			scc_note(p, t);
			return KEY_CYCLE | t;
		}
		/* commutative operators: one order */
		if ((def->opcode == OP_ADD || def->opcode == OP_MUL || def->opcode == OP_AND ||
		     def->opcode == OP_OR || def->opcode == OP_XOR) && a > b) {
			unsigned long long t = a;

			a = b;
			b = t;
		}
		k = key_make(key_mix(key_mix(key_mix(6, def->opcode), a), b),
			     ((a | b) & RESOLVE_KEY_LOCAL) != 0);
		if (resolve_key_is_cursor(a) || resolve_key_is_cursor(b))
			hashmap_add(&cursor_keys, NULL, (long long)k);
		break;
	default:
		k = key_own(p);
		break;
	}
	r = res_of(p);
	r->key_state = 2;
	r->key = k;
	return k;
}

unsigned long long resolve_key(pseudo_t p)
{
	unsigned long long k;

	nr_scc = 0;
	key_depth = 0;
	k = key_of(p, 0);
	if (k & KEY_CYCLE)	/* cannot happen from outside a cycle */
		k = key_own(dmc_strip_casts(p));
	return k;
}

static bool resolve(pseudo_t p, int role, struct bufref *ref);
static struct symbol *pointee_struct(pseudo_t p);

static void set_ref(struct bufref *ref, struct buffer *buf)
{
	memset(ref, 0, sizeof(*ref));
	ref->buf = buf;
	ref->offset_known = true;
}

static bool join_refs(struct bufref *acc, bool *have, const struct bufref *r, pseudo_t self)
{
	if (!*have) {
		*acc = *r;
		*have = true;
		return true;
	}
	if (acc->buf != r->buf)
		return false;
	if (acc->akey != r->akey || acc->offset_known != r->offset_known ||
	    acc->offset != r->offset) {
		acc->anchor = self;
		acc->akey = resolve_key(self);
		acc->offset = 0;
		acc->offset_known = true;
		acc->nested = acc->nested && r->nested;
	}
	return true;
}

static bool resolve_merge(struct instruction *def, int role, struct bufref *ref, pseudo_t self)
{
	bool have = false;
	struct bufref r;
	pseudo_t src;

	if (def->opcode == OP_SEL) {
		pseudo_t s[2] = { def->src2, def->src3 };
		int i;

		for (i = 0; i < 2; i++) {
			if (s[i]->type == PSEUDO_VAL && !s[i]->value)
				continue;
			if (!resolve(s[i], role, &r) || !join_refs(ref, &have, &r, self))
				return false;
		}
		return have;
	}
	FOR_EACH_PTR(def->phi_list, src) {
		pseudo_t v;

		if (src == VOID || !src->def || src->def->opcode != OP_PHISOURCE)
			continue;
		v = src->def->phi_src;
		if (v->type == PSEUDO_VAL && !v->value)
			continue;
		if (v->type == PSEUDO_UNDEF || v == VOID)
			continue;
		if (!resolve(v, role, &r) || !join_refs(ref, &have, &r, self))
			return false;
	} END_FOR_EACH_PTR(src);
	return have;
}

/*
 * A stand-in for memory no allocation of the unit shows, known by the
 * field it is read from: the same in every function.
 */
static struct buffer *implicit_field_buffer(struct instruction *load, int role)
{
	const void *key;
	long long off;
	struct map_entry *e;
	struct buffer *b;

	if (!location_of(load->src, load->offset, &key, &off))
		return NULL;
	e = hashmap_find(&standins, key, off);
	if (e && e->val[role])
		return e->val[role];
	{
		struct symbol *st = pointee_struct(dmc_strip_casts(load->src));
		struct symbol *m = st ? member_sym_at(st, load->offset) : NULL;

		b = resolve_new_buffer(NULL);
		b->type_size = pointee_size(m ? m->ctype.base_type : NULL);
		name_from_path(b, load->src, load->offset);
	}
	e = hashmap_add(&standins, key, off);
	e->val[role] = b;
	return b;
}

/* Which pointer does the offset @off (handle - base) come from? */
static bool anchor_from_offset(pseudo_t off, struct bufref *ref)
{
	struct instruction *def;
	struct bufref pr, br;

	off = dmc_strip_casts(off);
	if (!off || off->type != PSEUDO_REG)
		return false;
	def = off->def;
	if (def->opcode != OP_SUB)
		return false;
	if (!resolve(def->src1, ROLE_CPU, &pr))
		return false;
	/*
	 * base: the buffer's own start; a stand-in's CPU field (the handle
	 * field's partner in handle + (p - base)) is the stand-in too
	 */
	if (!resolve(def->src2, ROLE_CPU, &br) && ref->buf && !ref->buf->api &&
	    !ref->buf->param) {
		pseudo_t b = dmc_strip_casts(def->src2);
		const void *key;
		long long o;

		if (b && b->type == PSEUDO_REG && b->def->opcode == OP_LOAD &&
		    location_of(b->def->src, b->def->offset, &key, &o)) {
			struct map_entry *e = hashmap_add(&standins, key, o);

			if (!e->val[ROLE_CPU])
				e->val[ROLE_CPU] = ref->buf;
		}
	}
	if (pr.buf->param) {
		/* a helper's parameter pointing into the buffer */
		if (!ref->buf)
			return false;
		ref->anchor = dmc_strip_casts(def->src1);
		ref->akey = resolve_key(def->src1);
		ref->offset = 0;
		ref->offset_known = true;
		return true;
	}
	ref->anchor = pr.anchor;
	ref->akey = pr.akey;
	ref->offset = pr.offset;
	ref->offset_known = pr.offset_known;
	if (!ref->buf || ref->buf->param)
		ref->buf = pr.buf;
	return true;
}

static bool resolve_add(struct instruction *def, int role, struct bufref *ref, pseudo_t self)
{
	pseudo_t a = def->src1, b = def->src2;

	if (!resolve(a, role, ref)) {
		pseudo_t t = a;

		a = b;
		b = t;
		if (!resolve(a, role, ref)) {
			/* handle + (p - base), with the handle's field unseen */
			if (role == ROLE_HANDLE) {
				memset(ref, 0, sizeof(*ref));
				return anchor_from_offset(b, ref) ||
				       anchor_from_offset(a, ref);
			}
			return false;
		}
	}
	if (b->type == PSEUDO_VAL) {
		ref->offset += b->value;
		return true;
	}
	if (role == ROLE_HANDLE && anchor_from_offset(b, ref))
		return true;
	if (!ref->akey) {
		/* base + variable offset: the offset value names the part */
		ref->anchor = dmc_strip_casts(b);
		ref->akey = resolve_key(b);
		if (!ref->offset_known)
			ref->offset = 0;
		ref->offset_known = true;
	} else {
		/* an index inside a descriptor: a part of it, not the ring's cursor */
		ref->anchor = self;
		ref->akey = resolve_key(self);
		ref->offset = 0;
		ref->nested = true;
	}
	return true;
}

static bool resolve_call(struct instruction *insn, int role, struct bufref *ref)
{
	struct call_site *cs = dmc_call_site_of(insn);
	const struct summary *sum;
	struct map_entry *e;

	if (!cs)
		return false;
	if (cs->api) {
		switch (cs->api->effect) {
		case FX_ALLOC:
		case FX_MAP:
			e = hashmap_find(&by_call, insn, 0);
			if (!e || !e->val[0])
				return false;
			if ((role == ROLE_HANDLE) != (cs->api->effect == FX_MAP))
				return false;
			set_ref(ref, e->val[0]);
			ref->meta = role == ROLE_CPU && cs->api->kind != BK_CPU;
			return true;
		case FX_DERIVE:
			if (role != ROLE_CPU ||
			    !resolve(dmc_call_arg(cs, cs->api->buf), ROLE_CPU, ref))
				return false;
			/* page_address(), vmap: memory; virt_to_page(): its page */
			ref->meta = cs->api->kind == BK_CPU;
			return true;
		default:
			return false;
		}
	}
	sum = cs->insn->func->sym ? summary_of(cs->insn->func->sym->ident) : NULL;
	if (role == ROLE_HANDLE && sum && sum->handle_of > 0)
		return resolve(dmc_call_arg(cs, sum->handle_of - 1), ROLE_CPU, ref);
	/*
	 * A translation helper the model knows, whose body is not in this
	 * file (another file of the unit): its handle is that of the
	 * pointer it is given, so a sync of it is a sync of that pointer.
	 */
	if (role == ROLE_HANDLE && cs->insn->func->type == PSEUDO_SYM) {
		int ptr = resolve_ask_translator(cs->insn->func->sym);

		if (ptr >= 0 && resolve(dmc_call_arg(cs, ptr), ROLE_CPU, ref))
			return true;
	}
	/* what the unit's function returns, as the model says */
	return cs->insn->func->type == PSEUDO_SYM &&
	       resolve_ask_call(cs->insn->func->sym, role, insn->target, ref);
}

/*
 * A load: what the field or global holds (the model), what the
 * function's own memory holds, or a stand-in made earlier for it.
 */
static bool resolve_load(pseudo_t p, struct instruction *def, int role, struct bufref *ref)
{
	const void *key;
	long long off;
	struct map_entry *e;
	const struct symbol *sym;
	int r = role;

	if (!location_of(def->src, def->offset, &key, &off))
		return false;
	sym = key;
	if (sym->type != SYM_NODE ?
	    resolve_ask_field((struct symbol *)sym, off, role, p, ref) :
	    !local_var(sym) && resolve_ask_global((struct symbol *)sym, off, role, p, ref)) {
		if (role == ROLE_CPU)
			note_value_type(def->type);
		return true;
	}
	e = hashmap_find(&memory, key, off);
	if (e && !e->val[r] && role == ROLE_CPU && e->val[ROLE_SGT])
		r = ROLE_SGT;
	if (e && e->val[r]) {
		set_ref(ref, e->val[r]);
		ref->meta = r == ROLE_SGT;
		if (e->moves[r]) {
			/* the pointer kept there names the descriptor */
			ref->anchor = p;
			ref->akey = resolve_key(p);
		} else {
			ref->offset = e->off[r];
		}
		return true;
	}
	e = hashmap_find(&standins, key, off);
	if (!e || !e->val[role])
		return false;
	set_ref(ref, e->val[role]);
	return true;
}

static bool resolve_def(pseudo_t p, int role, struct bufref *ref)
{
	struct instruction *def = p->def;

	switch (def->opcode) {
	case OP_ZEXT: case OP_SEXT: case OP_TRUNC:
	case OP_PTRCAST: case OP_UTPTR: case OP_PTRTU: case OP_COPY:
		return resolve(def->src, role, ref);
	case OP_ADD:
		return resolve_add(def, role, ref, p);
	case OP_SUB:
		if (role == ROLE_CPU || def->src2->type != PSEUDO_VAL)
			return false;
		if (!resolve(def->src1, role, ref))
			return false;
		ref->offset -= def->src2->value;
		return true;
	case OP_LOAD:
		return resolve_load(p, def, role, ref);
	case OP_CALL:
		return resolve_call(def, role, ref);
	case OP_PHI:
	case OP_SEL:
		return resolve_merge(def, role, ref, p);
	default:
		return false;
	}
}

static bool resolve(pseudo_t p, int role, struct bufref *ref)
{
	struct res *r;
	bool ok = false;

	if (!p || p == VOID)
		return false;
	switch (p->type) {
	case PSEUDO_REG:
	case PSEUDO_PHI:
	case PSEUDO_ARG:
	case PSEUDO_SYM:
		break;
	default:
		return false;
	}
	r = res_of(p);
	if (r->state[role == ROLE_HANDLE] == 2) {
		*ref = r->ref[role == ROLE_HANDLE];
		return r->ok[role == ROLE_HANDLE];
	}
	if (r->state[role == ROLE_HANDLE] == 1)
		return false;		/* a cycle through phis */
	r->state[role == ROLE_HANDLE] = 1;
	memset(ref, 0, sizeof(*ref));
	switch (p->type) {
	case PSEUDO_ARG:
		set_ref(ref, resolve_param_buffer(p->nr, role == ROLE_HANDLE ? BK_HANDLE : BK_CPU));
		ok = true;
		break;
	case PSEUDO_SYM:
		/*
		 * The address of a variable: the registry says what the
		 * variable holds, not what it is.  An array handed to a map
		 * is found through the cache resolve_implicit_cpu_buffer() fills.
		 */
		break;
	case PSEUDO_PHI:
		if (p->def && p->def->opcode == OP_PHISOURCE)
			ok = resolve(p->def->phi_src, role, ref);
		break;
	default:
		ok = resolve_def(p, role, ref);
		break;
	}
	r = res_of(p);
	r->state[role == ROLE_HANDLE] = 2;
	r->ok[role == ROLE_HANDLE] = ok;
	if (ok)
		r->ref[role == ROLE_HANDLE] = *ref;
	return ok;
}

bool resolve_ptr(pseudo_t p, struct bufref *ref)
{
	return resolve(p, ROLE_CPU, ref);
}

/*
 * A handle for a sync: if nothing in the file shows where it came from,
 * the field it was loaded from stands for the buffer.
 */
bool resolve_handle(pseudo_t p, struct bufref *ref)
{
	pseudo_t s;

	if (resolve(p, ROLE_HANDLE, ref))
		return true;
	s = dmc_strip_casts(p);
	if (s && s->type == PSEUDO_REG && s->def->opcode == OP_LOAD) {
		struct buffer *b = implicit_field_buffer(s->def, ROLE_HANDLE);

		if (b) {
			struct res *r = res_of(s);

			set_ref(ref, b);
			r->state[1] = 2;
			r->ok[1] = true;
			r->ref[1] = *ref;
			return true;
		}
	}
	return false;
}

/* The buffer an allocation or map call creates (the same in every pass). */
struct buffer *resolve_buffer_of_call(struct instruction *insn, bool create)
{
	struct map_entry *e = create ? hashmap_add(&by_call, insn, 0) :
					 hashmap_find(&by_call, insn, 0);

	if (!e)
		return NULL;
	if (!e->val[0]) {
		/* the allocation the model knows: the same buffer its fields name */
		struct buffer *b = resolve_ask_alloc_at(insn->pos) ?: resolve_new_buffer(NULL);

		e = hashmap_add(&by_call, insn, 0);
		e->val[0] = b;
	}
	return e->val[0];
}

void resolve_bind_call(struct instruction *insn, struct buffer *buf)
{
	struct map_entry *e = hashmap_add(&by_call, insn, 0);

	e->val[0] = buf;
}

/* A pointer the engine met unresolved at a map or dma_cache_sync(). */
struct buffer *resolve_implicit_cpu_buffer(pseudo_t p, bool meta, struct instruction *site)
{
	pseudo_t s = dmc_strip_casts(p);
	struct buffer *b = NULL;
	struct map_entry *e;
	struct res *r;

	if (!s || s->type == PSEUDO_VAL || s == VOID)
		return NULL;
	/*
	 * Not entered in the field registry: skb->data of one packet is
	 * not skb->data of the next.  It is this value, in this function,
	 * and the same buffer in every pass (keyed by the call that met it).
	 */
	e = hashmap_add(&implicit_at, site, 0);
	if (!e->val[0])
		e->val[0] = resolve_new_buffer(resolve_name(s, 0) ?:
				       dmc_source_ident(s->def ? s->def->pos : site->pos));
	b = e->val[0];
	r = res_of(s);
	set_ref(&r->ref[0], b);
	r->ref[0].meta = meta;
	r->state[0] = 2;
	r->ok[0] = true;
	if (s != p) {
		r = res_of(p);
		set_ref(&r->ref[0], b);
		r->ref[0].meta = meta;
		r->state[0] = 2;
		r->ok[0] = true;
	}
	return b;
}

/*
 * Struct types that live in DMA buffers (descriptors, rings): a volatile
 * store into one of them is a store to memory, not a register write.
 */
static struct hashmap buffer_types = HASHMAP_INIT(struct map_entry);

static void note_buffer_struct(struct symbol *st, int depth)
{
	struct map_entry *e;
	struct symbol *m;

	if (!st || depth > 4 || (st->type != SYM_STRUCT && st->type != SYM_UNION))
		return;
	e = hashmap_add(&buffer_types, st, 0);
	if (e->val[0])
		return;
	e->val[0] = st;
	FOR_EACH_PTR(st->symbol_list, m) {
		struct symbol *t = strip_node(m->ctype.base_type);

		while (t && t->type == SYM_ARRAY)
			t = strip_node(t->ctype.base_type);
		if (t && (t->type == SYM_STRUCT || t->type == SYM_UNION))
			note_buffer_struct(t, depth + 1);
	} END_FOR_EACH_PTR(m);
}

void resolve_note_buffer_access(pseudo_t addr)
{
	note_buffer_struct(pointee_struct(dmc_strip_casts(addr)), 0);
}

static struct symbol *member_sym_at(struct symbol *type, long long offset)
{
	struct symbol *m;

	FOR_EACH_PTR(type->symbol_list, m) {
		long long size = bits_to_bytes(m->bit_size);
		struct symbol *mt = strip_node(m->ctype.base_type);

		if (offset < m->offset || (offset >= m->offset + size && size > 0))
			continue;
		if (m->ident)
			return m;
		if (mt && (mt->type == SYM_STRUCT || mt->type == SYM_UNION))
			return member_sym_at(mt, offset - m->offset);
	} END_FOR_EACH_PTR(m);
	return NULL;
}

/* A field that holds a buffer's CPU pointer: its type is a buffer type. */
static void note_field_type(pseudo_t addr, long long offset)
{
	struct symbol *st = pointee_struct(dmc_strip_casts(addr)), *m, *t;

	m = st ? member_sym_at(st, offset) : NULL;
	if (!m)
		return;
	t = strip_node(m->ctype.base_type);
	if (t && t->type == SYM_PTR) {
		t = strip_node(t->ctype.base_type);
		if (t && (t->type == SYM_STRUCT || t->type == SYM_UNION))
			note_buffer_struct(t, 0);
	}
}

/* A pointer to a struct, read from where an allocation's pointer is kept. */
static void note_value_type(struct symbol *t)
{
	t = strip_node(t);
	if (t && t->type == SYM_PTR)
		note_buffer_struct(strip_node(t->ctype.base_type), 0);
}

/* The types the model's allocations are kept as (struct ring *) live in DMA memory. */
static void note_alloc_types(void)
{
	static struct model *noted;
	struct model *m = dmc_model();
	int i;

	if (!m || m == noted)
		return;
	noted = m;
	for (i = 0; i < model_nr_allocs(m); i++) {
		struct dm_alloc *a = model_alloc(m, i);

		if (a->cpu_type)
			note_value_type(a->cpu_type);
	}
}

/* The declared type of an address, qualifiers and all (not stripped). */
static struct symbol *addr_type(pseudo_t addr)
{
	struct symbol *arg;

	if (addr->type == PSEUDO_ARG) {
		arg = arg_symbol(addr->nr);
		return arg ? arg->ctype.base_type : NULL;
	}
	if (addr->type == PSEUDO_REG && addr->def)
		return addr->def->type;
	return NULL;
}

static bool iomem_pointer(pseudo_t addr)
{
	struct symbol *t;

	addr = dmc_strip_casts(addr);
	while (addr && addr->type == PSEUDO_REG && addr->def->opcode == OP_ADD)
		addr = dmc_strip_casts(addr->def->src1);
	if (!addr)
		return false;
	t = addr_type(addr);
	while (t && t->type == SYM_NODE) {
		if (t->ctype.as)
			return true;
		t = t->ctype.base_type;
	}
	if (!t || t->type != SYM_PTR)
		return false;
	/* the address space sits on the pointer or on its pointee's nodes */
	if (t->ctype.as)
		return true;
	for (t = t->ctype.base_type; t && t->type == SYM_NODE; t = t->ctype.base_type)
		if (t->ctype.as)
			return true;
	return t && t->ctype.as;
}

/* Is the struct a pointer points to declared volatile ("volatile struct regs *")? */
static bool points_to_volatile(pseudo_t addr)
{
	struct symbol *t;

	if (addr->type == PSEUDO_ARG) {
		struct symbol *arg = arg_symbol(addr->nr);

		t = arg ? arg->ctype.base_type : NULL;
	} else if (addr->type == PSEUDO_REG && addr->def) {
		t = addr->def->type;
	} else {
		return false;
	}
	while (t && t->type == SYM_NODE)
		t = t->ctype.base_type;
	if (!t || t->type != SYM_PTR)
		return false;
	if (t->ctype.modifiers & MOD_VOLATILE)
		return true;
	for (t = t->ctype.base_type; t && t->type == SYM_NODE; t = t->ctype.base_type)
		if (t->ctype.modifiers & MOD_VOLATILE)
			return true;
	return false;
}

/*
 * A store starts the device if it goes to an __iomem register, or to a
 * volatile register block: a struct declared volatile or a volatile
 * member ("regs->ctrl = 1" in old drivers), that is not a struct living
 * in DMA memory.  WRITE_ONCE() on plain memory is volatile too, but
 * through a cast: neither the struct nor the member is.
 */
bool resolve_store_is_kick(struct instruction *insn)
{
	struct symbol *st, *m;
	struct map_entry *e;
	pseudo_t base;

	if (iomem_pointer(insn->src))
		return true;
	if (!insn->is_volatile)
		return false;
	base = dmc_strip_casts(insn->src);
	st = base ? pointee_struct(base) : NULL;
	if (!st)
		return false;
	e = hashmap_find(&buffer_types, st, 0);
	if (e && e->val[0])
		return false;
	m = member_sym_at(st, insn->offset);
	if (m && (m->ctype.modifiers & MOD_VOLATILE))
		return true;
	return points_to_volatile(base);
}

/* The value stored is a buffer's pointer: its struct lives in DMA memory. */
void resolve_note_stored_type(struct instruction *store)
{
	struct bufref ref;
	struct symbol *t;

	if (!resolve_ptr(store->target, &ref) || ref.meta || ref.buf->param)
		return;
	t = strip_node(store->type);
	if (t && t->type == SYM_PTR)
		note_buffer_struct(strip_node(t->ctype.base_type), 0);
}
