// SPDX-License-Identifier: GPL-2.0
/*
 * The per-site log: every converted site (file, line, old call, new call,
 * rule, confidence) and every site left for a human with the reason.
 */
#include "render/sitelog.h"
#include "util/json_io.h"

void sitelog_text(FILE *f, const struct driver_set *ds)
{
	for (size_t i = 0; i < ds->n; i++) {
		const struct driver *d = &ds->v[i];

		for (size_t k = 0; k < d->sites.n; k++) {
			const struct site *s = &d->sites.v[k];

			fprintf(f, "%s:%d: converted by %s (confidence %s): "
				"%s -> %s\n", s->file, s->line, s->rule,
				s->confidence, *s->old_text ? s->old_text :
				"(new code)", *s->new_text ? s->new_text :
				"(removed)");
		}
		for (size_t k = 0; k < d->left.n; k++) {
			const struct site *s = &d->left.v[k];

			fprintf(f, "%s:%d:%d: left for a human: %s\n", s->file,
				s->line, s->col, s->reason);
		}
		for (size_t k = 0; k < d->errors.n; k++)
			fprintf(f, "%s\n", d->errors.v[k]);
	}
}

void site_json(FILE *f, const struct site *s, int left)
{
	fputs("{\"file\":", f);
	json_str(f, s->file);
	fprintf(f, ",\"line\":%d", s->line);
	if (left) {
		fprintf(f, ",\"column\":%d,\"reason\":", s->col);
		json_str(f, s->reason);
	} else {
		fputs(",\"old\":", f);
		json_str(f, s->old_text);
		fputs(",\"new\":", f);
		json_str(f, s->new_text);
		fputs(",\"rule\":", f);
		json_str(f, s->rule);
		fputs(",\"confidence\":", f);
		json_str(f, s->confidence);
	}
	fputc('}', f);
}

static void sites_json(FILE *f, const char *key, const struct site_list *l,
		       int left)
{
	fprintf(f, "\"%s\":[", key);
	for (size_t k = 0; k < l->n; k++) {
		if (k)
			fputc(',', f);
		site_json(f, &l->v[k], left);
	}
	fputc(']', f);
}

void sitelog_json(FILE *f, const struct driver_set *ds)
{
	fputs("{\"tool\":\"dmaconv\",\"drivers\":[", f);
	for (size_t i = 0; i < ds->n; i++) {
		const struct driver *d = &ds->v[i];

		fputs(i ? ",{\"driver\":" : "{\"driver\":", f);
		json_str(f, d->name);
		fputs(",\"folder\":", f);
		json_str(f, d->dir);
		fputc(',', f);
		sites_json(f, "sites", &d->sites, 0);
		fputc(',', f);
		sites_json(f, "left", &d->left, 1);
		fputs(",\"errors\":[", f);
		for (size_t k = 0; k < d->errors.n; k++) {
			if (k)
				fputc(',', f);
			json_str(f, d->errors.v[k]);
		}
		fputs("]}", f);
	}
	fputs("]}\n", f);
}
