/* SPDX-License-Identifier: GPL-2.0 */
/* dmacheck's findings as gcc-style lines and as JSON. */
#ifndef DMACONV_RENDER_FINDINGS_H
#define DMACONV_RENDER_FINDINGS_H

#include <stdio.h>
#include "change/finding.h"

void finding_print(FILE *f, const struct finding *x);
void finding_json(FILE *f, const struct finding *x);
void findings_text(FILE *f, const struct finding_list *l);
void findings_json(FILE *f, const struct finding_list *l);

#endif
