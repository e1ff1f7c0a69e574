// SPDX-License-Identifier: GPL-2.0
/*
 * wrong-free: a buffer released by another family's free or unmap, or
 * with a different size or direction than its allocation or map.
 */
#include "checks.h"

static enum check_id my_id;

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

static void release_on_event(struct engine_ctx *ctx, const struct event *ev, int slot,
			     const struct slot_state *st)
{
	const struct buffer *buf = ev->buf;
	const struct event *prev = engine_event(ctx, st->owner_ev);
	const struct dma_api *alloc;

	if (ev->kind != EV_FREE && ev->kind != EV_UNMAP)
		return;
	if (!ck_release_judged(ev, prev) || ck_released_again(ev, st, prev))
		return;
	alloc = buf->api;
	if (!ev->api || (alloc->effect != FX_ALLOC && alloc->effect != FX_MAP &&
			 alloc->effect != FX_MAP_ARG))
		return;
	if (!same_family(alloc, ev->api, buf)) {
		const char *right = api_release_for(alloc);

		dmc_report(my_id, ev->pos,
			   "'%s' from %s() at %s released with %s(); release it with %s()",
			   ck_buf_name(buf), alloc->name, dmc_where(buf->origin), ev->call,
			   right ? right : "the matching call");
		return;
	}
	if (ev->size > 0 && buf->size > 0 && ev->size != buf->size)
		dmc_report(my_id, ev->pos,
			   "'%s' released with size %lld but %s() at %s allocated %lld bytes; pass the same size",
			   ck_buf_name(buf), ev->size, alloc->name, dmc_where(buf->origin),
			   buf->size);
	else if (ev->dir >= 0 && buf->dir >= 0 && ev->dir != buf->dir && ev->api->dir >= 0 &&
		 alloc->dir >= 0)
		dmc_report(my_id, ev->pos,
			   "'%s' released with %s but %s() at %s set it up %s; pass the same direction",
			   ck_buf_name(buf), api_dir_name(ev->dir), alloc->name,
			   dmc_where(buf->origin), api_dir_name(buf->dir));
}

static const struct dmc_hooks hooks = {
	.on_event = release_on_event,
};

void ck_wrong_free(enum check_id id)
{
	my_id = id;
	dmc_add_hooks(&hooks);
}
