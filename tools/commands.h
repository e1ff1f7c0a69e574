/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMACONV_COMMANDS_H
#define DMACONV_COMMANDS_H

#include "model.h"

int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_series(int argc, char **argv);
int usage_error(const char *usage);

/* Shared by convert, review and series. */
int load_cocci(struct cocci_series *s);

#endif
