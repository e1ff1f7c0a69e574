// SPDX-License-Identifier: GPL-2.0
/*
 * Driver units (model/unit.c): the Kbuild reader on Makefile text, and
 * unit_scan_dir() on small folders written here at test time: two
 * drivers in one folder, a .c file two drivers include, a loose folder,
 * a Makefile that is not Kbuild (one error naming it, per-file units).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "unit.h"

static char *kbuild(const char *text)
{
	char why[256] = "", *out = NULL;

	assert_int_equal(unit_read_kbuild(text, &out, why, sizeof(why)), 0);
	return out;
}

static void kbuild_fails(const char *text, const char *reason)
{
	char why[256] = "", *out = NULL;

	assert_int_equal(unit_read_kbuild(text, &out, why, sizeof(why)), -1);
	assert_null(out);
	assert_non_null(strstr(why, reason));
}

static void test_obj_lines(void **state)
{
	char *o = kbuild("# SPDX\n"
			 "obj-$(CONFIG_SGIWD93_SCSI)\t+= sgiwd93.o\n"
			 "obj-y += core.o\n"
			 "obj-m := mod.o\n"
			 "obj-$(CONFIG_A) += sub/\n");

	assert_string_equal(o, "sgiwd93: sgiwd93.o\ncore: core.o\nmod: mod.o\n");
	free(o);
}

static void test_composite(void **state)
{
	char *o = kbuild("obj-$(CONFIG_NCR) += ncr.o\n"
			 "ncr-objs := a.o b.o\n"
			 "ncr-$(CONFIG_NCR_EXTRA) += c.o\n"
			 "obj-$(CONFIG_X) += x.o\n"
			 "x-y := x_main.o \\\n"
			 "\tx_ring.o \\\n"
			 "\tx_irq.o\n"
			 "x-y += x_more.o # a comment\n");

	assert_string_equal(o, "ncr: a.o b.o c.o\n"
			    "x: x_main.o x_ring.o x_irq.o x_more.o\n");
	free(o);
}

static void test_references(void **state)
{
	char *o = kbuild("common := lib.o util.o\n"
			 "drv-y := main.o $(common)\n"
			 "other-objs = $(drv-y) extra.o\n"
			 "obj-y += drv.o other.o $(CONFIG_ONLY).o\n");

	assert_string_equal(o, "drv: main.o lib.o util.o\n"
			    "other: main.o lib.o util.o extra.o\n");
	free(o);
}

static void test_make_syntax(void **state)
{
	char *o = kbuild("ifeq ($(CONFIG_X),y)\n"
			 "obj-y += a.o\n"
			 "else\n"
			 "obj-y += b.o\n"
			 "endif\n"
			 "ccflags-y := -I$(srctree)/drivers/scsi\n"
			 "$(obj)/53c700.o: $(obj)/53c700_d.h\n"
			 "\t$(call cmd,script)\n"
			 "define helper\n"
			 "garbage inside a define\n"
			 "endef\n"
			 "$(eval $(call helper))\n"
			 "clean-files := 53c700_d.h\n");

	assert_string_equal(o, "a: a.o\nb: b.o\n");
	free(o);
}

static void test_garbage(void **state)
{
	kbuild_fails("obj-y += a.o\nthis is not a makefile\n",
		     "2: not a Kbuild line: this is not a makefile");
	kbuild_fails("obj-y += $(foo.o\n", "1: unbalanced parentheses");
	kbuild_fails("\n\nfoo bar = baz\n", "3: not a Kbuild assignment");
}

/* ---- folders ---- */

static char tmpl[64];

static void put(const char *name, const char *text)
{
	char *p = NULL;
	FILE *f;

	assert_true(asprintf(&p, "%s/%s", tmpl, name) > 0);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static int folder_setup(void **state)
{
	strcpy(tmpl, "/tmp/unit-test-XXXXXX");
	return mkdtemp(tmpl) ? 0 : -1;
}

static int folder_teardown(void **state)
{
	char *cmd = NULL;

	if (asprintf(&cmd, "rm -rf '%s'", tmpl) > 0 && system(cmd))
		return -1;
	free(cmd);
	return 0;
}

static const struct driver_unit *find(const struct unit_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	fail_msg("no unit %s", name);
	return NULL;
}

static int has(const struct driver_unit *u, const char *name,
	       enum unit_file_kind kind)
{
	char *p = NULL;
	int found = 0;

	assert_true(asprintf(&p, "%s/%s", tmpl, name) > 0);
	for (size_t i = 0; i < u->nfiles; i++)
		if (!strcmp(u->files[i].path, p))
			found = u->files[i].kind == kind ? 1 : -1;
	free(p);
	return found;
}

/* The folder: a 53c700-style core and an sgiwd93-style driver. */
static void test_two_drivers(void **state)
{
	struct unit_set s = { 0 };
	const struct driver_unit *core, *wd;

	put("Makefile", "obj-$(CONFIG_SCSI_CORE700) += core700.o\n"
	    "obj-$(CONFIG_SCSI_LASI) += core700.o lasi.o\n"
	    "obj-$(CONFIG_SGIWD) += sgiwd.o\n");
	put("core700.c", "#include \"core700.h\"\n#include <linux/dma-mapping.h>\n");
	put("core700.h", "#include \"core700_d.h\"\n");
	put("core700_d.h", "/* script */\n");
	put("lasi.c", "#include \"core700.h\"\n");
	put("sgiwd.c", "#include \"wd.h\"\n");
	put("wd.h", "struct wd;\n");
	put("unused.h", "\n");
	assert_int_equal(unit_scan_dir(&s, tmpl), 0);
	assert_int_equal(s.nerrors, 0);
	assert_int_equal(s.n, 3);
	core = find(&s, "core700");
	wd = find(&s, "sgiwd");
	assert_int_equal(core->from_kbuild, 1);
	assert_int_equal(has(core, "core700.c", UNIT_COMPILED), 1);
	assert_int_equal(has(core, "core700.h", UNIT_HEADER), 1);
	assert_int_equal(has(core, "core700_d.h", UNIT_HEADER), 1);
	assert_int_equal(has(core, "wd.h", UNIT_HEADER), 0);
	assert_int_equal(has(core, "sgiwd.c", UNIT_COMPILED), 0);
	assert_int_equal(has(wd, "sgiwd.c", UNIT_COMPILED), 1);
	assert_int_equal(has(wd, "wd.h", UNIT_HEADER), 1);
	assert_int_equal(has(wd, "core700.h", UNIT_HEADER), 0);
	assert_int_equal(has(find(&s, "lasi"), "core700.h", UNIT_HEADER), 1);
	assert_ptr_equal(unit_of_file(&s, wd->files[0].path), wd);
	unit_set_free(&s);
}

/* lib82596.c style: a .c file two drivers include belongs to both. */
static void test_included_c(void **state)
{
	struct unit_set s = { 0 };
	const struct driver_unit *a, *b;

	put("Makefile", "obj-$(CONFIG_A) += lasi_nic.o\nobj-$(CONFIG_B) += sni_nic.o\n");
	put("lib_nic.c", "#include \"lib_nic.h\"\n");
	put("lib_nic.h", "\n");
	put("lasi_nic.c", "#define SYNC(x) x\n#include \"lib_nic.c\"\n");
	put("sni_nic.c", "# include \"lib_nic.c\"\n");
	assert_int_equal(unit_scan_dir(&s, tmpl), 0);
	assert_int_equal(s.n, 2);
	a = find(&s, "lasi_nic");
	b = find(&s, "sni_nic");
	assert_int_equal(has(a, "lib_nic.c", UNIT_INCLUDED_C), 1);
	assert_int_equal(has(b, "lib_nic.c", UNIT_INCLUDED_C), 1);
	assert_int_equal(has(b, "lib_nic.h", UNIT_HEADER), 1);
	assert_int_equal(a->files[0].kind, UNIT_COMPILED);
	unit_set_free(&s);
}

/* Composite objects: x-objs parts are one unit, named after the object. */
static void test_composite_unit(void **state)
{
	struct unit_set s = { 0 };
	const struct driver_unit *u;

	put("Kbuild", "obj-m += ring.o\nring-y := ring_main.o \\\n  ring_tx.o\n");
	put("Makefile", "garbage ignored: kbuild reads Kbuild first\n");
	put("ring_main.c", "#include \"ring.h\"\n");
	put("ring_tx.c", "#include \"ring.h\"\n");
	put("ring.h", "\n");
	assert_int_equal(unit_scan_dir(&s, tmpl), 0);
	assert_int_equal(s.nerrors, 0);
	assert_int_equal(s.n, 1);
	u = find(&s, "ring");
	assert_int_equal(has(u, "ring_main.c", UNIT_COMPILED), 1);
	assert_int_equal(has(u, "ring_tx.c", UNIT_COMPILED), 1);
	assert_int_equal(has(u, "ring.h", UNIT_HEADER), 1);
	unit_set_free(&s);
}

/* No Makefile: one .c file plus what it includes is the unit. */
static void test_loose(void **state)
{
	struct unit_set s = { 0 };

	put("one.c", "#include \"shared.h\"\n");
	put("two.c", "#include \"shared.h\"\n#include \"../nowhere.h\"\n");
	put("shared.h", "\n");
	assert_int_equal(unit_scan_dir(&s, tmpl), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(find(&s, "one")->from_kbuild, 0);
	assert_int_equal(has(find(&s, "two"), "shared.h", UNIT_HEADER), 1);
	assert_int_equal(find(&s, "two")->nfiles, 2);
	unit_set_free(&s);
}

/* A Makefile that is not Kbuild: one error naming it, per-file units. */
static void test_bad_makefile(void **state)
{
	struct unit_set s = { 0 };
	char *mk = NULL;

	put("Makefile", "obj-y += a.o\n\x01\x02 random bytes\n");
	put("a.c", "\n");
	put("b.c", "\n");
	assert_int_equal(unit_scan_dir(&s, tmpl), 0);
	assert_int_equal(s.nerrors, 1);
	assert_true(asprintf(&mk, "%s/Makefile:2: not a Kbuild line", tmpl) > 0);
	assert_non_null(strstr(s.errors[0], mk));
	assert_non_null(strstr(s.errors[0], "each .c file is its own driver unit"));
	assert_int_equal(s.n, 2);
	find(&s, "a");
	find(&s, "b");
	free(mk);
	unit_set_free(&s);
}

static void test_binary_makefile(void **state)
{
	struct unit_set s = { 0 };
	char *p = NULL;
	FILE *f;

	assert_true(asprintf(&p, "%s/Makefile", tmpl) > 0);
	f = fopen(p, "w");
	fwrite("obj-y\0\0\xff", 1, 8, f);
	fclose(f);
	put("a.c", "\n");
	assert_int_equal(unit_scan_dir(&s, tmpl), 0);
	assert_int_equal(s.nerrors, 1);
	assert_non_null(strstr(s.errors[0], "not a text file"));
	assert_int_equal(s.n, 1);
	free(p);
	unit_set_free(&s);
}

/* unit_scan on files: a header nothing includes is its own unit. */
static void test_scan_files(void **state)
{
	struct unit_set s = { 0 };
	char *c = NULL, *h = NULL;

	put("drv.c", "#include \"drv.h\"\n");
	put("drv.h", "\n");
	put("lonely.h", "\n");
	assert_true(asprintf(&c, "%s/drv.c", tmpl) > 0);
	assert_true(asprintf(&h, "%s/lonely.h", tmpl) > 0);
	{
		const char *const paths[] = { c, h, NULL };

		assert_int_equal(unit_scan(&s, paths), 0);
	}
	assert_string_equal(unit_of_file(&s, c)->name, "drv");
	assert_string_equal(unit_of_file(&s, h)->name, "lonely");
	assert_int_equal(unit_scan_dir(&s, "/nonexistent/folder"), -1);
	free(c);
	free(h);
	unit_set_free(&s);
}

/* --scan DIR...: the units of each folder, and the errors, for run.sh. */
static int scan(int argc, char **argv)
{
	struct unit_set s = { 0 };
	int ret = 0;

	for (int i = 2; i < argc; i++)
		if (unit_scan_dir(&s, argv[i]))
			ret = 1;
	for (size_t i = 0; i < s.n; i++) {
		printf("%s: unit %s (%s)", s.v[i].dir, s.v[i].name,
		       s.v[i].from_kbuild ? "kbuild" : "loose");
		for (size_t k = 0; k < s.v[i].nfiles; k++)
			printf(" %s", s.v[i].files[k].path);
		putchar('\n');
	}
	for (size_t i = 0; i < s.nerrors; i++)
		printf("error: %s\n", s.errors[i]);
	unit_set_free(&s);
	return ret;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_obj_lines),
		cmocka_unit_test(test_composite),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_make_syntax),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test_setup_teardown(test_two_drivers, folder_setup, folder_teardown),
		cmocka_unit_test_setup_teardown(test_included_c, folder_setup, folder_teardown),
		cmocka_unit_test_setup_teardown(test_composite_unit, folder_setup, folder_teardown),
		cmocka_unit_test_setup_teardown(test_loose, folder_setup, folder_teardown),
		cmocka_unit_test_setup_teardown(test_bad_makefile, folder_setup, folder_teardown),
		cmocka_unit_test_setup_teardown(test_binary_makefile, folder_setup, folder_teardown),
		cmocka_unit_test_setup_teardown(test_scan_files, folder_setup, folder_teardown),
	};

	if (argc > 1 && !strcmp(argv[1], "--scan"))
		return scan(argc, argv);
	return cmocka_run_group_tests_name("driver units", tests, NULL, NULL);
}
