/* SPDX-License-Identifier: GPL-2.0 */
/* dmaconv convert: run the semantic patch series over files and folders. */
#ifndef DMACONV_CMD_CONVERT_H
#define DMACONV_CMD_CONVERT_H

/*
 * convert's own exit status, after util/msg.h's: a driver it changed still
 * uses the removed API (a half-converted driver builds on no kernel).
 */
#define EXIT_LEGACY_LEFT 5

int cmd_convert(int argc, char **argv);

#endif
