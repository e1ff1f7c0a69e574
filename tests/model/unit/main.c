// SPDX-License-Identifier: GPL-2.0
/*
 * The model's cmocka runner: sparse is initialised once with the
 * project's 5.9 view of the DMA API (include/ with -DDMAREF_API_5_9),
 * then every test parses its own small driver into its own model, as
 * dmacheck parses the files of a unit one after the other.
 */
#include <stdlib.h>

#include "unit.h"

static const char *top;

static char *path(const char *file)
{
	char *p = malloc(strlen(top) + strlen(file) + 32);

	if (!p)
		abort();
	sprintf(p, "%s/tests/model/drivers/%s", top, file);
	return p;
}

/* Units already built, by name: a driver is parsed once for all its tests. */
static struct { const char *name; bool narrow; struct unit *u; } cache[32];

struct unit *unit_load(const char *name, const char *const *files, bool narrow)
{
	struct plan_opts opts = { .narrow = narrow };
	struct unit *u;
	int i;

	for (i = 0; i < 32 && cache[i].name; i++)
		if (!strcmp(cache[i].name, name) && cache[i].narrow == narrow)
			return cache[i].u;
	u = calloc(1, sizeof(*u));
	assert_non_null(u);
	u->m = model_new(name);
	for (i = 0; files[i]; i++) {
		char *f = path(files[i]);
		struct symbol_list *list = model_parse_file(f);

		assert_non_null(list);
		model_add_file(u->m, f, list);
	}
	model_solve(u->m);
	u->p = plan_unit(u->m, &opts);
	for (i = 0; i < 32; i++) {
		if (cache[i].name)
			continue;
		cache[i].name = name;
		cache[i].narrow = narrow;
		cache[i].u = u;
		break;
	}
	return u;
}

const struct plan_site *unit_site_n(const struct unit *u, const char *fn, const char *call, int n)
{
	int i;

	for (i = 0; i < u->p->nr_sites; i++) {
		const struct plan_site *s = &u->p->sites[i];

		if (s->function && !strcmp(s->function, fn) && !strcmp(s->call, call) && !n--)
			return s;
	}
	return NULL;
}

const struct plan_site *unit_site(const struct unit *u, const char *fn, const char *call)
{
	return unit_site_n(u, fn, call, 0);
}

static bool fn_is(struct symbol *s, const char *name)
{
	return s && s->ident && s->ident->len == strlen(name) &&
	       !strncmp(s->ident->name, name, strlen(name));
}

static struct dm_call *find_call(const struct unit *u, const char *fn, const char *call)
{
	struct dm_call *calls, *c = NULL;
	int n = model_calls(u->m, call, &calls), i;

	for (i = 0; i < n && !c; i++) {
		if (!fn_is(calls[i].fn, fn))
			continue;
		c = malloc(sizeof(*c));
		assert_non_null(c);
		*c = calls[i];
	}
	free(calls);
	return c;
}

struct dm_target unit_arg(const struct unit *u, const char *fn, const char *call, int arg)
{
	struct dm_call *c = find_call(u, fn, call);
	struct dm_target t;

	assert_non_null(c);
	t = model_expr(u->m, c->fn, c->args[arg]);
	free(c);
	return t;
}

const char *unit_arg_text(const struct unit *u, const char *fn, const char *call, int arg)
{
	struct dm_call *c = find_call(u, fn, call);
	const char *t;

	assert_non_null(c);
	t = model_expr_text(u->m, c->args[arg]);
	free(c);
	return t;
}

struct symbol *unit_fn(const struct unit *u, const char *fn)
{
	struct dm_call *calls;
	int n = model_calls(u->m, NULL, &calls), i;
	struct symbol *s = NULL;

	for (i = 0; i < n && !s; i++)
		if (fn_is(calls[i].fn, fn))
			s = calls[i].fn;
	free(calls);
	return s;
}

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "-DDMAREF_API_5_9", "-I", NULL, "-I", NULL, NULL };
	struct string_list *files = NULL;
	int failed = 0;

	(void)argc;
	top = getenv("TOP");
	if (!top)
		top = ".";
	args[3] = malloc(strlen(top) + 16);
	args[5] = malloc(strlen(top) + 32);
	sprintf(args[3], "%s/include", top);
	sprintf(args[5], "%s/tests/model/drivers", top);
	fmax_warnings = 0;
	sparse_initialize(6, args, &files);
	fmax_warnings = 0;
	failed |= _cmocka_run_group_tests("points-to", points_to_tests, nr_points_to_tests, NULL, NULL);
	failed |= _cmocka_run_group_tests("categories", category_tests, nr_category_tests, NULL, NULL);
	failed |= _cmocka_run_group_tests("handles", handle_tests, nr_handle_tests, NULL, NULL);
	failed |= _cmocka_run_group_tests("positions", position_tests, nr_position_tests, NULL, NULL);
	failed |= _cmocka_run_group_tests("macros", macro_tests, nr_macro_tests, NULL, NULL);
	failed |= _cmocka_run_group_tests("queries", query_tests, nr_query_tests, NULL, NULL);
	return failed ? 1 : 0;
}
