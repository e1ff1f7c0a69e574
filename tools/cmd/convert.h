/* SPDX-License-Identifier: GPL-2.0 */
/* dmaconv convert: run the semantic patch series over files and folders. */
#ifndef DMACONV_CMD_CONVERT_H
#define DMACONV_CMD_CONVERT_H

int cmd_convert(int argc, char **argv);

#endif
