// SPDX-License-Identifier: GPL-2.0
/*
 * Files and folders: whole-file reads and writes, recursive mkdir and
 * removal, private temporary folders, and the walk that finds C sources.
 */
#define _GNU_SOURCE
#include <dirent.h>
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
#include "util/path.h"
#include "util/tree.h"

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
 * Every temporary folder (and lock file) is removed at exit and on
 * SIGINT/SIGTERM/SIGHUP, by the process that made it (workers leave with
 * _exit()).  A folder is named dmaconv-PID-TAG-XXXXXX so that the next
 * run can tell the folders of a killed run (PID not running) and remove
 * them.
 */
static struct strlist tmp_dirs, tmp_files;
static pid_t tmp_owner;

static void remove_tmp_dirs(void)
{
	if (getpid() != tmp_owner)
		return;
	for (size_t i = 0; i < tmp_files.n; i++)
		unlink(tmp_files.v[i]);
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

static void track_start(void)
{
	if (tmp_owner)
		return;
	tmp_owner = getpid();
	atexit(remove_tmp_dirs);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
}

/* PATH (a lock file) is removed when this process ends. */
void remove_at_exit(const char *path)
{
	track_start();
	sl_push(&tmp_files, path);
}

/* "dmaconv-PID-...": PID when that process is gone, else 0. */
static long dead_run(const char *name)
{
	char *end;
	long pid;

	if (!starts_with(name, "dmaconv-"))
		return 0;
	pid = strtol(name + 8, &end, 10);
	if (pid <= 0 || *end != '-' || pid == getpid())
		return 0;
	return kill(pid, 0) && errno == ESRCH ? pid : 0;
}

/* The temporary folders of killed runs, removed once per run. */
static void remove_stale(const char *base)
{
	DIR *dh = opendir(base);
	struct dirent *e;
	struct strlist gone = { 0 };
	struct strbuf pids = { 0 };

	if (!dh)
		return;
	while ((e = readdir(dh))) {
		long pid = dead_run(e->d_name);
		char *p;
		struct stat st;

		if (!pid)
			continue;
		p = path_join(base, e->d_name);
		if (!lstat(p, &st) && S_ISDIR(st.st_mode) &&
		    st.st_uid == geteuid() && !rm_rf(p)) {
			sl_push(&gone, p);
			sb_printf(&pids, "%s%ld", pids.len ? ", " : "", pid);
		}
		free(p);
	}
	closedir(dh);
	if (gone.n)
		err("removed %zu temporary folder(s) of killed dmaconv run(s) "
		    "in %s (pid %s)", gone.n, base, pids.s);
	sl_free(&gone);
	sb_free(&pids);
}

char *make_tmpdir(const char *tag)
{
	static int swept;
	const char *base = getenv("TMPDIR");
	char *tmpl;

	if (!base || !*base)
		base = "/tmp";
	if (!swept++)
		remove_stale(base);
	tmpl = xasprintf("%s/dmaconv-%ld-%s-XXXXXX", base, (long)getpid(), tag);
	if (!mkdtemp(tmpl)) {
		err("cannot create a temporary folder %s: %s", tmpl,
		    strerror(errno));
		free(tmpl);
		return NULL;
	}
	track_start();
	sl_push(&tmp_dirs, tmpl);
	return tmpl;
}

/* The walk collects into this list; nftw takes no user pointer. */
static struct strlist *walk_out;
static const char *walk_root;

static int want_source(const char *path, const struct stat *st, int type,
		       struct FTW *ftw)
{
	const char *name = path + ftw->base;
	struct stat to;

	if (type == FTW_D && ftw->level > 0 &&
	    (name[0] == '.' || !strcmp(name, "build")))
		return FTW_SKIP_SUBTREE;
	if (type == FTW_F && (ends_with(name, ".c") || ends_with(name, ".h")))
		sl_push(walk_out, path);
	/* Links are not followed; the ones that matter are named. */
	if (type == FTW_SL && (path_is_source(name) || stat(path, &to) ||
			       S_ISDIR(to.st_mode)))
		note_skipped_link(path, walk_root);
	return FTW_CONTINUE;
}

/*
 * Every .c and .h file under dir (hidden folders skipped), sorted; each
 * symbolic link to a source or a folder, dangling or a loop, named on
 * stderr as skipped.
 */
int walk_sources(const char *dir, struct strlist *out)
{
	int ret;

	walk_out = out;
	walk_root = dir;
	ret = nftw(dir, want_source, 32, FTW_PHYS | FTW_ACTIONRETVAL);
	sl_sort(out);
	return ret;
}
