// SPDX-License-Identifier: GPL-2.0
/*
 * Releases: wrong-free (another family's free or unmap, a different
 * size or direction than the allocation) and use-after-free (any use,
 * sync or second release after the buffer was freed or unmapped).
 */
#include <stdio.h>

#include "engine/engine.h"
#include "describe.h"

/* Allocations a release call of @rel may undo. */
static bool same_family(const struct dma_api *alloc, const struct dma_api *rel,
			const struct buffer *buf)
{
	if (alloc->family == rel->family)
		return true;
	/* before 5.10 the coherent and noncoherent calls wrapped the attrs ones */
	if (alloc->family == FAM_ATTRS)
		return rel->family == (buf->coherent ? FAM_COHERENT : FAM_NONCOHERENT);
	if (rel->family == FAM_ATTRS)
		return alloc->era == ERA_OLD || alloc->family == FAM_COHERENT;
	return false;
}

static void check_release(struct engine_ctx *ctx, const struct event *ev,
			  const struct slot_state *st)
{
	const struct buffer *buf = ev->buf;
	const struct dma_api *alloc = buf->api;
	const struct event *prev = engine_event(ctx, st->owner_ev);

	/*
	 * Which object a field holds is only known for one allocation: a
	 * field filled by several (a retry, a fallback) or reached through
	 * helpers of two objects of the same type is not judged.
	 */
	if (buf->ambiguous || !alloc || (prev && (prev->summary || ev->summary)))
		return;
	if (st->owner == OWN_FREED && prev) {
		dmc_report(CK_USE_AFTER_FREE, ev->pos,
		       "'%s' released again by %s(); %s already freed it",
		       ck_buf_name(buf), ev->call, ck_ev_call(prev));
		return;
	}
	if (ev->kind == EV_UNMAP && st->unmapped && prev) {
		dmc_report(CK_USE_AFTER_FREE, ev->pos,
		       "'%s' unmapped again by %s(); %s already ended the mapping",
		       ck_buf_name(buf), ev->call, ck_ev_call(prev));
		return;
	}
	if (!ev->api || (alloc->effect != FX_ALLOC && alloc->effect != FX_MAP &&
				   alloc->effect != FX_MAP_ARG))
		return;
	if (!same_family(alloc, ev->api, buf)) {
		const char *right = api_release_for(alloc);

		dmc_report(CK_WRONG_FREE, ev->pos,
		       "'%s' from %s() at %s released with %s(); release it with %s()",
		       ck_buf_name(buf), alloc->name, dmc_where(buf->origin), ev->call,
		       right ? right : "the matching call");
		return;
	}
	if (ev->size > 0 && buf->size > 0 && ev->size != buf->size)
		dmc_report(CK_WRONG_FREE, ev->pos,
		       "'%s' released with size %lld but %s() at %s allocated %lld bytes; pass the same size",
		       ck_buf_name(buf), ev->size, alloc->name, dmc_where(buf->origin), buf->size);
	else if (ev->dir >= 0 && buf->dir >= 0 && ev->dir != buf->dir && ev->api->dir >= 0 &&
		 alloc->dir >= 0)
		dmc_report(CK_WRONG_FREE, ev->pos,
		       "'%s' released with %s but %s() at %s set it up %s; pass the same direction",
		       ck_buf_name(buf), api_dir_name(ev->dir), alloc->name, dmc_where(buf->origin),
		       api_dir_name(buf->dir));
}

static void use_after_release(struct engine_ctx *ctx, const struct event *ev,
			      const struct slot_state *st)
{
	const struct event *prev = engine_event(ctx, st->owner_ev);
	const char *what;

	if (!prev || ev->buf->ambiguous || !ev->buf->api || prev->summary)
		return;
	switch (ev->kind) {
	case EV_READ:	what = "read"; break;
	case EV_WRITE:	what = "written"; break;
	case EV_MAP:	what = "mapped"; break;
	default:	what = "synced"; break;
	}
	if (st->owner == OWN_FREED)
		dmc_report(CK_USE_AFTER_FREE, ev->pos, "'%s' %s after %s freed it",
		       ck_buf_label(ev), what, ck_ev_call(prev));
	else if (st->unmapped && (ev->kind == EV_TO_CPU || ev->kind == EV_TO_DEVICE) &&
		 !ev->legacy)
		dmc_report(CK_USE_AFTER_FREE, ev->pos,
		       "'%s' synced after %s ended its mapping; sync before unmapping",
		       ck_buf_label(ev), ck_ev_call(prev));
}

static void release_on_event(struct engine_ctx *ctx, const struct event *ev,
			     struct slot_state *st)
{
	switch (ev->kind) {
	case EV_FREE:
	case EV_UNMAP:
		check_release(ctx, ev, st);
		break;
	case EV_ALLOC:
	case EV_RET:
	case EV_KICK:
		break;
	default:
		use_after_release(ctx, ev, st);
		break;
	}
}

static const struct engine_hooks release_hooks = {
	.on_event = release_on_event,
};

void ck_release_init(void)
{
	engine_register(&release_hooks);
}
