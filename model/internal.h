/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model's own structures, shared by its files and by nothing else.
 * The public view is model.h.
 */
#ifndef MODEL_INTERNAL_H
#define MODEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "token.h"

#define MAX_ARGS 8
/* a fixpoint that has not settled after this many rounds is cut short */
#define MAX_ROUNDS 64

/* ---- the API tables (api.c) ---- */

enum m_effect {
	MX_NONE, MX_ALLOC, MX_FREE, MX_MAP, MX_MAP_ARG, MX_UNMAP, MX_TO_DEVICE,
	MX_TO_CPU, MX_CACHE_SYNC, MX_DERIVE, MX_KICK,
};

struct m_api {
	const char *name;
	int nargs;
	enum m_effect effect;
	bool old;		/* removed in 5.10 */
	bool cpu;		/* buffer/allocation is a CPU pointer */
	int buf, handle, size, dir, gfp, attrs;
};

/* what a call that is not DMA API gives (categories.def) */
enum m_role {
	ROLE_NONE,
	ROLE_GETTER,		/* accessors.def: private data of its argument */
	ROLE_SETTER,		/* the matching setter: dev_set_drvdata(dev, p) */
	ROLE_KMALLOC,		/* accessors.def allocators */
	ROLE_CATEGORY,		/* categories.def */
	ROLE_USER_COPY,		/* copy_to_user(): its user argument */
};

struct m_call_kind {
	enum m_role role;
	enum dm_kind kind;	/* ROLE_CATEGORY */
	int arg;		/* ROLE_SETTER: the value; ROLE_USER_COPY: the user pointer */
	struct ident *key;	/* GETTER/SETTER: the getter's name (the slot) */
};

const struct m_api *m_api_lookup(struct ident *name, int nargs);
/* the API name of a legacy-dma.h alias, or @name */
struct ident *m_api_canonical(struct ident *name);
struct m_call_kind m_call_kind(struct ident *name);
bool m_is_kick(struct ident *name);
#define ATTR_NON_CONSISTENT (1UL << 3)

/* ---- values and locations (vset.c) ---- */

enum { OFFK_CONST, OFFK_UNKNOWN };

struct val {
	unsigned char kind;	/* enum dm_kind */
	unsigned char offk;
	int obj;		/* allocation, device origin or category origin */
	long off;
};

struct vset {
	struct val *v;
	int n, cap;
};

struct loc {
	struct dm_loc pub;
	struct vset set;
	struct vset pre;	/* a local: what its copies give it, before any walk */
	struct loc *hnext;
	const char *name;	/* dm_loc_name(), made once */
	bool handle_type;	/* dma_addr_t */
};

bool vset_add(struct vset *s, struct val v);
bool vset_union(struct vset *dst, const struct vset *src);
void vset_free(struct vset *s);
bool vset_has_kind(const struct vset *s, enum dm_kind k);

/* ---- an origin of non-DMA memory, or a device ---- */

struct origin {
	enum dm_kind kind;
	struct position pos;
	const char *what;
	struct loc *hloc;	/* streaming: where the mapping's handle goes */
	struct loc *loc;	/* device origin: the location it was read from */
	bool mapped;		/* a kmalloc buffer later mapped: streaming */
	struct position map_pos;
};

/* ---- functions and calls (collect.c) ---- */

struct func {
	struct symbol *sym;
	struct ident *name;
	const char *file;
	bool complete;
	bool kicks;		/* starts the device (directly or through a callee) */
	unsigned int sync_params;	/* bit k: syncs the buffer its parameter k points into */
	int nr_params;
	struct symbol **locals;	/* declared in its body, in order */
	int nr_locals, cap_locals;
};

struct call {
	struct expression *expr;
	struct func *in;
	struct ident *name;
	const struct m_api *api;
	int nargs;
	struct expression *args[MAX_ARGS];
	const char *file;
	bool complete;
	struct loc *result;	/* the location the result is assigned to */
	struct expression *lhs;	/* that assignment's left side */
	/*
	 * where a rewrite of the call happens: its name in the file, or
	 * inside the #define it came from (then macro != NULL)
	 */
	struct position name_pos;
	const char *macro;		/* the #define the call is in */
	const char *written;		/* the name at name_pos: an alias macro's (DMA_ALLOC) */
	bool nested;			/* ... inside another macro's use */
	struct position macro_def;	/* that #define's name */
	struct position use_pos;	/* the macro's use */
	const char *argtext[MAX_ARGS];	/* arguments as written there */
};

struct macro_use {		/* the outermost expression of a macro's use */
	struct expression *expr;
	struct func *fn;
	const char *name;
	struct position def;	/* the #define */
	struct position use;
};

struct indirect {		/* *param = value: a store through an out-parameter */
	struct ident *fn;
	int param;
	struct val v;
};

enum edge_mode { EDGE_COPY, EDGE_WALK };

struct edge {
	struct loc *dst;
	struct expression *src;
	struct func *fn;
	unsigned char mode;
	bool in_loop;		/* inside a loop of its function */
};

struct mapping {		/* h = dma_map_single(dev, p, ...) */
	struct expression *ptr;
	struct func *fn;
	struct loc *hloc;
	struct expression *lhs;	/* h, as the assignment writes it */
	struct position pos;
	const char *what;
};

struct translator {
	const char *name;
	bool macro;
	int alloc;
	int holder_arg, ptr_arg;
};

struct typing {			/* struct t *x = accessor(arg) seen in the unit */
	struct ident *getter;
	struct ident *arg_type;	/* struct tag of the accessor's argument */
	struct symbol *type;	/* the struct the result was typed as */
	struct ident *local;	/* the name the driver gave it */
};

struct file_rec {
	const char *name;
	bool complete;
};

struct model {
	const char *unit;
	const char *name_prefix;	/* of generated names (m_name_prefix()) */
	struct loc **locs;
	int loc_hash_size, nr_locs;
	struct dm_alloc **allocs;
	int nr_allocs, cap_allocs;
	/*
	 * every allocation call, including a second parse of one (a .c
	 * file two includers share): the same allocation
	 */
	struct alloc_expr { struct expression *expr; struct dm_alloc *a; } *alloc_exprs;
	int nr_alloc_exprs, cap_alloc_exprs;
	struct vset *alloc_devs;	/* per allocation: its device values */
	struct origin *origins;
	int nr_origins, cap_origins;
	struct func **funcs;
	int nr_funcs, cap_funcs;
	/* funcs by name (the first of a name) and by symbol: open addressing, at most half full */
	struct func_slot { const void *key; struct func *f; } *func_by_name, *func_by_sym;
	int func_hash_size;
	struct call *calls;
	int nr_calls, cap_calls;
	struct edge *edges;
	int nr_edges, cap_edges;
	struct mapping *maps;
	int nr_maps, cap_maps;
	struct translator *trans;
	int nr_trans, cap_trans;
	struct typing *typings;
	int nr_typings, cap_typings;
	struct indirect *indirects;
	int nr_indirects, cap_indirects;
	struct macro_use *muses;
	int nr_muses, cap_muses;
	struct symbol **pending;	/* static inline functions met in calls */
	int nr_pending, cap_pending;
	struct file_rec *files;
	int nr_files, cap_files;
	struct { struct symbol *sym; struct loc *loc; } *symlocs;
	int symloc_size, nr_symlocs;
	bool solved;
	/* the file being collected */
	const char *cur_file;
	bool cur_complete;
	struct func *cur_fn;
	int loop_depth;
};

/* growth of the arrays above; dies without memory */
void *m_grow(void *v, int *cap, size_t elem);
#define PUSH(arr, nr, cap) \
	(((nr) == (cap) ? (arr) = m_grow((arr), &(cap), sizeof(*(arr))) : 0), &(arr)[(nr)++])
char *m_strdup(const char *s);
const char *m_id(const struct ident *id);
char *m_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct loc *loc_get(struct model *m, enum dm_loc_kind kind, const void *k1,
		    unsigned long k2, bool add);
struct loc *loc_of_symbol(struct model *m, struct symbol *sym);
int origin_new(struct model *m, enum dm_kind kind, struct position pos, const char *what);
int device_origin(struct model *m, const char *what, struct loc *loc);

/* ---- types (types.c) ---- */

struct symbol *m_base(struct symbol *t);		/* through SYM_NODEs */
struct symbol *m_pointee(struct symbol *t);		/* pointer's target, or NULL */
bool m_is_struct(struct symbol *t);
bool m_is_ptr(struct symbol *t);
bool m_is_void_ptr(struct symbol *t);
bool m_is_handle_type(struct symbol *t);		/* dma_addr_t */
bool m_is_device_ptr(struct symbol *t);			/* struct device * */
struct ident *m_struct_key(struct symbol *t);		/* tag or typedef name */
/* the innermost member of @st at byte @off (descends embedded structs) */
struct symbol *m_member_at(struct symbol *st, unsigned long off,
			   struct symbol **inner, unsigned long *inner_off);
/* a member by name, with its offset (anonymous members included) */
struct symbol *m_member_named(struct symbol *st, struct ident *name, unsigned long *off);
/* the type an address expression points to (lazy pointers included) */
struct symbol *m_addr_type(struct expression *addr);
const char *m_type_text(struct symbol *t);		/* "struct x *" */
struct expression *m_strip_casts(struct expression *e);
bool m_const_value(struct expression *e, long long *val);

/* ---- evaluation (eval.c) ---- */

/* the location that @addr (an address expression) names, or NULL */
struct loc *m_addr_loc(struct model *m, struct expression *addr);
void m_eval(struct model *m, struct func *fn, struct expression *e, struct vset *out);
struct ident *m_callee_name(struct expression *call);

/* ---- collection (collect.c) and solving (solve.c) ---- */

struct func *m_func_of(struct model *m, struct symbol *sym);
struct func *m_func_named(struct model *m, struct ident *name);
void m_collect_symbol(struct model *m, struct symbol *sym);
void m_collect_pending(struct model *m);
/* place.c: where a call is rewritten; each use of a function-like macro */
void m_place_call(struct model *m, struct call *c);
void m_note_macro_use(struct model *m, struct expression *e);
void m_find_translators(struct model *m);

/* ---- source text (source.c, print.c) ---- */

const char *m_src_line(int stream, int line);
int m_src_nr_lines(int stream);
/* the macro a position is a use of (the identifier there), or NULL */
struct symbol *m_macro_at(struct position pos);
/* the text of the macro use at @pos: "NAME(args)" */
const char *m_macro_use_text(struct position pos);
/* the arguments of that use, as text; returns their count */
int m_macro_use_args(struct position pos, const char **args, int max);
int m_byte_column(int stream, int line, int col);
const char *m_file_of(struct position pos);
bool m_pos_is_macro(struct position pos, const char *expect);
const char *m_text(struct model *m, struct expression *e);

/* "#define NAME(a, b) body" at @def: the parameter names; @body after ')' */
int m_macro_params(struct position def, char names[][64], int max, const char **body);

/* ---- holders (holder.c) ---- */

const char *m_member_path(struct symbol *from, struct ident *type, unsigned long off,
			  int depth);

const char *m_handle_for(struct model *m, struct func *f, struct expression *p,
			 const char *ptext, struct dm_alloc *a, const struct dm_holder *h);

const char *m_name_prefix(struct model *m);
const char *m_device_in(struct model *m, struct func *f, const struct dm_holder *h);
bool m_holder_in(struct model *m, struct dm_alloc *a, struct func *f,
		 const char *const *names, int nr, struct dm_holder *out);
const char *m_reach(struct model *m, struct func *f, const struct dm_loc *loc);

/* ---- positions (position.c) ---- */

enum { POS_NONE, POS_CPU, POS_DEVICE, POS_MIXED };

void m_compute_kicks(struct model *m);
struct pos_query {
	struct expression *ptr, *size;	/* the site's pointer and size, or NULL */
	int alloc;			/* the buffer (its index), or -1 */
	bool ignore_reads;		/* DMA_TO_DEVICE: a read is of the CPU's own data */
	int level;			/* out: 0 decided in the function, 1 in its callers, ... */
};

int m_position(struct model *m, struct func *fn, struct expression *call,
	       struct pos_query *q, int depth);
/* is any of @texts ("buf", "rec->hw_data") assigned in @f (not declared)? */
bool m_assigned_in(struct model *m, struct func *f, const char *const *texts, int nr);
/* the parameter of @fn that @e reads (a plain use of it), or -1 */
int m_param_index(struct model *m, struct func *fn, struct expression *e);

/* solve.c: a function of a .c file several top-level files include */
bool m_in_shared_file(struct model *m, struct func *f);
/* the allocation of @a's buffer made by the parse @f belongs to */
struct dm_alloc *m_alloc_for(struct model *m, struct dm_alloc *a, struct func *f);

/* the allocation an allocation call makes (collect.c) */
struct dm_alloc *m_alloc_of_call(struct model *m, struct expression *call);

/* ---- classification (query.c) ---- */

struct mapping *m_mapping_of(struct model *m, struct func *fn, struct expression *e);
struct dm_target m_classify(struct model *m, struct func *fn, struct expression *e);

#endif /* MODEL_INTERNAL_H */
