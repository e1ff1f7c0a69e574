/* SPDX-License-Identifier: GPL-2.0 */
/* Building the reviewer's view of a change by running the series and dmacheck. */
#ifndef DMACONV_PIPELINE_REVIEW_BUILD_H
#define DMACONV_PIPELINE_REVIEW_BUILD_H

#include "change/review.h"
#include "pipeline/changeset.h"
#include "pipeline/cocci.h"
#include "pipeline/runner.h"

int review_build(const struct changeset *cs, const struct cocci_series *s,
		 const struct runner_opts *ro, int with_checker,
		 struct review *rv);

#endif
