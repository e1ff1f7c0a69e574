/* SPDX-License-Identifier: GPL-2.0 */
/*
 * facts.json (version 1): the model's allocations and the planner's
 * decisions, by spatch position, for the semantic patches.  The schema is
 * in docs/design/driver-model.md, section 3.
 */
#ifndef MODEL_FACTS_H
#define MODEL_FACTS_H

#include <stdio.h>

#include "plan.h"

#define FACTS_VERSION 1

/* Write @p (and its model's allocations) as JSON to @out. */
void facts_write(const struct plan *p, FILE *out);
/* The same to @path; false after a message naming the file. */
bool facts_write_file(const struct plan *p, const char *path);

#endif /* MODEL_FACTS_H */
