/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The semantic patches: the series and each patch's header, and the
 * checks that spatch is there, recent enough, and reads them.
 */
#ifndef DMACONV_PIPELINE_COCCI_H
#define DMACONV_PIPELINE_COCCI_H

#include <stddef.h>
#include "util/str.h"

struct cocci_patch {
	char *path;		/* absolute path of the .cocci file */
	char *rule;		/* base name without .cocci: the rule name */
	char *confidence;	/* from "// Confidence:" */
	char *description;	/* the "///" lines, joined */
	struct strlist options;	/* from "// Options:" */
};

struct cocci_series {
	struct cocci_patch *v;
	size_t n;
};

int cocci_load_series(const char *cocci_dir, struct cocci_series *s);
const struct cocci_patch *cocci_find(const struct cocci_series *s,
				     const char *rule);
int spatch_check_version(void);
int cocci_check_patches(const struct cocci_series *s);
int cocci_prepare(struct cocci_series *s);

#define SPATCH_MIN_VERSION "1.0.8"
#define SPATCH_INSTALL_HINT "sudo apt-get install coccinelle"

#endif
