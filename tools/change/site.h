/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A site of a change: a place in a driver's file the conversion rewrote
 * (the old and the new code, the rule that did it) or left for a human
 * (the reason).
 */
#ifndef DMACONV_CHANGE_SITE_H
#define DMACONV_CHANGE_SITE_H

#include <stddef.h>

struct site {
	char *file;		/* display path */
	int line, col;
	char *old_text;		/* converted: the legacy code */
	char *new_text;		/* converted: what replaced it */
	char *rule;		/* semantic patch name, or "hand edit" */
	char *confidence;
	char *reason;		/* left sites: why it was not converted */
};

struct site_list {
	struct site *v;
	size_t n, cap;
};

void site_push(struct site_list *l, const struct site *s);
struct site site_copy(const struct site *s);
void site_list_free(struct site_list *l);

#endif
