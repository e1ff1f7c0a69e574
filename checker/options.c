// SPDX-License-Identifier: GPL-2.0
/*
 * dmacheck's own options, as a table.  An option that takes a value
 * takes it either way, "--timeout=5" or "--timeout 5"; numbers are
 * digits only, in range, or refused.  Everything else on the command
 * line is sparse's (and gcc's), left in argv in its order.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dmacheck.h"
#include "front.h"
#include "version.h"

struct dmc_opts dmc_opt = { .timeout = 300, .diag_prefix = "" };

static bool set_format(const char *name, const char *v)
{
	static const char *const formats[] = {
		[FMT_TEXT] = "text", [FMT_JSON] = "json", [FMT_SARIF] = "sarif",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		if (!strcmp(v, formats[i])) {
			dmc_opt.format = i;
			return true;
		}
	}
	fprintf(stderr, "dmacheck: unknown output format '%s' (use text, json or sarif)\n", v);
	return false;
}

/* Digits only, 1..@max: strtoul() alone takes "-1" as ULONG_MAX and " +5". */
static bool number(const char *name, const char *v, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || errno || !*out || *out > max) {
		fprintf(stderr, "dmacheck: bad %s '%s' (a whole number from 1 to %lu)\n",
			name, v, max);
		return false;
	}
	return true;
}

static bool set_timeout(const char *name, const char *v)
{
	unsigned long n;

	if (!number(name, v, UINT_MAX, &n))
		return false;
	dmc_opt.timeout = n;
	return true;
}

static bool set_work_limit(const char *name, const char *v)
{
	unsigned long n;

	if (!number(name, v, ULONG_MAX, &n))
		return false;
	dmc_work_limit = n;
	return true;
}

static bool set_string(const char *name, const char *v)
{
	if (!*v) {
		fprintf(stderr, "dmacheck: %s needs a value\n", name);
		return false;
	}
	if (!strcmp(name, "--facts")) {
		dmc_opt.facts = v;
		dmc_opt.unit = true;
	} else if (!strcmp(name, "--unit-name")) {
		dmc_opt.unit_name = v;
	} else {
		dmc_opt.stub_dir = v;
	}
	return true;
}

static void print_version(void)
{
	printf("dmacheck %s%s%s (sparse %s)\n", DMACHECK_VERSION,
	       *DMACHECK_GIT ? " git " : "", DMACHECK_GIT, SPARSE_VERSION);
}

static void list_checks(void)
{
	int i;

	for (i = 0; i < NR_CHECKS; i++)
		printf("%s\n", dmc_check_name(i));
}

static void help(void)
{
	dmc_usage(stdout);
}

static const struct own_option {
	const char *name;
	const char *alias;
	bool (*set)(const char *name, const char *value);	/* takes a value */
	bool *flag;						/* or sets this */
	void (*action)(void);					/* or does this and exits */
} options[] = {
	{ "--format", "-f", set_format },
	{ "--timeout", NULL, set_timeout },
	{ "--work-limit", NULL, set_work_limit },
	{ "--facts", NULL, set_string },
	{ "--unit-name", NULL, set_string },
	{ "--stub-dir", NULL, set_string },
	{ "--fail-on-findings", NULL, NULL, &dmc_opt.fail_on_findings },
	{ "--sparse-warnings", NULL, NULL, &dmc_opt.sparse_warnings },
	{ "--stats", NULL, NULL, &dmc_opt.stats },
	{ "--unit", NULL, NULL, &dmc_opt.unit },
	{ "--narrow", NULL, NULL, &dmc_opt.narrow },
	{ "--best-effort", NULL, NULL, &dmc_opt.best_effort },
	{ "--inline-api", NULL, NULL, &api_inline },
	{ "--version", NULL, NULL, NULL, print_version },
	{ "--help", "-h", NULL, NULL, help },
	{ "--list-checks", NULL, NULL, NULL, list_checks },
};

void dmc_usage(FILE *out)
{
	fputs("usage: dmacheck [options] [sparse/gcc flags] file.c...\n"
	      "  -f, --format text|json|sarif  output (text: stderr; json, sarif: stdout)\n"
	      "  -W<check>, -Wno-<check>  turn one check on or off (--list-checks)\n"
	      "  --fail-on-findings    exit 2 when there are findings\n"
	      "  --sparse-warnings     also print sparse's own warnings\n"
	      "  --unit                all files given are one driver unit (one model)\n"
	      "  --unit-name NAME      the unit's name (default: the first file's)\n"
	      "  --facts FILE          write the unit's facts.json (implies --unit; - is stdout)\n"
	      "  --narrow              facts: an allocation gets the one direction its syncs use\n"
	      "  --best-effort         vendor code outside its tree: missing headers empty,\n"
	      "                        undeclared names implicit; findings say so\n"
	      "  --stub-dir DIR        where --best-effort writes its empty headers\n"
	      "  --inline-api          let sparse inline the API's static inline wrappers\n"
	      "  --stats               per file: time in sparse and in the analysis\n"
	      "  --work-limit N        instructions analysed per function (default 50000000)\n"
	      "  --timeout SECONDS     per file, or per unit (default 300)\n"
	      "  -fdiagnostic-prefix[=NAME]  start every diagnostic with NAME: (dmacheck:)\n"
	      "  --list-checks         print the check ids\n"
	      "  --version, --help\n"
	      "An option's value may follow it (--timeout 5) or an = (--timeout=5).\n", out);
}

/* "-Wno-foo" (*@on false) or "-Wfoo": "foo"; NULL for anything else. */
static const char *switch_name(const char *arg, bool *on)
{
	if (strncmp(arg, "-W", 2) || !arg[2])
		return NULL;
	*on = strncmp(arg, "-Wno-", 5) != 0;
	return *on ? arg + 2 : arg + 5;
}

/* Is @word (of @len bytes) a word of some check id? */
static bool check_word(const char *word, size_t len)
{
	int i;

	for (i = 0; i < NR_CHECKS; i++) {
		const char *id = dmc_check_name(i);

		while (*id) {
			size_t n = strcspn(id, "-");

			if (n == len && !strncmp(id, word, len))
				return true;
			id += n + (id[n] == '-');
		}
	}
	return false;
}

static int distance(const char *a, const char *b)
{
	int la = strlen(a), lb = strlen(b), i, j, prev, cur, diag;
	int row[64];

	if (la >= 64 || lb >= 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			prev = row[j];
			cur = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < cur)
				cur = row[j] + 1;
			if (row[j - 1] + 1 < cur)
				cur = row[j - 1] + 1;
			row[j] = cur;
			diag = prev;
		}
	}
	return row[lb];
}

/*
 * A -W name meant for dmacheck but naming no check: made only of the
 * words check ids use ("missing-sync"), or a typo of one (two edits).
 * gcc's and sparse's -W names (-Wall, -Wno-return-void) use other words.
 */
static const char *near_check(const char *name)
{
	const char *p = name;
	int i;

	for (i = 0; i < NR_CHECKS; i++)
		if (distance(name, dmc_check_name(i)) <= 2)
			return dmc_check_name(i);
	while (*p) {
		size_t n = strcspn(p, "-");

		if (!n || !check_word(p, n))
			return NULL;
		p += n + (p[n] == '-');
	}
	return "";
}

/* -W<check>, -Wno-<check>: 1 taken, 0 not a check switch, -1 after a message. */
static int check_switch(const char *arg)
{
	bool on = true;
	const char *name = switch_name(arg, &on), *near;
	int id;

	if (!name)
		return 0;
	id = dmc_check_by_name(name);
	if (id >= 0) {
		dmc_check_set_enabled(id, on);
		return 1;
	}
	near = near_check(name);
	if (!near)
		return 0;
	fprintf(stderr, "dmacheck: unknown check '%s' in '%s'%s%s%s (see dmacheck --list-checks)\n",
		name, arg, *near ? " (did you mean " : "", near, *near ? "?)" : "");
	return -1;
}

/* -fdiagnostic-prefix[=NAME], as sparse reads it; sparse gets it too. */
static void diagnostic_prefix(char **arg)
{
	static char buf[256];

	if (!strcmp(*arg, "-fdiagnostic-prefix")) {
		*arg = "-fdiagnostic-prefix=dmacheck";
		dmc_opt.diag_prefix = "dmacheck: ";
	} else if (!strncmp(*arg, "-fdiagnostic-prefix=", 20)) {
		snprintf(buf, sizeof(buf), "%s: ", *arg + 20);
		dmc_opt.diag_prefix = buf;
	}
}

/*
 * @arg matches @o: its value (after "=", or the next argument) in
 * *@value.  Returns 0 no match, 1 matched, -1 after a message.
 */
static int match(const struct own_option *o, int *i, int argc, char **argv,
		 const char **value)
{
	const char *arg = argv[*i];
	const char *const names[] = { o->name, o->alias };
	unsigned int k;

	*value = NULL;
	for (k = 0; k < 2; k++) {
		size_t n;

		if (!names[k])
			continue;
		n = strlen(names[k]);
		if (strncmp(arg, names[k], n))
			continue;
		if (!arg[n]) {
			if (!o->set)
				return 1;
			if (*i + 1 >= argc) {
				fprintf(stderr, "dmacheck: %s needs a value\n", arg);
				return -1;
			}
			*value = argv[++*i];
			return 1;
		}
		if (arg[n] == '=') {
			if (!o->set) {
				fprintf(stderr, "dmacheck: %s takes no value\n", o->name);
				return -1;
			}
			*value = arg + n + 1;
			return 1;
		}
	}
	return 0;
}

static int own_option(int *i, int argc, char **argv)
{
	unsigned int k;

	for (k = 0; k < ARRAY_SIZE(options); k++) {
		const struct own_option *o = &options[k];
		const char *value;
		int m = match(o, i, argc, argv, &value);

		if (m <= 0) {
			if (m < 0)
				return -1;
			continue;
		}
		if (o->set)
			return o->set(o->name, value) ? 1 : -1;
		if (o->flag) {
			*o->flag = true;
			return 1;
		}
		o->action();
		exit(0);
	}
	return 0;
}

bool dmc_take_options(int *argc, char **argv)
{
	int i, out = 1;

	for (i = 1; i < *argc; i++) {
		int taken = own_option(&i, *argc, argv);

		if (!taken)
			taken = check_switch(argv[i]);
		if (taken < 0)
			return false;
		if (taken)
			continue;
		if (!strncmp(argv[i], "--", 2) && argv[i][2] &&
		    !dmc_foreign_long_option(argv[i])) {
			fprintf(stderr, "dmacheck: unknown option '%s' (see dmacheck --help)\n",
				argv[i]);
			return false;
		}
		diagnostic_prefix(&argv[i]);
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	*argc = out;
	return true;
}
