/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The commit message of a driver's patch, in kernel form: a subject that
 * says what happened, a short body in words (why, and per buffer what
 * and in which direction), the trailers; and the notes for below "---".
 */
#ifndef DMACONV_RENDER_COMMIT_MSG_H
#define DMACONV_RENDER_COMMIT_MSG_H

#include "change/driver.h"
#include "change/outcome.h"
#include "util/str.h"

char *commit_subject(const char *prefix, const struct outcome *o);
void commit_body(struct strbuf *sb, const char *name,
		 const struct outcome *o);
void commit_trailers(struct strbuf *sb, const char *version,
		     const struct outcome *o, const char *signoff);
void commit_notes(struct strbuf *sb, const struct driver *d);
void wrap_text(struct strbuf *sb, const char *text, int width);

#endif
