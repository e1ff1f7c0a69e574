/* SPDX-License-Identifier: GPL-2.0 */
/* Attribution: a driver's diff cut into sites, each with its rule. */
#ifndef DMACONV_CHANGE_ATTRIB_H
#define DMACONV_CHANGE_ATTRIB_H

#include "change/driver.h"

void attribute_sites(struct driver *d, const struct driver *conv,
		     int own_output);

#endif
