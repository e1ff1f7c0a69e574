// SPDX-License-Identifier: GPL-2.0
/*
 * Releases: wrong-free (another family's free or unmap, a different
 * size or direction than the allocation) and use-after-free (any use,
 * sync or second release after the buffer was freed or unmapped).
 */
#include <stdio.h>

#include "engine.h"
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
		report(CK_USE_AFTER_FREE, ev->pos,
		       "'%s' released again by %s(); %s already freed it",
		       buf_name(buf), ev->call, ev_call(prev));
		return;
	}
	if (ev->kind == EV_UNMAP && st->unmapped && prev) {
		report(CK_USE_AFTER_FREE, ev->pos,
		       "'%s' unmapped again by %s(); %s already ended the mapping",
		       buf_name(buf), ev->call, ev_call(prev));
		return;
	}
	if (!ev->api || (alloc->effect != FX_ALLOC && alloc->effect != FX_MAP &&
				   alloc->effect != FX_MAP_ARG))
		return;
	if (!same_family(alloc, ev->api, buf)) {
		const char *right = api_release_for(alloc);

		report(CK_WRONG_FREE, ev->pos,
		       "'%s' from %s() at %s released with %s(); release it with %s()",
		       buf_name(buf), alloc->name, where(buf->origin), ev->call,
		       right ? right : "the matching call");
		return;
	}
	if (ev->size > 0 && buf->size > 0 && ev->size != buf->size)
		report(CK_WRONG_FREE, ev->pos,
		       "'%s' released with size %lld but %s() at %s allocated %lld bytes; pass the same size",
		       buf_name(buf), ev->size, alloc->name, where(buf->origin), buf->size);
	else if (ev->dir >= 0 && buf->dir >= 0 && ev->dir != buf->dir && ev->api->dir >= 0 &&
		 alloc->dir >= 0)
		report(CK_WRONG_FREE, ev->pos,
		       "'%s' released with %s but %s() at %s set it up %s; pass the same direction",
		       buf_name(buf), dir_name(ev->dir), alloc->name, where(buf->origin),
		       dir_name(buf->dir));
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
		report(CK_USE_AFTER_FREE, ev->pos, "'%s' %s after %s freed it",
		       buf_label(ev), what, ev_call(prev));
	else if (st->unmapped && (ev->kind == EV_TO_CPU || ev->kind == EV_TO_DEVICE) &&
		 !ev->legacy)
		report(CK_USE_AFTER_FREE, ev->pos,
		       "'%s' synced after %s ended its mapping; sync before unmapping",
		       buf_label(ev), ev_call(prev));
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

void check_release_init(void)
{
	engine_register(&release_hooks);
}
