/* SPDX-License-Identifier: GPL-2.0 */
/* dmaconv series: one git format-patch style mail per driver. */
#ifndef DMACONV_CMD_SERIES_H
#define DMACONV_CMD_SERIES_H

int cmd_series(int argc, char **argv);

#endif
