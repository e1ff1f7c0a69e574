/* SPDX-License-Identifier: GPL-2.0 */
/* The review as SARIF 2.1.0, for code-scanning services. */
#ifndef DMACONV_RENDER_REVIEW_SARIF_H
#define DMACONV_RENDER_REVIEW_SARIF_H

#include <stdio.h>
#include "change/review.h"

void review_sarif(FILE *f, const struct review *rv, const char *version);

#endif
