/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What dmaconv series asks a kernel tree and its history: the subject
 * prefix the tree uses for a driver's files, the people and lists
 * (scripts/get_maintainer.pl), checkpatch.pl's verdict on a patch, and a
 * build of the patched driver in a configured O= folder with dmacheck.
 */
#ifndef DMACONV_PIPELINE_KERNEL_SCRIPTS_H
#define DMACONV_PIPELINE_KERNEL_SCRIPTS_H

#include "change/driver.h"
#include "change/finding.h"
#include "util/str.h"

struct checkpatch_result {
	int ran;
	int errors, warnings, checks;
	struct strbuf report;	/* its findings, without the summary */
};

int kernel_tree_has_scripts(const char *dir);
char *prefix_from_history(const char *repo, const struct driver *d);
char *prefix_from_lists(const struct strlist *cc, const char *driver);
int maintainers_of(const char *kernel, const char *patch,
		   struct strlist *to, struct strlist *cc);
int checkpatch_run(const char *kernel, const char *patch,
		   struct checkpatch_result *r);
int kbuild_driver(const char *kbuild, const char *dmacheck,
		  const struct driver *d, struct finding_list *out,
		  struct strbuf *log);

#endif
