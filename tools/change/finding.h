/* SPDX-License-Identifier: GPL-2.0 */
/* A dmacheck finding on one side of a change, and the list of them. */
#ifndef DMACONV_CHANGE_FINDING_H
#define DMACONV_CHANGE_FINDING_H

#include <stddef.h>
#include "util/str.h"

struct finding {
	char *file;
	int line, col;
	char *check, *severity, *message;
	int regression;		/* present after, not before */
};

struct finding_list {
	struct finding *v;
	size_t n, cap;
	struct strlist errors;	/* files dmacheck could not process */
	int ran;		/* dmacheck was run */
};

void finding_push(struct finding_list *l, const struct finding *f);

#endif
