// SPDX-License-Identifier: GPL-2.0
/*
 * JSON: a string writer for our own output, and a small reader for
 * dmacheck's -f json object and compile_commands.json.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "util/json_io.h"
#include "util/str.h"

void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

struct reader {
	const char *p;
	int depth;
};

static struct json *new_node(enum json_type t)
{
	struct json *j = xmalloc(sizeof(*j));

	memset(j, 0, sizeof(*j));
	j->type = t;
	return j;
}

static void skip_ws(struct reader *r)
{
	while (isspace((unsigned char)*r->p))
		r->p++;
}

static void put_utf8(struct strbuf *sb, unsigned int cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = cp;
		sb_add(sb, b, 1);
	} else if (cp < 0x800) {
		b[0] = 0xc0 | (cp >> 6);
		b[1] = 0x80 | (cp & 0x3f);
		sb_add(sb, b, 2);
	} else {
		b[0] = 0xe0 | (cp >> 12);
		b[1] = 0x80 | ((cp >> 6) & 0x3f);
		b[2] = 0x80 | (cp & 0x3f);
		sb_add(sb, b, 3);
	}
}

static char *read_string(struct reader *r)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
	struct strbuf sb = { 0 };

	r->p++;
	sb_add(&sb, "", 0);
	while (*r->p && *r->p != '"') {
		const char *e;

		if (*r->p != '\\') {
			sb_add(&sb, r->p++, 1);
			continue;
		}
		r->p++;
		e = *r->p ? strchr(esc_in, *r->p) : NULL;
		if (*r->p == 'u') {
			char hex[5] = { 0 };

			strncpy(hex, r->p + 1, 4);
			put_utf8(&sb, strtoul(hex, NULL, 16));
			r->p += strlen(hex) + 1;
		} else if (e) {
			sb_add(&sb, &esc_out[e - esc_in], 1);
			r->p++;
		} else {
			sb_free(&sb);
			return NULL;
		}
	}
	if (*r->p != '"') {
		sb_free(&sb);
		return NULL;
	}
	r->p++;
	return sb.s;
}

static struct json *read_value(struct reader *r);

static int add_child(struct json *j, char *key, struct json *v)
{
	j->items = xrealloc(j->items, (j->n + 1) * sizeof(*j->items));
	j->keys = xrealloc(j->keys, (j->n + 1) * sizeof(*j->keys));
	j->items[j->n] = v;
	j->keys[j->n] = key;
	j->n++;
	return 0;
}

static struct json *read_container(struct reader *r, int object)
{
	struct json *j = new_node(object ? JSON_OBJECT : JSON_ARRAY);
	char close = object ? '}' : ']';

	r->p++;
	skip_ws(r);
	if (*r->p == close) {
		r->p++;
		return j;
	}
	for (;;) {
		char *key = NULL;
		struct json *v;

		skip_ws(r);
		if (object) {
			if (*r->p != '"')
				goto bad;
			key = read_string(r);
			if (!key)
				goto bad;
			skip_ws(r);
			if (*r->p++ != ':') {
				free(key);
				goto bad;
			}
		}
		v = read_value(r);
		if (!v) {
			free(key);
			goto bad;
		}
		add_child(j, key, v);
		skip_ws(r);
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p++ == close)
			return j;
		goto bad;
	}
bad:
	json_free(j);
	return NULL;
}

static struct json *read_value(struct reader *r)
{
	struct json *j;
	char *end;

	skip_ws(r);
	if (++r->depth > 64)
		return NULL;
	if (*r->p == '{' || *r->p == '[') {
		j = read_container(r, *r->p == '{');
	} else if (*r->p == '"') {
		char *s = read_string(r);

		j = s ? new_node(JSON_STRING) : NULL;
		if (j)
			j->str = s;
	} else if (starts_with(r->p, "true") || starts_with(r->p, "false")) {
		j = new_node(JSON_BOOL);
		j->num = *r->p == 't';
		r->p += j->num ? 4 : 5;
	} else if (starts_with(r->p, "null")) {
		j = new_node(JSON_NULL);
		r->p += 4;
	} else {
		double d = strtod(r->p, &end);

		j = end == r->p ? NULL : new_node(JSON_NUMBER);
		if (j) {
			j->num = d;
			r->p = end;
		}
	}
	r->depth--;
	return j;
}

struct json *json_parse(const char *text)
{
	struct reader r = { text, 0 };
	struct json *j = read_value(&r);

	skip_ws(&r);
	if (j && *r.p) {
		json_free(j);
		return NULL;
	}
	return j;
}

void json_free(struct json *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n; i++) {
		json_free(j->items[i]);
		free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->str);
	free(j);
}

const struct json *json_get(const struct json *j, const char *key)
{
	if (!j || j->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < j->n; i++)
		if (!strcmp(j->keys[i], key))
			return j->items[i];
	return NULL;
}

const char *json_get_str(const struct json *j, const char *key)
{
	const struct json *v = json_get(j, key);

	return v && v->type == JSON_STRING ? v->str : NULL;
}

int json_get_int(const struct json *j, const char *key)
{
	const struct json *v = json_get(j, key);

	return v && v->type == JSON_NUMBER ? (int)v->num : 0;
}
