/* SPDX-License-Identifier: GPL-2.0 */
/* Running dmacheck and reading what it found. */
#ifndef DMACONV_FINDINGS_H
#define DMACONV_FINDINGS_H

#include "model.h"

/* A file to check and the name to show for it. */
struct check_input {
	const char *path;
	const char *disp;
	int legacy;		/* compile with the 5.9 API view */
};

int dmacheck_run(const char *dmacheck, const char *include_dir,
		 const struct check_input *in, size_t n,
		 const struct strlist *flags, struct finding_list *out);
int parse_finding_line(const char *line, struct finding *f);
void finding_print(FILE *f, const struct finding *x);
void finding_json(FILE *f, const struct finding *x);

#endif
