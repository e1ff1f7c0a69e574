/* SPDX-License-Identifier: GPL-2.0 */
/* The per-site log of a conversion, as text or JSON. */
#ifndef DMACONV_RENDER_SITELOG_H
#define DMACONV_RENDER_SITELOG_H

#include <stdio.h>
#include "change/driver.h"

void sitelog_text(FILE *f, const struct driver_set *ds);
void sitelog_json(FILE *f, const struct driver_set *ds);
void site_json(FILE *f, const struct site *s, int left);

#endif
