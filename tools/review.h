/* SPDX-License-Identifier: GPL-2.0 */
/* Building the reviewer's view of a conversion and printing it. */
#ifndef DMACONV_REVIEW_H
#define DMACONV_REVIEW_H

#include "changeset.h"
#include "model.h"

struct review {
	struct driver_set ds;
	const char *label;
	int dmacheck_missing;
};

int review_build(const struct changeset *cs, const struct cocci_series *s,
		 const struct engine_opts *eng, int with_checker,
		 struct review *rv);

enum verdict { READY, READY_WITH_NOTES, NEEDS_HUMAN, INCOMPLETE, NOT_READY };
enum verdict driver_verdict(const struct driver *d);
const char *verdict_name(enum verdict v);
char *verdict_text(const struct driver *d);

void review_text(FILE *f, const struct review *rv);
void review_json(FILE *f, const struct review *rv);
void review_html(FILE *f, const struct review *rv);

#endif
