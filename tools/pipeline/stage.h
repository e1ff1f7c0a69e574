/* SPDX-License-Identifier: GPL-2.0 */
/* The names of a driver's files in its private work folder. */
#ifndef DMACONV_PIPELINE_STAGE_H
#define DMACONV_PIPELINE_STAGE_H

#include <stddef.h>
#include "change/driver.h"

char *stage_name(const struct driver *d, size_t idx);

#endif
