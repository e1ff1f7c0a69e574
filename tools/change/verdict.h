/* SPDX-License-Identifier: GPL-2.0 */
/* The short verdict on a driver of a change, worst last. */
#ifndef DMACONV_CHANGE_VERDICT_H
#define DMACONV_CHANGE_VERDICT_H

#include "change/driver.h"

enum verdict {
	READY, READY_WITH_NOTES, NOT_DMA, NEEDS_HUMAN, INCOMPLETE,
	LEGACY_LEFT, NOT_READY
};
enum verdict driver_verdict(const struct driver *d);
const char *verdict_name(enum verdict v);
char *verdict_text(const struct driver *d);
int verdict_is_ready(enum verdict v);

#endif
