// SPDX-License-Identifier: GPL-2.0
/*
 * sparse's command line as the parent reads it, without running sparse:
 * which arguments are files, and which options would make sparse print
 * something else than diagnostics.  The parent never parses C (a
 * missing -include file or a crash in a header must end one unit, not
 * the run), so it reads the command line the way sparse's
 * handle_switch() does; the child checks that sparse agrees (child.c).
 */
#include <stdio.h>
#include <string.h>

#include "front.h"

/* Options that take the next argument as their value, as sparse reads them. */
static const struct {
	const char *name;
	bool prefix;		/* any argument starting so (sparse's -x) */
} with_value[] = {
	{ "-D" }, { "-U" }, { "-I" }, { "-o" }, { "-G" },
	{ "-include" }, { "-imacros" }, { "-isystem" }, { "-idirafter" },
	{ "-MF" }, { "-MQ" }, { "-MT" },
	{ "-gcc-base-dir" }, { "-multiarch-dir" }, { "--param" },
	{ "-x", true },
};

static bool takes_value(const char *arg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(with_value); i++) {
		const char *n = with_value[i].name;

		if (with_value[i].prefix ? !strncmp(arg, n, strlen(n)) : !strcmp(arg, n))
			return true;
	}
	return false;
}

int dmc_find_files(int argc, char **argv, bool *is_file)
{
	int i, nr = 0;

	for (i = 0; i < argc; i++)
		is_file[i] = false;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			is_file[i] = true;
			nr++;
		} else if (takes_value(a) && i + 1 < argc) {
			i++;
		}
	}
	return nr;
}

/*
 * Options after which sparse prints preprocessed text, macros, its IR or
 * its own debugging on stdout: with -f json or sarif, stdout must hold
 * one document and nothing else.
 */
enum match { EXACT, PREFIX, D_CHARS };

static const struct {
	const char *name;
	enum match match;
	const char *what;
} printing[] = {
	{ "-E",		EXACT,	"preprocessed text" },
	{ "-d",		D_CHARS, "macro definitions" },	/* -dM, -dD */
	{ "-fdump-",	PREFIX,	"its internal dumps" },
	{ "-fmem-report", EXACT, "a memory report" },
	{ "-v",		PREFIX,	"its debugging output" },
};

static bool matches(const char *arg, const char *name, enum match m)
{
	switch (m) {
	case EXACT:
		return !strcmp(arg, name);
	case PREFIX:
		return !strncmp(arg, name, strlen(name));
	case D_CHARS:
		return !strncmp(arg, name, strlen(name)) &&
		       strpbrk(arg + strlen(name), "MD");
	}
	return false;
}

const char *dmc_printing_option(int argc, char **argv)
{
	static char buf[256];
	unsigned int k;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			continue;
		} else if (takes_value(a)) {
			i++;
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(printing); k++) {
			if (!matches(a, printing[k].name, printing[k].match))
				continue;
			snprintf(buf, sizeof(buf), "'%.100s' makes sparse print %s on stdout",
				 a, printing[k].what);
			return buf;
		}
	}
	return NULL;
}

/* gcc and sparse long options that pass through to sparse. */
bool dmc_foreign_long_option(const char *arg)
{
	static const char *const known[] = {
		"--param", "--arch=", "--os=", "--sysroot", "--target=",
		"--include", "--define-macro", "--undefine-macro",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known); i++)
		if (!strncmp(arg, known[i], strlen(known[i])))
			return true;
	return false;
}
