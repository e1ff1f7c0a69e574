/* SPDX-License-Identifier: GPL-2.0 */
/* The review as one JSON object, for CI and other tools. */
#ifndef DMACONV_RENDER_REVIEW_JSON_H
#define DMACONV_RENDER_REVIEW_JSON_H

#include <stdio.h>
#include "change/review.h"

void review_json(FILE *f, const struct review *rv);

#endif
