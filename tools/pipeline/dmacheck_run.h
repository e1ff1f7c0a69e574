/* SPDX-License-Identifier: GPL-2.0 */
/* Running dmacheck on plain files and reading what it found. */
#ifndef DMACONV_PIPELINE_DMACHECK_RUN_H
#define DMACONV_PIPELINE_DMACHECK_RUN_H

#include <stddef.h>
#include "change/finding.h"
#include "pipeline/locate.h"
#include "util/str.h"

/* A file to check and the name to show for it. */
struct check_input {
	const char *path;
	const char *disp;
	int legacy;		/* compile with the 5.9 API view */
};

int dmacheck_run(const char *dmacheck, const char *include_dir,
		 const struct check_input *in, size_t n,
		 const struct strlist *flags, struct finding_list *out);
int dmacheck_run_files(const struct resources *res,
		       const struct strlist *files,
		       const struct strlist *flags, struct finding_list *out);
/* One unit's model run: dmacheck --unit --facts. */
struct facts_req {
	const char *dmacheck, *include_dir;
	const char *cwd;		/* where dmacheck runs (NULL: here) */
	const struct strlist *files;	/* the unit's compiled .c files */
	const char *unit_name;
	const char *out;		/* facts.json, an absolute path */
	int legacy;			/* force-include legacy-dma.h (plain form) */
	int narrow;
	const struct strlist *kflags;	/* the kernel's command line, or NULL */
};

int dmacheck_facts(const struct facts_req *r, char **note);
int parse_finding_line(const char *line, struct finding *f);

#endif
