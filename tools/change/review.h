/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reviewer's view of a change: its drivers with their sites, the
 * sites left for a human, and dmacheck's findings before and after with
 * the regressions marked.
 */
#ifndef DMACONV_CHANGE_REVIEW_H
#define DMACONV_CHANGE_REVIEW_H

#include "change/driver.h"

struct review {
	struct driver_set ds;
	const char *label;
	int dmacheck_missing;
};

void review_take_doubts(struct driver *d, const struct driver *pre);
void review_take_left(struct driver *d, const struct driver *post);
void review_mark_regressions(struct driver *d);

#endif
