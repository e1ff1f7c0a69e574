/* SPDX-License-Identifier: GPL-2.0 */
/* Running dmacheck through a configured kernel tree's own build. */
#ifndef DMACONV_PIPELINE_KBUILD_H
#define DMACONV_PIPELINE_KBUILD_H

#include "change/finding.h"
#include "util/str.h"

struct kernel_tree {
	char *src;		/* the kernel source root */
	char *obj;		/* the O= folder (src when built in place) */
	char *compdb;		/* compile_commands.json, or NULL */
};

int kernel_tree_find(const char *file, const char *kbuild,
		     struct kernel_tree *kt);
int kernel_model_flags(const struct kernel_tree *kt, const char *file,
		       struct strlist *flags, char **dir, char **why);
int kernel_check(const struct kernel_tree *kt, const char *dmacheck,
		 const struct strlist *files, const struct strlist *flags,
		 struct finding_list *out);

#endif
