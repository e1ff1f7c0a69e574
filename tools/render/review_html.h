/* SPDX-License-Identifier: GPL-2.0 */
/* The review as one self-contained HTML page. */
#ifndef DMACONV_RENDER_REVIEW_HTML_H
#define DMACONV_RENDER_REVIEW_HTML_H

#include <stdio.h>
#include "change/review.h"

void review_html(FILE *f, const struct review *rv);

#endif
