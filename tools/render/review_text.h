/* SPDX-License-Identifier: GPL-2.0 */
/* The review as plain text, fit for a mailing-list reply. */
#ifndef DMACONV_RENDER_REVIEW_TEXT_H
#define DMACONV_RENDER_REVIEW_TEXT_H

#include <stdio.h>
#include "change/review.h"

void review_text(FILE *f, const struct review *rv);

#endif
