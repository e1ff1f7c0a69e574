/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a driver of a change uses the API removed in Linux 5.10, before
 * and after it: is the change a DMA conversion at all, and which lines
 * still use the removed API (a patch that builds on no 5.10+ kernel).
 */
#ifndef DMACONV_PIPELINE_LEGACY_LEFT_H
#define DMACONV_PIPELINE_LEGACY_LEFT_H

#include "change/driver.h"

void legacy_mark(struct driver *d);

#endif
