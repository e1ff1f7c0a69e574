// SPDX-License-Identifier: GPL-2.0
/*
 * Writing a driver's converted files, all of them or none (issue 11:
 * the original was opened with O_TRUNC and written in place, so a full
 * disk left it cut mid-comment, and a read-only header left the .c file
 * converted alone).
 *
 * 1. Prepare: every new file is written to a temporary file beside the
 *    file it replaces (".dmaconv-PID-N.tmp"), with that file's mode and
 *    owner, and fsynced.  A failure removes them: nothing has changed.
 * 2. Journal: ".dmaconv-PID.journal" in the driver's folder names every
 *    (temporary, backup, file) triple; fsynced, with the folder.
 * 3. Backups: each file replaced gets a second name, ".dmaconv-PID-N.orig"
 *    (a hard link, or a copy where the file system has none).
 * 4. Every temporary file is renamed over its file; the folders are
 *    fsynced.  A failure renames the backups back.
 * 5. Commit point: the journal is removed, then the backups.
 *
 * SIGINT, SIGTERM and SIGHUP wait until the driver is done (milliseconds);
 * what a SIGKILL leaves, the next run under the same lock puts back with
 * commit_recover(): a dead run's journal is replayed backwards, its
 * temporary files removed.  One line names the file and the errno text of
 * any failure.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pipeline/commit.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/str.h"

struct item {
	char *dst;		/* the file replaced or created, as named */
	char *adst;		/* the same, absolute */
	char *tmp, *bak;	/* absolute; NULL when there is none (yet) */
	const char *from;	/* the converted work copy */
	struct stat st;		/* of the original */
	int existed, renamed;
};

struct batch {
	struct item *v;
	size_t n;
	char *adir;		/* the driver's folder (absolute): the journal's */
	char *journal;
	struct strlist made;	/* folders created for -o, to remove on failure */
	struct strlist dirs;	/* every folder written into, absolute */
	const char *driver;
};

static unsigned long seq;

static int fail(const struct batch *b, const char *path, const char *what)
{
	err("%s: %s: %s; no file of %s was changed", path, what,
	    strerror(errno), b->driver);
	return -1;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!w)
				errno = EIO;
			return -1;
		}
		p += w;
		n -= w;
	}
	return 0;
}

static char *beside(const char *adir, const char *suffix)
{
	return xasprintf("%s/.dmaconv-%ld-%lu.%s", adir, (long)getpid(),
			 ++seq, suffix);
}

/* A new file in ADIR holding DATA, fsynced: its absolute name, or NULL. */
static char *write_beside(const char *adir, const char *suffix,
			  const struct strbuf *data, const struct item *it)
{
	mode_t mask = umask(0);
	mode_t mode = it->existed ? it->st.st_mode & 07777 : 0666 & ~mask;
	char *name = NULL;
	int fd = -1, e;

	umask(mask);
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		free(name);
		name = beside(adir, suffix);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		free(name);
		return NULL;
	}
	/* As root, keep a file someone else owns theirs. */
	if (it->existed && !geteuid() &&
	    fchown(fd, it->st.st_uid, it->st.st_gid))
		errno = 0;	/* the content and the mode are what matter */
	if (write_all(fd, data->s, data->len) || fchmod(fd, mode) ||
	    fsync(fd)) {
		e = errno;
		close(fd);
		unlink(name);
		free(name);
		errno = e;
		return NULL;
	}
	if (close(fd)) {
		e = errno;
		unlink(name);
		free(name);
		errno = e;
		return NULL;
	}
	return name;
}

static int sync_dir(const char *adir)
{
	int fd = open(adir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = fsync(fd);
	/* Some file systems cannot sync a folder: nothing more to do there. */
	if (ret && errno == EINVAL)
		ret = 0;
	close(fd);
	return ret;
}

/* mkdir -p that remembers what it made, for the undo. */
static int make_dirs(const char *dir, struct strlist *made)
{
	char *p = xstrdup(dir);
	int ret = 0;

	for (char *q = p + 1; ; q++) {
		char c = *q;

		if (c && c != '/')
			continue;
		*q = '\0';
		if (!mkdir(p, 0777))
			sl_push(made, p);
		else if (errno != EEXIST || !is_dir(p))
			ret = -1;
		*q = c;
		if (!c || ret)
			break;
	}
	free(p);
	return ret;
}

/* Nothing is written through a symbolic link or outside the output. */
static int check_dst(const struct batch *b, const char *outdir,
		     const struct conv_file *f, const char *dst)
{
	struct stat st;

	if (outdir) {
		const char *r = f->rel;
		int up = *r == '/' || !strcmp(r, "..") || starts_with(r, "../") ||
			 strstr(r, "/../") || ends_with(r, "/..");

		if (up) {
			errno = EXDEV;
			return fail(b, dst, "would be written outside the output "
				    "folder");
		}
		/* Every folder below the output folder, and the file. */
		for (const char *s = strchr(r, '/'); ; s = strchr(s + 1, '/')) {
			char *sub = xasprintf("%s/%.*s", outdir,
					      (int)(s ? s - r : (long)strlen(r)), r);
			int link = !lstat(sub, &st) && S_ISLNK(st.st_mode);

			free(sub);
			if (link) {
				errno = ELOOP;
				return fail(b, dst, "a symbolic link on the way, "
					    "not written through");
			}
			if (!s)
				break;
		}
	} else if (!lstat(dst, &st) && S_ISLNK(st.st_mode)) {
		errno = ELOOP;
		return fail(b, dst, "a symbolic link, not written through");
	}
	if (!lstat(dst, &st) && !S_ISREG(st.st_mode)) {
		errno = EISDIR;
		return fail(b, dst, "not a regular file");
	}
	return 0;
}

static int add_item(struct batch *b, const struct conv_file *f,
		    const char *outdir)
{
	char *dst = outdir ? path_join(outdir, f->rel) : xstrdup(f->src);
	char *dir = path_dir(dst), *adir;
	struct item *it;

	if (check_dst(b, outdir, f, dst) ||
	    (outdir && make_dirs(dir, &b->made) &&
	     fail(b, dir, "cannot create the folder"))) {
		free(dst);
		free(dir);
		return -1;
	}
	adir = realpath(dir, NULL);
	if (!adir) {
		fail(b, dir, "cannot find the folder");
		free(dst);
		free(dir);
		return -1;
	}
	b->v = xrealloc(b->v, (b->n + 1) * sizeof(*b->v));
	it = &b->v[b->n++];
	memset(it, 0, sizeof(*it));
	it->dst = dst;
	it->adst = path_join(adir, path_base(dst));
	it->from = f->work;
	it->existed = !stat(it->adst, &it->st);
	if (!b->adir)
		b->adir = xstrdup(adir);
	if (!sl_contains(&b->dirs, adir))
		sl_push(&b->dirs, adir);
	free(adir);
	free(dir);
	return 0;
}

static int collect(struct batch *b, const struct driver *d,
		   const char *outdir)
{
	for (size_t k = 0; k < d->nfiles; k++) {
		const struct conv_file *f = &d->files[k];

		if (!f->work || (!outdir && !f->changed))
			continue;
		if (add_item(b, f, outdir))
			return -1;
	}
	return 0;
}

static int prepare(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct item *it = &b->v[i];
		struct strbuf data = { 0 };
		char *adir = path_dir(it->adst);

		if (read_file(it->from, &data)) {
			free(adir);
			return fail(b, it->dst, "cannot read the converted copy");
		}
		it->tmp = write_beside(adir, "tmp", &data, it);
		sb_free(&data);
		free(adir);
		if (!it->tmp)
			return fail(b, it->dst, "cannot write the converted file");
	}
	return 0;
}

/* "tmp\0bak\0dst\0" per file, bak empty for a file that is new. */
static int write_journal(struct batch *b)
{
	struct strbuf j = { 0 };
	struct item none = { 0 };
	char *name;

	/* Private: it names the files being replaced. */
	none.existed = 1;
	none.st.st_mode = 0600;
	none.st.st_uid = geteuid();
	none.st.st_gid = getegid();

	for (size_t i = 0; i < b->n; i++) {
		struct item *it = &b->v[i];

		if (it->existed) {
			char *adir = path_dir(it->adst);

			it->bak = beside(adir, "orig");
			free(adir);
		}
		sb_add(&j, it->tmp, strlen(it->tmp) + 1);
		sb_add(&j, it->bak ? it->bak : "", it->bak ? strlen(it->bak) + 1 : 1);
		sb_add(&j, it->adst, strlen(it->adst) + 1);
	}
	name = write_beside(b->adir, "journal", &j, &none);
	sb_free(&j);
	if (!name)
		return fail(b, b->v[0].dst, "cannot write the journal beside it");
	b->journal = name;
	for (size_t i = 0; i < b->dirs.n; i++)
		if (sync_dir(b->dirs.v[i]))
			return fail(b, b->dirs.v[i], "cannot sync the folder");
	return 0;
}

/* A second name for the original: a hard link, or a copy. */
static int make_backup(struct batch *b, struct item *it)
{
	struct strbuf data = { 0 };
	char *copy, *adir;

	if (!link(it->adst, it->bak))
		return 0;
	if (errno != EPERM && errno != EOPNOTSUPP && errno != EMLINK)
		return fail(b, it->dst, "cannot keep the original aside");
	if (read_file(it->adst, &data))
		return fail(b, it->dst, "cannot read the original");
	adir = path_dir(it->adst);
	copy = write_beside(adir, "orig", &data, it);
	free(adir);
	sb_free(&data);
	if (!copy || rename(copy, it->bak)) {
		if (copy)
			unlink(copy);
		free(copy);
		return fail(b, it->dst, "cannot keep the original aside");
	}
	free(copy);
	return 0;
}

static int backups(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].bak && make_backup(b, &b->v[i])) {
			free(b->v[i].bak);
			b->v[i].bak = NULL;	/* not made: nothing to undo */
			return -1;
		}
	return 0;
}

static int renames(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct item *it = &b->v[i];

		if (rename(it->tmp, it->adst))
			return fail(b, it->dst, "cannot replace");
		it->renamed = 1;
	}
	for (size_t i = 0; i < b->dirs.n; i++)
		if (sync_dir(b->dirs.v[i]))
			return fail(b, b->dirs.v[i], "cannot sync the folder");
	return 0;
}

/* After a failure: every original back, every file of ours gone. */
static void undo(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct item *it = &b->v[i];

		if (it->renamed && it->bak && !rename(it->bak, it->adst)) {
			free(it->bak);
			it->bak = NULL;
		} else if (it->renamed && !it->existed)
			unlink(it->adst);
		if (!it->renamed && it->tmp)
			unlink(it->tmp);
		if (it->bak)
			unlink(it->bak);
	}
	for (size_t i = 0; i < b->dirs.n; i++)
		sync_dir(b->dirs.v[i]);
	if (b->journal)
		unlink(b->journal);
	for (size_t i = b->made.n; i-- > 0; )
		rmdir(b->made.v[i]);
}

/* The commit point is the journal's removal; the backups go after. */
static void finish(struct batch *b)
{
	unlink(b->journal);
	sync_dir(b->adir);
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].bak)
			unlink(b->v[i].bak);
}

static void batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].dst);
		free(b->v[i].adst);
		free(b->v[i].tmp);
		free(b->v[i].bak);
	}
	free(b->v);
	free(b->adir);
	free(b->journal);
	sl_free(&b->made);
	sl_free(&b->dirs);
}

/*
 * Write D's converted files in place (OUTDIR NULL: the changed ones) or
 * below OUTDIR (every file processed).  0 when all are written; -1 after
 * one line on stderr, with every file as it was.
 */
int commit_driver(const struct driver *d, const char *outdir)
{
	struct batch b = { 0 };
	sigset_t stop, old;
	int ret;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	b.driver = d->dir;
	ret = collect(&b, d, outdir);
	if (!ret && b.n)
		ret = prepare(&b) || write_journal(&b) || backups(&b) ||
		      renames(&b);
	if (ret)
		undo(&b);
	else if (b.n)
		finish(&b);
	batch_free(&b);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret ? -1 : 0;
}

/* ".dmaconv-PID-..." or ".dmaconv-PID.journal": PID, or 0. */
static long leftover_pid(const char *name)
{
	char *end;
	long pid;

	if (!starts_with(name, ".dmaconv-"))
		return 0;
	pid = strtol(name + 9, &end, 10);
	if (pid <= 0 || (*end != '-' && *end != '.'))
		return 0;
	if (pid == getpid() || !kill(pid, 0) || errno == EPERM)
		return 0;	/* a live run's */
	return pid;
}

/* Undo what the journal lists, last step first. */
static void replay(const char *journal)
{
	struct strbuf j = { 0 };
	const char *p, *end;

	if (read_file(journal, &j))
		return;
	end = j.s + j.len;
	for (p = j.s; p < end; ) {
		const char *tmp = p, *bak, *dst;
		struct stat a, b;

		bak = tmp + strlen(tmp) + 1;
		if (bak >= end)
			break;
		dst = bak + strlen(bak) + 1;
		if (dst >= end)
			break;
		p = dst + strlen(dst) + 1;
		if (!lstat(tmp, &a))
			continue;	/* never renamed: the original is in place */
		if (*bak && !lstat(bak, &a) && !lstat(dst, &b) &&
		    (a.st_ino != b.st_ino || a.st_dev != b.st_dev))
			rename(bak, dst);
		else if (!*bak)
			unlink(dst);
	}
	sb_free(&j);
}

static void recover_dir(const char *dir)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	struct strlist journals = { 0 }, junk = { 0 };
	long pid = 0;

	if (!dh)
		return;
	while ((e = readdir(dh))) {
		long p = leftover_pid(e->d_name);

		if (!p)
			continue;
		pid = p;
		sl_push_own(ends_with(e->d_name, ".journal") ? &journals : &junk,
			    path_join(dir, e->d_name));
	}
	closedir(dh);
	for (size_t i = 0; i < journals.n; i++) {
		replay(journals.v[i]);
		unlink(journals.v[i]);
	}
	for (size_t i = 0; i < junk.n; i++)
		unlink(junk.v[i]);
	if (journals.n)
		err("%s: a dmaconv killed while writing here (pid %ld): its "
		    "files are back as they were before it", dir, pid);
	else if (junk.n)
		err("%s: removed %zu temporary file(s) a killed dmaconv "
		    "(pid %ld) left", dir, junk.n, pid);
	sync_dir(dir);
	sl_free(&journals);
	sl_free(&junk);
}

/* nftw takes no user pointer: the folders with leftovers go here. */
static struct strlist *leftover_dirs;

static int find_leftovers(const char *path, const struct stat *st, int type,
			  struct FTW *ftw)
{
	const char *name = path + ftw->base;

	if (type == FTW_D && ftw->level > 0 && name[0] == '.' &&
	    strcmp(name, ".git"))
		return FTW_SKIP_SUBTREE;
	if (type != FTW_D && leftover_pid(name)) {
		char *dir = path_dir(path);

		if (!sl_contains(leftover_dirs, dir))
			sl_push(leftover_dirs, dir);
		free(dir);
	}
	return FTW_CONTINUE;
}

/*
 * Before anything is read: the trees this run writes into (the PATHs with
 * -i, OUTDIR with -o) cleared of what a killed run left there, its
 * journal replayed (every file of that driver back as it was before), its
 * temporary files removed; said on stderr.
 */
void commit_recover(char **paths, int n, const char *outdir)
{
	struct strlist dirs = { 0 };

	leftover_dirs = &dirs;
	for (int i = 0; i < (outdir ? 1 : n); i++) {
		const char *p = outdir ? outdir : paths[i];
		char *dir = is_dir(p) ? xstrdup(p) : path_dir(p);

		nftw(dir, find_leftovers, 32, FTW_PHYS | FTW_ACTIONRETVAL);
		free(dir);
	}
	for (size_t i = 0; i < dirs.n; i++)
		recover_dir(dirs.v[i]);
	sl_free(&dirs);
}
