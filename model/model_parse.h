/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing a unit's files for the model: sparse's file loop with the
 * tokens kept (the model reads macro bodies after each file), and a
 * best-effort mode for vendor files whose headers are not at hand.
 */
#ifndef MODEL_MODEL_PARSE_H
#define MODEL_MODEL_PARSE_H

#include <stdbool.h>

#include "lib.h"

struct parse_opts {
	/*
	 * Best effort: a missing header is reported once and treated as
	 * empty (an empty stub in @stub_dir, which goes last on the include
	 * path), and an identifier sparse finds undeclared gets an implicit
	 * declaration (int f(); or extern int x;).  Files that needed either
	 * are incomplete.
	 */
	bool best_effort;
	/*
	 * NULL: a fresh $TMPDIR/dmaconv-stubs-XXXXXX (/tmp without TMPDIR),
	 * removed once the last file given is parsed, at exit() and on
	 * SIGINT/SIGTERM/SIGHUP/SIGALRM; a folder given here is kept.
	 */
	const char *stub_dir;
	const char *prog;		/* for messages: "dmacheck", "dmamodel" */
};

/*
 * sparse_initialize() for @argv (sparse's and gcc's flags and the files),
 * after the best-effort rounds when asked.  Returns sparse's initial
 * symbols; @files gets the files.
 */
struct symbol_list *model_parse_init(int argc, char **argv, struct string_list **files,
				     const struct parse_opts *opts);

/*
 * Parse and evaluate one file, keeping its tokens: what sparse() does,
 * but macro bodies stay readable.  Returns NULL after one message naming
 * the file when it cannot be read.
 */
struct symbol_list *model_parse_file(const char *file);

/* false: the file was parsed with stub headers or implicit declarations */
bool model_parse_complete(const char *file);

/*
 * Removes best effort's temporary stub folder now (before an _exit(),
 * which skips the exit handlers); nothing when there is none.
 */
void model_parse_end(void);

/* Headers that were missing (each reported once); returns their number. */
int model_missing_headers(const char *const **names);

#endif /* MODEL_MODEL_PARSE_H */
