/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the child that checks a unit shares between child.c and
 * parsecheck.c: sparse's error lines on a file, read back.
 */
#ifndef DMACHECK_CHILD_H
#define DMACHECK_CHILD_H

#include <stdbool.h>
#include <stdio.h>

struct dmc_sparse_error {
	char *file;		/* as sparse names the stream */
	int line, column;	/* column 0: the end of the input */
	char *msg;
};

/* Where stderr is now: errors after this belong to what comes next. */
long dmc_stderr_mark(void);
/* sparse's error lines written to stderr since @from. */
int dmc_sparse_errors(long from, struct dmc_sparse_error **out);
void dmc_free_sparse_errors(struct dmc_sparse_error *v, int nr);
/* The removed API used and not declared by the tree: legacy-dma.h is needed. */
bool dmc_needs_legacy_header(const struct dmc_sparse_error *errs, int nr);
/*
 * A 'D' record for each error inside a function body of translation unit
 * @tu; true if some error is outside every function body.
 */
bool dmc_report_dropped(const char *tu, const struct dmc_sparse_error *errs, int nr,
			FILE *records);

#endif /* DMACHECK_CHILD_H */
