// SPDX-License-Identifier: GPL-2.0
/*
 * Text output: findings on stderr, one line each, the way sparse and gcc
 * print diagnostics (with -fdiagnostic-prefix's name when given).
 */
#include "front.h"

void dmc_print_text_finding(const struct dmc_finding *f)
{
	fprintf(stderr, "%s:%d:%d: %swarning: %s%s [%s]\n", f->file, f->line, f->column,
		dmc_opt.diag_prefix, f->message,
		f->incomplete ? " (found on an incomplete parse: --best-effort treated missing headers as empty)" : "",
		f->check);
}
