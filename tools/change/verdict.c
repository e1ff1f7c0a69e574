// SPDX-License-Identifier: GPL-2.0
/*
 * The short verdict per driver, from worst to best: new dmacheck findings
 * (regressions), lines that still use the removed API (the driver builds
 * on no 5.10+ kernel), inputs that could not be processed, sites left for
 * a human, a change that is no DMA conversion (nothing of the removed API
 * before it), findings carried over from before, or ready.
 */
#include "change/verdict.h"
#include "util/str.h"

static const char *const names[] = {
	[READY]			= "ready",
	[READY_WITH_NOTES]	= "ready with notes",
	[NOT_DMA]		= "not a DMA conversion",
	[NEEDS_HUMAN]		= "needs a human",
	[INCOMPLETE]		= "incomplete",
	[LEGACY_LEFT]		= "still uses the removed API",
	[NOT_READY]		= "not ready",
};

const char *verdict_name(enum verdict v)
{
	return names[v];
}

int verdict_is_ready(enum verdict v)
{
	return v == READY || v == READY_WITH_NOTES;
}

enum verdict driver_verdict(const struct driver *d)
{
	if (d->regressions)
		return NOT_READY;
	if (d->legacy_after.n)
		return LEGACY_LEFT;
	if (d->errors.n)
		return INCOMPLETE;
	if (d->left.n)
		return NEEDS_HUMAN;
	if (!d->legacy_before)
		return NOT_DMA;
	if (d->after.n)
		return READY_WITH_NOTES;
	return READY;
}

char *verdict_text(const struct driver *d)
{
	switch (driver_verdict(d)) {
	case NOT_READY:
		return xasprintf("not ready: %d new dmacheck finding(s) "
				 "(regressions)", d->regressions);
	case LEGACY_LEFT:
		return xasprintf("not ready: %zu line(s) still use the API "
				 "removed in Linux 5.10 (%zu site(s) converted, "
				 "%zu left for a human)", d->legacy_after.n,
				 d->sites.n, d->left.n);
	case INCOMPLETE:
		return xasprintf("incomplete: %zu input(s) could not be "
				 "processed", d->errors.n);
	case NEEDS_HUMAN:
		return xasprintf("needs a human: %zu site(s) converted, %zu "
				 "left", d->sites.n, d->left.n);
	case NOT_DMA:
		return xasprintf("not a DMA conversion: nothing of the API "
				 "removed in Linux 5.10 before the change; "
				 "nothing to send");
	case READY_WITH_NOTES:
		return xasprintf("ready with notes: %zu site(s) converted, "
				 "%zu finding(s) carried over from before",
				 d->sites.n, d->after.n);
	default:
		return xasprintf("ready: %zu site(s) converted, dmacheck %s",
				 d->sites.n, d->after.ran ? "silent" :
				 "not run");
	}
}
