/* SPDX-License-Identifier: GPL-2.0 */
/* dmaconv review: the reviewer's report for a conversion. */
#ifndef DMACONV_CMD_REVIEW_H
#define DMACONV_CMD_REVIEW_H

int cmd_review(int argc, char **argv);

#endif
