/* SPDX-License-Identifier: GPL-2.0 */
/* Running other programs (spatch, dmacheck, diff, git, make, patch). */
#ifndef DMACONV_UTIL_SPAWN_H
#define DMACONV_UTIL_SPAWN_H

#include <sys/types.h>
#include "util/str.h"

struct run_result {
	int status;		/* exit status, or 128 + signal, or -1 */
	struct strbuf out, err;
};

int run_cmd(char *const argv[], const char *cwd, struct run_result *r);
void run_free(struct run_result *r);
int program_exists(const char *name);
pid_t spawn_fork(void);

#endif
