/* SPDX-License-Identifier: GPL-2.0 */
/* The mails of dmaconv series: one git format-patch style patch per driver. */
#ifndef DMACONV_RENDER_MAIL_H
#define DMACONV_RENDER_MAIL_H

#include <stddef.h>
#include "change/driver.h"
#include "util/str.h"

char *mail_name(size_t n, const struct driver *d);
int mail_write(const char *path, const struct driver *d, size_t n,
	       size_t total, const char *from, int signoff,
	       const struct strlist *why);

#endif
