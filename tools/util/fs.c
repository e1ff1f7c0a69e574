// SPDX-License-Identifier: GPL-2.0
/*
 * Files and folders: whole-file reads and writes, recursive mkdir and
 * removal, private temporary folders, and the walk that finds C sources.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/fs.h"
#include "util/msg.h"

int read_file(const char *path, struct strbuf *out)
{
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sb_add(out, buf, n);
	close(fd);
	if (!out->s)
		sb_add(out, "", 0);
	return n < 0 ? -1 : 0;
}

int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len) {
		n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		data += n;
		len -= n;
	}
	return close(fd);
}

int copy_file(const char *from, const char *to)
{
	struct strbuf sb = { 0 };
	int ret = read_file(from, &sb);

	if (!ret)
		ret = write_file(to, sb.s, sb.len);
	sb_free(&sb);
	return ret;
}

int same_content(const char *a, const char *b)
{
	struct strbuf x = { 0 }, y = { 0 };
	int same = !read_file(a, &x) && !read_file(b, &y) &&
		   x.len == y.len && !memcmp(x.s, y.s, x.len);

	sb_free(&x);
	sb_free(&y);
	return same;
}

int mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	int ret = 0;

	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0755) && errno != EEXIST)
			ret = -1;
		*q = '/';
	}
	if (mkdir(p, 0755) && errno != EEXIST)
		ret = -1;
	free(p);
	return ret;
}

static int rm_one(const char *path, const struct stat *st, int type,
		  struct FTW *ftw)
{
	return remove(path);
}

int rm_rf(const char *path)
{
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

/*
 * Every temporary folder is removed at exit and on SIGINT/SIGTERM/SIGHUP,
 * by the process that made it (workers leave with _exit()).
 */
static struct strlist tmp_dirs;
static pid_t tmp_owner;

static void remove_tmp_dirs(void)
{
	if (getpid() != tmp_owner)
		return;
	for (size_t i = 0; i < tmp_dirs.n; i++)
		if (is_dir(tmp_dirs.v[i]))
			rm_rf(tmp_dirs.v[i]);
}

static void on_signal(int sig)
{
	remove_tmp_dirs();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void track_tmpdir(const char *dir)
{
	if (!tmp_owner) {
		tmp_owner = getpid();
		atexit(remove_tmp_dirs);
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
	}
	sl_push(&tmp_dirs, dir);
}

char *make_tmpdir(const char *tag)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/dmaconv-%s-XXXXXX",
			       base && *base ? base : "/tmp", tag);

	if (!mkdtemp(tmpl)) {
		err("cannot create a temporary folder %s: %s", tmpl,
		    strerror(errno));
		free(tmpl);
		return NULL;
	}
	track_tmpdir(tmpl);
	return tmpl;
}

/* The walk collects into this list; nftw takes no user pointer. */
static struct strlist *walk_out;

static int want_source(const char *path, const struct stat *st, int type,
		       struct FTW *ftw)
{
	const char *name = path + ftw->base;

	if (type == FTW_D && ftw->level > 0 &&
	    (name[0] == '.' || !strcmp(name, "build")))
		return FTW_SKIP_SUBTREE;
	if (type == FTW_F && (ends_with(name, ".c") || ends_with(name, ".h")))
		sl_push(walk_out, path);
	return FTW_CONTINUE;
}

/* Every .c and .h file under dir (hidden folders skipped), sorted. */
int walk_sources(const char *dir, struct strlist *out)
{
	int ret;

	walk_out = out;
	ret = nftw(dir, want_source, 32, FTW_PHYS | FTW_ACTIONRETVAL);
	sl_sort(out);
	return ret;
}
