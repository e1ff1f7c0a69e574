/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Strings for dmaconv: allocation that cannot return NULL, growable
 * strings (strbuf) and string lists (strlist), small tests on text, and
 * the number of elements of an array.
 */
#ifndef DMACONV_UTIL_STR_H
#define DMACONV_UTIL_STR_H

#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct strbuf {
	char *s;
	size_t len, cap;
};

struct strlist {
	char **v;
	size_t n, cap;
};

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_free(struct strbuf *sb);
void sl_push(struct strlist *sl, const char *s);
void sl_push_own(struct strlist *sl, char *s);
void sl_free(struct strlist *sl);
void sl_sort(struct strlist *sl);
int sl_contains(const struct strlist *sl, const char *s);
char *trim_dup(const char *s, size_t n);
int starts_with(const char *s, const char *prefix);
int ends_with(const char *s, const char *suffix);

#endif
