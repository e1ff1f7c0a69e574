/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing a conversion into the tree (-i) or a folder (-o): per driver,
 * every file or none, and what a killed run left half done put back.
 */
#ifndef DMACONV_PIPELINE_COMMIT_H
#define DMACONV_PIPELINE_COMMIT_H

#include "change/driver.h"

int commit_driver(const struct driver *d, const char *outdir);
void commit_recover(char **paths, int n, const char *outdir);

#endif
