/* SPDX-License-Identifier: GPL-2.0 */
/* Where the semantic patches, dmacheck and the project's headers are. */
#ifndef DMACONV_PIPELINE_LOCATE_H
#define DMACONV_PIPELINE_LOCATE_H

struct resources {
	char *cocci_dir;	/* holds series and *.cocci */
	char *dmacheck;		/* the checker executable */
	char *include_dir;	/* the project's include/ */
};

int locate_resources(struct resources *res);

#endif
