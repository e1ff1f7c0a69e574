// SPDX-License-Identifier: GPL-2.0
/*
 * Where the driver's code makes an event.  A load, a store or a call of
 * one of the driver's helpers is a line of the driver.  A DMA call inside a static
 * inline helper (lib82596's dma_sync_cpu(), 53c700's dma_sync_to_dev(),
 * a ca() that writes the channel-attention register) keeps, after
 * sparse inlines it, the position of the call in the helper's body: one
 * line shared by every caller.  The position that names the driver's
 * code is the call of the helper: sparse marks each inlined body with an
 * OP_INLINED_CALL note after it, at the call's position.
 * sparse drops the note of a void helper whose last block only branches
 * (lib82596's dma_sync_cpu(), a writel() wrapper): for a kick, the
 * function's own line met last before it stands for the call (its
 * arguments are computed there); a take without a note is reported where
 * the function meets the device or returns.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "hashmap.h"

struct inline_note {
	int at;				/* events made before the note */
	int bb;				/* its block */
	struct symbol *fn;		/* the inlined function */
	struct position call;		/* where it is called */
};

static struct inline_note *notes;
static int nr_notes, cap_notes;

void engine_note_inlined(struct instruction *insn, int bb)
{
	struct inline_note *n;

	if (!insn->func || insn->func->type != PSEUDO_SYM || !insn->func->sym)
		return;
	if (nr_notes == cap_notes)
		notes = dmc_grow(notes, &cap_notes, sizeof(*notes));
	n = &notes[nr_notes++];
	n->at = engine_cur.nr_events;
	n->bb = bb;
	n->fn = insn->func->sym;
	n->call = insn->pos;
}

/* ---- the lines a function's body spans ---- */

struct extent_entry {
	struct hashmap_key key;
	int first, last;
};

static struct hashmap extents = HASHMAP_INIT(struct extent_entry);

static void stmt_lines(struct statement *s, int depth, int *last)
{
	struct statement *sub;

	if (!s || depth > 64)
		return;
	if (s->pos.line > *last)
		*last = s->pos.line;
	switch (s->type) {
	case STMT_COMPOUND:
		FOR_EACH_PTR(s->stmts, sub) {
			stmt_lines(sub, depth + 1, last);
		} END_FOR_EACH_PTR(sub);
		break;
	case STMT_IF:
		stmt_lines(s->if_true, depth + 1, last);
		stmt_lines(s->if_false, depth + 1, last);
		break;
	case STMT_SWITCH:
		stmt_lines(s->switch_statement, depth + 1, last);
		break;
	case STMT_ITERATOR:
		stmt_lines(s->iterator_pre_statement, depth + 1, last);
		stmt_lines(s->iterator_statement, depth + 1, last);
		stmt_lines(s->iterator_post_statement, depth + 1, last);
		break;
	case STMT_LABEL:
		stmt_lines(s->label_statement, depth + 1, last);
		break;
	case STMT_CASE:
		stmt_lines(s->case_statement, depth + 1, last);
		break;
	default:
		break;
	}
}

/* The lines of function @fn's body, in its stream. */
static struct extent_entry *extent_of(struct symbol *fn)
{
	struct extent_entry *e = hashmap_find(&extents, fn, 0);

	if (!e) {
		struct symbol *d = fn->definition ? fn->definition : fn;
		int last = fn->pos.line;

		/* the body hangs off the function type */
		while (d && d->type == SYM_NODE)
			d = d->ctype.base_type;
		if (d && d->type == SYM_FN)
			stmt_lines(d->stmt ? d->stmt : d->inline_stmt, 0, &last);
		e = hashmap_add(&extents, fn, 0);
		e->first = fn->pos.line;
		e->last = last;
	}
	return e;
}

struct position engine_own_pos;
int engine_own_stream = -1, engine_own_first, engine_own_last;

void engine_sites_reset(struct entrypoint *ep)
{
	const struct extent_entry *e = extent_of(ep->name);

	nr_notes = 0;
	engine_own_stream = ep->name->pos.stream;
	engine_own_first = e->first;
	engine_own_last = e->last;
	memset(&engine_own_pos, 0, sizeof(engine_own_pos));
}

/* Does the body of function @fn hold position @pos? */
static bool holds(struct symbol *fn, struct position pos)
{
	const struct extent_entry *e;

	if (fn->pos.stream != pos.stream)
		return false;
	e = extent_of(fn);
	return pos.line >= e->first && pos.line <= e->last;
}

/*
 * The first note after the event in the event's block whose function
 * holds the event's line: the inlined body the event is in ends there.
 * A dropped note leaves the event's block ending with the body: no
 * other note can stand in for it.
 */
bool engine_site(struct engine_ctx *ctx, const struct event *ev, bool near,
		 struct position *pos, struct symbol **helper)
{
	int idx = ev - ctx->events, i;

	*pos = ev->pos;
	if (helper)
		*helper = NULL;
	/* a load, a store, a helper's call: the line is the driver's */
	if (!ev->call || ev->summary || holds(ctx->ep->name, ev->pos))
		return true;
	for (i = 0; i < nr_notes; i++) {
		if (notes[i].at <= idx || notes[i].bb != engine_ev_bb[idx])
			continue;
		if (!holds(notes[i].fn, ev->pos))
			continue;
		*pos = notes[i].call;
		if (helper)
			*helper = notes[i].fn;
		return true;
	}
	/*
	 * No note: the helper's arguments were computed at its call, on the
	 * function's own line met last before the event (a kick's register
	 * helper called from the function; not right for a helper nested in
	 * another inlined one, so the caller says whether it may be used).
	 */
	if (near && ev->near.line && ev->near.stream == ev->pos.stream) {
		*pos = ev->near;
		return true;
	}
	return false;
}
