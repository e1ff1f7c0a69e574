// SPDX-License-Identifier: GPL-2.0
/*
 * What cpu-write-device-owned and cpu-read-device-owned share: the
 * message for a CPU access to a buffer the device owns, and "one finding
 * per hand-off and kind of access in a function" (one set for both).
 *
 * The rule: between a hand-off to the device (_for_device sync, map,
 * dma_cache_sync(TO_DEVICE)) and the CPU taking it back (_for_cpu sync,
 * unmap), the CPU neither loads nor stores through the buffer.
 */
#include <stdio.h>
#include <string.h>

#include "checks.h"

static const char *how_to_take_back(const struct event *handoff)
{
	if (handoff && handoff->kind == EV_MAP)
		return "unmap it or sync it with dma_sync_single_for_cpu() first";
	if (handoff && handoff->legacy)
		return "the CPU may only touch it again after the device is done";
	if (handoff && handoff->call && strstr(handoff->call, "sgtable"))
		return "take it back with dma_sync_sgtable_for_cpu() first";
	if (handoff && handoff->call && strstr(handoff->call, "_sg_"))
		return "take it back with dma_sync_sg_for_cpu() first";
	return "take it back with dma_sync_single_for_cpu() first";
}

void ck_device_owned(enum check_id id, struct engine_ctx *ctx,
		     const struct event *ev, const struct event *handoff)
{
	/* one finding per hand-off and kind of access: the first one tells */
	static struct told_set told = { .cap = 32 };
	bool write = ev->kind == EV_WRITE;
	char by[160] = "";

	if (engine_told(ctx, &told, (handoff - ctx->events) * 2 + write))
		return;
	if (ev->call)
		snprintf(by, sizeof(by), " by %s()", ev->call);
	dmc_report(id, ev->pos, "'%s' %s%s after %s handed it to the device%s; %s",
		   ck_buf_label(ev), write ? "written" : "read", by, ck_ev_call(handoff),
		   handoff->kind == EV_MAP ? "" : ck_buf_origin(ev->buf),
		   how_to_take_back(handoff));
}
