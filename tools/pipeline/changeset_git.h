/* SPDX-License-Identifier: GPL-2.0 */
/* A change held in git: a range A..B, or the work tree against HEAD. */
#ifndef DMACONV_PIPELINE_CHANGESET_GIT_H
#define DMACONV_PIPELINE_CHANGESET_GIT_H

#include "pipeline/changeset.h"

int changeset_open_git(const char *repo, const char *range, char **paths,
		       int n, struct changeset *cs);
int changeset_in_git(const char *dir);

#endif
