/* SPDX-License-Identifier: GPL-2.0 */
/* What every command does with a command line it cannot take. */
#ifndef DMACONV_CMD_USAGE_H
#define DMACONV_CMD_USAGE_H

int usage_error(const char *usage);

#endif
