// SPDX-License-Identifier: GPL-2.0
/*
 * What wrong-free and use-after-free share about a free or an unmap:
 * whether it is judged at all, and whether it is a second release (which
 * is use-after-free's finding, so wrong-free says nothing of it).
 */
#include "checks.h"

bool ck_release_judged(const struct event *ev, const struct event *prev)
{
	/*
	 * Which object a field holds is only known for one allocation: a
	 * field filled by several (a retry, a fallback) or reached through
	 * helpers of two objects of the same type is not judged.
	 */
	return !ev->buf->ambiguous && ev->buf->api &&
	       !(prev && (prev->summary || ev->summary));
}

bool ck_released_again(const struct event *ev, const struct slot_state *st,
		       const struct event *prev)
{
	return prev && (st->owner == OWN_FREED ||
			(ev->kind == EV_UNMAP && st->unmapped));
}
