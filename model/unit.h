/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Driver units: the files the kernel builds into one module or object,
 * read from a folder's Kbuild lines, plus the .c files and headers they
 * #include with quotes.  Plain C, no libsparse: dmaconv links it alone.
 * See docs/design/driver-model.md, section 1.
 */
#ifndef DMAMODEL_UNIT_H
#define DMAMODEL_UNIT_H

#include <stddef.h>

enum unit_file_kind {
	UNIT_COMPILED,		/* a .c file Kbuild compiles (or the loose file) */
	UNIT_INCLUDED_C,	/* a .c file a file of the unit #includes */
	UNIT_HEADER,		/* a header a file of the unit #includes with quotes */
};

struct unit_file {
	char *path;		/* as found: the folder given joined with the name */
	enum unit_file_kind kind;
};

struct driver_unit {
	char *name;		/* the module or object: "sgiwd93", "53c700" */
	char *dir;		/* the folder whose Makefile names it */
	int from_kbuild;	/* 1: a Kbuild line names it; 0: a loose .c file */
	struct unit_file *files;	/* compiled first, then included .c, headers */
	size_t nfiles;
};

struct unit_set {
	struct driver_unit *v;
	size_t n;
	char **errors;		/* "dir/Makefile:LINE: reason; ..." */
	size_t nerrors;
};

/*
 * The units of folder @dir (not its subfolders): one per object a
 * Makefile/Kbuild there names, then one per .c file no unit compiles and
 * no file includes.  A Makefile that cannot be read as Kbuild adds one
 * error to @set naming it, and every .c file becomes its own unit.
 * Returns 0, or -1 when @dir cannot be read.
 */
int unit_scan_dir(struct unit_set *set, const char *dir);
/*
 * The units the files @paths (NULL-terminated) belong to: each file's
 * folder is scanned once (unit_scan_dir); a file no unit of its folder
 * holds (a header no file includes) is its own unit.
 */
int unit_scan(struct unit_set *set, const char *const *paths);
/* The first unit holding @path (compared as given), or NULL. */
const struct driver_unit *unit_of_file(const struct unit_set *set,
				       const char *path);
/* 1 when @u holds @path. */
int unit_has_file(const struct driver_unit *u, const char *path);
void unit_set_free(struct unit_set *set);

/*
 * The Kbuild reader alone (for the tests): the objects the Makefile text
 * @text names, as "name: part.o part.o" lines in @out (a malloc'd string,
 * one object a line, in order of appearance).  Returns 0, or -1 with a
 * reason in @why ("LINE: ...") for text that is not Kbuild.
 */
int unit_read_kbuild(const char *text, char **out, char *why, size_t whylen);

#endif
