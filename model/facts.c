// SPDX-License-Identifier: GPL-2.0
/*
 * facts.json, version 1 (docs/design/driver-model.md, section 3): the
 * unit's allocations and every legacy site's decision, by spatch's
 * position, for the semantic patches' @initialize:python@.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "facts.h"
#include "model_parse.h"

static void str(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void key(FILE *out, const char *k, const char *v)
{
	fprintf(out, ", \"%s\": ", k);
	str(out, v);
}

static const char *const dir_list[] = { "DMA_BIDIRECTIONAL", "DMA_TO_DEVICE", "DMA_FROM_DEVICE" };

static void dirs(FILE *out, unsigned int d)
{
	unsigned int bits[] = { DIR_BIT_BIDI, DIR_BIT_TO_DEVICE, DIR_BIT_FROM_DEVICE };
	bool first = true;
	int i;

	fputs(", \"dirs\": [", out);
	for (i = 0; i < 3; i++) {
		if (!(d & bits[i]))
			continue;
		fputs(first ? "" : ", ", out);
		str(out, dir_list[i]);
		first = false;
	}
	fputc(']', out);
}

static bool unit_complete(const struct model *m)
{
	int i;

	for (i = 0; i < m->nr_files; i++)
		if (!m->files[i].complete)
			return false;
	return true;
}

static void allocations(const struct plan *p, FILE *out)
{
	struct model *m = p->model;
	int i;

	fputs("  \"allocations\": [", out);
	for (i = 0; i < m->nr_allocs; i++) {
		struct dm_alloc *a = m->allocs[i];
		struct dm_pos pos;

		if (!model_call_position(m, a->expr, &pos))
			continue;
		fprintf(out, "%s\n    {\"id\": %d, \"file\": ", i ? "," : "", a->id);
		str(out, pos.file);
		fprintf(out, ", \"line\": %d, \"column\": %d", pos.line, pos.column);
		key(out, "call", a->call);
		key(out, "function", a->fn && a->fn->ident ? m_id(a->fn->ident) : NULL);
		key(out, "cpu", a->cpu);
		key(out, "handle", a->handle);
		key(out, "dev", a->dev);
		key(out, "size", a->size);
		fprintf(out, ", \"legacy\": %s, \"coherent\": %s, \"syncs\": %d",
			a->legacy ? "true" : "false", a->nr_syncs ? "false" : "true", a->nr_syncs);
		dirs(out, a->dirs);
		key(out, "dir", plan_alloc_dir(p, a));
		key(out, "translator", a->translator);
		fprintf(out, ", \"complete\": %s}", a->complete ? "true" : "false");
	}
	fputs(m->nr_allocs ? "\n  ],\n" : "],\n", out);
}

static void site(const struct plan_site *s, FILE *out, bool first)
{
	int i;

	fputs(first ? "\n    {\"file\": " : ",\n    {\"file\": ", out);
	str(out, s->pos.file);
	fprintf(out, ", \"line\": %d, \"column\": %d", s->pos.line, s->pos.column);
	key(out, "call", s->call);
	key(out, "function", s->function);
	key(out, "macro", s->pos.macro);
	fprintf(out, ", \"uses\": %d, \"complete\": %s", s->uses, s->complete ? "true" : "false");
	key(out, "action", plan_action_name(s->action));
	if (s->alloc)
		fprintf(out, ", \"alloc\": %d", s->alloc->id);
	else
		fputs(", \"alloc\": null", out);
	if (s->action == ACT_LEAVE) {
		key(out, "category", s->category);
		key(out, "why", s->why);
		fputc('}', out);
		return;
	}
	key(out, "fn", s->fn);
	key(out, "dev", s->dev);
	if (s->action == ACT_SYNC)
		key(out, "handle", s->handle);
	key(out, "dir", s->dir);
	fputs(", \"decls\": [", out);
	for (i = 0; i < s->nr_decls; i++) {
		fputs(i ? ", {\"type\": " : "{\"type\": ", out);
		str(out, s->decls[i].type);
		key(out, "name", s->decls[i].name);
		key(out, "init", s->decls[i].init);
		fputc('}', out);
	}
	fputc(']', out);
	key(out, "doubt", s->doubt);
	fputc('}', out);
}

void facts_write(const struct plan *p, FILE *out)
{
	const char *const *missing;
	int i, n = model_missing_headers(&missing);

	fprintf(out, "{\n  \"dmaconv_facts\": %d,\n  \"unit\": ", FACTS_VERSION);
	str(out, model_unit(p->model));
	fprintf(out, ",\n  \"complete\": %s,\n  \"missing_headers\": [",
		unit_complete(p->model) ? "true" : "false");
	for (i = 0; i < n; i++) {
		fputs(i ? ", " : "", out);
		str(out, missing[i]);
	}
	fputs("],\n", out);
	allocations(p, out);
	fputs("  \"sites\": [", out);
	for (i = 0; i < p->nr_sites; i++)
		site(&p->sites[i], out, !i);
	fputs(p->nr_sites ? "\n  ],\n" : "],\n", out);
	fputs("  \"helpers\": [", out);
	for (i = 0; i < p->nr_helpers; i++) {
		fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
		str(out, p->helpers[i].name);
		key(out, "file", p->helpers[i].file);
		key(out, "after", p->helpers[i].after);
		key(out, "text", p->helpers[i].text);
		fputc('}', out);
	}
	fputs(p->nr_helpers ? "\n  ],\n" : "],\n", out);
	fputs("  \"macros\": [", out);
	for (i = 0; i < p->nr_macros; i++) {
		const struct plan_macro *pm = &p->macros[i];

		fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
		str(out, pm->name);
		key(out, "file", pm->file);
		fprintf(out, ", \"line\": %d, \"param\": %d", pm->line, pm->param);
		key(out, "was", pm->was);
		key(out, "now", pm->now);
		key(out, "pass", pm->pass);
		fputc('}', out);
	}
	fputs(p->nr_macros ? "\n  ]\n}\n" : "]\n}\n", out);
}

bool facts_write_file(const struct plan *p, const char *path)
{
	FILE *out = strcmp(path, "-") ? fopen(path, "w") : stdout;

	if (!out) {
		fprintf(stderr, "facts: cannot write %s: %s\n", path, strerror(errno));
		return false;
	}
	facts_write(p, out);
	if (out != stdout && fclose(out)) {
		fprintf(stderr, "facts: cannot write %s: %s\n", path, strerror(errno));
		return false;
	}
	return true;
}
