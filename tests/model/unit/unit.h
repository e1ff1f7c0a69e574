/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model's unit tests: helpers to build the model and the plan of a
 * test driver (tests/model/drivers/) and find what the tests look at.
 */
#ifndef MODEL_UNIT_H
#define MODEL_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"
#include "plan.h"
#include "model_parse.h"

struct unit {
	struct model *m;
	struct plan *p;
};

/* Parse the test drivers @files (NULL-terminated, relative to tests/model/drivers). */
struct unit *unit_load(const char *name, const char *const *files, bool narrow);
/* The site of @call in function @fn (the first use's, for a macro); NULL if none. */
const struct plan_site *unit_site(const struct unit *u, const char *fn, const char *call);
/* The nth (0-based) site of @call in @fn. */
const struct plan_site *unit_site_n(const struct unit *u, const char *fn, const char *call, int n);
/* What argument @arg of the first call of @call in @fn points into. */
struct dm_target unit_arg(const struct unit *u, const char *fn, const char *call, int arg);
const char *unit_arg_text(const struct unit *u, const char *fn, const char *call, int arg);
/* The symbol of function @fn. */
struct symbol *unit_fn(const struct unit *u, const char *fn);

#define assert_str(a, b) assert_string_equal((a) ? (a) : "(null)", (b))

extern const struct CMUnitTest points_to_tests[], category_tests[], handle_tests[],
	position_tests[], macro_tests[], query_tests[];
extern const size_t nr_points_to_tests, nr_category_tests, nr_handle_tests,
	nr_position_tests, nr_macro_tests, nr_query_tests;

#define TEST_LIST(name, ...) \
	const struct CMUnitTest name[] = { __VA_ARGS__ }; \
	const size_t nr_##name = sizeof(name) / sizeof(name[0])

#endif
