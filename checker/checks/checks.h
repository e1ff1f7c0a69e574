/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the check files share: their registration functions (one per line
 * of check_list.h), the words their messages use (describe.c), and the
 * parts two checks have in common (device_owned.c, release.c).
 */
#ifndef DMACHECK_CHECKS_H
#define DMACHECK_CHECKS_H

#include "engine/engine.h"

/*
 * ck_<name>(): register the check's hooks; @my_id is its CK_ id.  One
 * per line of check_list.h, and check_template.c's (in no list).
 */
typedef void ck_register_fn(enum check_id my_id);
extern ck_register_fn
#define CK(name, e, id, summary) ck_##name,
#include "check_list.h"
#undef CK
	ck_template;

/* ---- words for messages (describe.c) ---- */

/* The pointer expression of an access, or the buffer's name. */
const char *ck_buf_label(const struct event *ev);
const char *ck_buf_name(const struct buffer *buf);
/* " (buffer from dma_alloc_noncoherent() at x.c:12)", or "" */
const char *ck_buf_origin(const struct buffer *buf);
/* "dma_sync_single_for_cpu() at x.c:40", "the store at x.c:41" */
const char *ck_ev_call(const struct event *ev);
/* "writel()", "the register store to 'regs->ctrl'" */
const char *ck_kick_name(const struct event *ev);
/* Only buffers a non-coherent machine would get wrong are judged. */
bool ck_ownership_matters(const struct buffer *buf);
/* Is @text a macro defined at this point of the translation unit? */
bool ck_is_macro_name(const char *text);

/*
 * A take (its event index) already reported in this function by
 * ownership-imbalance or taken-not-given-back: one finding per take.
 */
bool ck_take_told(struct engine_ctx *ctx, int taken_ev);
/*
 * Where to report a take, in *@pos: where the driver's code makes it
 * (true: the line of the _for_cpu sync, or of the call of the inlined
 * helper that syncs), or where @instead (the kick or the return) is
 * (false) when no line of the driver holds the take.
 */
bool ck_take_pos(struct engine_ctx *ctx, const struct event *taken,
		 const struct event *instead, struct position *pos);
/* Where the driver's code makes @ev (engine_site(), with @near: kicks). */
struct position ck_site(struct engine_ctx *ctx, const struct event *ev);
/*
 * The call that took a buffer, as the driver's line shows it:
 * "dma_sync_cpu() (dma_sync_single_for_cpu())" for a sync inside an
 * inlined helper, else "dma_sync_single_for_cpu()".
 */
const char *ck_take_call(struct engine_ctx *ctx, const struct event *taken);
/* "name()" of the call that made @ev. */
const char *ck_call_name(const struct event *ev);
/*
 * A take reported where the driver's lines do not hold it (at a kick or
 * a return) is one cause however many functions inline the helper that
 * takes: true when @taken's position and part @s were reported already.
 */
bool ck_cause_told(const struct event *taken, const struct slot *s);
/* The part a descriptor slot names ("lp->rfd_head"), else the take's label. */
const char *ck_part_label(const struct slot *s, const struct event *taken);

/* ---- cpu-write-device-owned and cpu-read-device-owned (device_owned.c) ---- */

/*
 * Report @ev, an access to a buffer the device owns since @handoff, as
 * check @id: once per hand-off and kind of access in a function.
 */
void ck_device_owned(enum check_id id, struct engine_ctx *ctx,
		     const struct event *ev, const struct event *handoff);

/* ---- wrong-free and use-after-free (release.c) ---- */

/* Is the free or unmap @ev judged at all (@prev: the event that set the owner)? */
bool ck_release_judged(const struct event *ev, const struct event *prev);
/* Is @ev a second free or a second unmap (use-after-free's, not wrong-free's)? */
bool ck_released_again(const struct event *ev, const struct slot_state *st,
		       const struct event *prev);

#endif /* DMACHECK_CHECKS_H */
