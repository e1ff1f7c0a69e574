/* SPDX-License-Identifier: GPL-2.0 */
/* dmaconv check: run dmacheck with the flags the code needs. */
#ifndef DMACONV_CMD_CHECK_H
#define DMACONV_CMD_CHECK_H

int cmd_check(int argc, char **argv);

#endif
