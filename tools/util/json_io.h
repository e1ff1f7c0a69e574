/* SPDX-License-Identifier: GPL-2.0 */
/* JSON: a string writer, and a reader for what dmacheck and kbuild write. */
#ifndef DMACONV_UTIL_JSON_IO_H
#define DMACONV_UTIL_JSON_IO_H

#include <stddef.h>
#include <stdio.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING,
		 JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_type type;
	double num;
	char *str;
	struct json **items;	/* array elements or object values */
	char **keys;		/* object keys (NULL for arrays) */
	size_t n;
};

struct json *json_parse(const char *text);
void json_free(struct json *j);
const struct json *json_get(const struct json *j, const char *key);
const char *json_get_str(const struct json *j, const char *key);
int json_get_int(const struct json *j, const char *key);
void json_str(FILE *f, const char *s);

#endif
