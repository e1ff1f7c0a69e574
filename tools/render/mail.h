/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mails of dmaconv series as git format-patch writes them (mbox
 * files 0001-*.patch, ready for git am, git send-email and b4): one per
 * driver, and a cover letter when a series has more than one.
 */
#ifndef DMACONV_RENDER_MAIL_H
#define DMACONV_RENDER_MAIL_H

#include <stddef.h>
#include "change/driver.h"
#include "util/str.h"

struct mail {
	const char *from;
	const char *tag;		/* "PATCH" or "RFC PATCH" */
	size_t n, total;		/* 0 of N: the cover letter */
	char *subject;			/* without the [PATCH] tag */
	const struct strlist *to, *cc;
	struct strbuf body;		/* message and trailers */
	struct strbuf notes;		/* below "---" */
	const struct driver *d;		/* its diff; NULL: cover letter */
	const char *version;
};

char *mail_name(size_t n, const char *subject);
int mail_write(const char *path, const struct mail *m);

#endif
