/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unified diffs: diff(1) of two files, and the walk that cuts a diff into
 * change blocks, one callback per block.
 */
#ifndef DMACONV_CHANGE_UDIFF_H
#define DMACONV_CHANGE_UDIFF_H

#include "util/str.h"

struct diff_block {
	const char *file;	/* new-side name, "b/" stripped */
	int old_line;		/* first old line the block touches */
	int new_line;
	char *old_text, *new_text;	/* trimmed lines joined by spaces */
	int nold, nnew;
};

typedef void (*diff_block_fn)(const struct diff_block *b, void *data);
void udiff_walk(const char *diff, diff_block_fn fn, void *data);
int diff_files(const char *a, const char *b, const char *label,
	       struct strbuf *out);

#endif
