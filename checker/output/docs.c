// SPDX-License-Identifier: GPL-2.0
/*
 * Where a check's docs page is: installed next to the binary
 * (<prefix>/share/doc/dmaconv/checks/<id>.md for <prefix>/bin/dmacheck),
 * else in the source tree dmacheck was built from.
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "front.h"
#include "version.h"

const char *dmc_check_doc_uri(const char *id)
{
	static char path[PATH_MAX + 64];
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *page = id ? "checks/" : "checker.md";

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/../share/doc/dmaconv/%s%s%s", exe,
				 page, id ? id : "", id ? ".md" : "");
			if (!access(path, R_OK))
				return path;
		}
	}
	snprintf(path, sizeof(path), "%s/%s%s%s", DMACHECK_DOCS_DIR, page,
		 id ? id : "", id ? ".md" : "");
	return path;
}
