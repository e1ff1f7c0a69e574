// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for dmacheck's front end and its JSON/SARIF writers.
 *
 * Each input is a C file (after a header byte choosing the options and
 * four bytes of the file's name, any bytes but '/' and NUL).  It runs
 * through the real file loop, dmc_run(): the parent side (options,
 * records, the status of each file, the writers) in this process, where
 * libFuzzer sees its coverage, and sparse, the model and the analysis in
 * the per-unit child, as in dmacheck, where a crash or a hang becomes
 * the file's "error".  The target fails (abort(), a crash to libFuzzer)
 * when:
 *	- a child crashed or timed out (the file's error says so),
 *	- the JSON or SARIF document is not valid JSON in UTF-8.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dmacheck.h"
#include "front.h"
#include "jsoncheck.h"

static char dir[] = "/tmp/dmacheck-fuzz-XXXXXX";
static char *include_flag;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *top = getenv("TOP");

	if (!mkdtemp(dir))
		abort();
	if (asprintf(&include_flag, "-I%s/include", top ? top : ".") < 0)
		abort();
	dmc_register_checks();
	return 0;
}

static void reset(void)
{
	struct dmc_results *r = &dmc_results;
	int i, k;

	for (i = 0; i < r->nr_files; i++) {
		struct dmc_file *f = &r->files[i];

		free(f->error);
		for (k = 0; k < f->nr_dropped; k++) {
			free(f->dropped[k].file);
			free(f->dropped[k].function);
			free(f->dropped[k].message);
		}
		free(f->dropped);
		for (k = 0; k < f->nr_missing; k++)
			free(f->missing[k]);
		free(f->missing);
	}
	for (i = 0; i < r->nr_findings; i++) {
		free(r->findings[i].file);
		free(r->findings[i].check);
		free(r->findings[i].message);
	}
	free(r->files);
	free(r->findings);
	free(r->facts_error);
	memset(r, 0, sizeof(*r));
	memset(&dmc_opt, 0, sizeof(dmc_opt));
	dmc_opt.timeout = 20;
	dmc_opt.diag_prefix = "";
}

static void check_results(void)
{
	int i;

	for (i = 0; i < dmc_results.nr_files; i++) {
		const char *e = dmc_results.files[i].error;

		/* loop.c's own words, not sparse's message quoting the input */
		if (e && (!strncmp(e, "dmacheck crashed (", 18) ||
			  !strncmp(e, "timed out after ", 16))) {
			fprintf(stderr, "fuzz: %s: %s\n", dmc_results.files[i].name, e);
			abort();
		}
	}
}

static void check_document(bool sarif)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	const char *why;

	if (!out)
		abort();
	if (sarif)
		dmc_print_sarif(out);
	else
		dmc_print_json(out);
	fclose(out);
	why = json_check(buf, len);
	if (why) {
		fprintf(stderr, "fuzz: invalid %s output: %s\n", sarif ? "SARIF" : "JSON", why);
		abort();
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[64], path[128];
	char *argv[8];
	int argc = 0, fd, i;
	uint8_t flags;

	if (size < 5)
		return 0;
	flags = data[0];
	strcpy(name, "f");
	for (i = 1; i < 5; i++) {
		char c = data[i] && data[i] != '/' ? data[i] : '_';

		name[i] = c;
	}
	strcpy(name + 5, ".c");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data + 5, size - 5) != (ssize_t)(size - 5))
		abort();
	close(fd);

	reset();
	dmc_opt.format = flags & 1 ? FMT_SARIF : FMT_JSON;
	if (flags & 2)
		dmc_opt.fail_on_findings = true;
	argv[argc++] = "dmacheck";
	argv[argc++] = include_flag;
	if (flags & 4)
		argv[argc++] = "-DDMAREF_API_5_9";
	argv[argc++] = path;
	argv[argc] = NULL;
	dmc_run(argc, argv);
	check_results();
	check_document(flags & 1);
	unlink(path);
	reset();
	return 0;
}
