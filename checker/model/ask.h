/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What only resolve.c and ask.c share: the roles a value is asked in,
 * and the adapter's questions to the driver model (model/model.h) about
 * the roots resolve.c's SSA walk ends at.
 */
#ifndef DMACHECK_RESOLVE_ASK_H
#define DMACHECK_RESOLVE_ASK_H

#include "resolve.h"

/* A value asked as a CPU pointer, a DMA handle, or a struct page/sg_table. */
enum { ROLE_CPU, ROLE_HANDLE, ROLE_SGT };

/*
 * What a load of the member at @offset of @st (a struct or union) holds,
 * as the model says: a buffer and a part of it in @ref.  @load is the
 * loaded value: a pointer the driver walks along the allocation names
 * the descriptor it holds.
 */
bool resolve_ask_field(struct symbol *st, long long offset, int role, pseudo_t load,
		       struct bufref *ref);
/* The same for a global variable @sym at @offset. */
bool resolve_ask_global(struct symbol *sym, long long offset, int role, pseudo_t load,
			struct bufref *ref);
/* What a call of the unit's function @fn returns. */
bool resolve_ask_call(struct symbol *fn, int role, pseudo_t value, struct bufref *ref);
/*
 * Is @fn a translation helper the model found (a function of the unit
 * returning handle + (p - base): 53c700's ncr53c700_script_to_dma(h, p))?
 * Its argument that takes the pointer (from 0), else -1.
 */
int resolve_ask_translator(struct symbol *fn);
/* The buffer an allocation call at @pos makes, if the model knows the call. */
struct buffer *resolve_ask_alloc_at(struct position pos);

#endif /* DMACHECK_RESOLVE_ASK_H */
