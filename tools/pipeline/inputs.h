/* SPDX-License-Identifier: GPL-2.0 */
/* The PATH arguments of convert turned into the drivers to convert. */
#ifndef DMACONV_PIPELINE_INPUTS_H
#define DMACONV_PIPELINE_INPUTS_H

#include "change/driver.h"

int collect_inputs(char **paths, int n, struct driver_set *ds);
void driver_split_units(struct driver *d);

#endif
