// SPDX-License-Identifier: GPL-2.0
/*
 * One dmaconv writing a tree at a time: a second one is refused, with the
 * first one's pid, rather than interleaved with it.  The lock is flock()
 * on "dmaconv.lock" in the tree's .git folder (or ".dmaconv.lock" at the
 * top of a tree without git), holding the pid.  The kernel drops a flock
 * when its holder dies, even by SIGKILL, so a lock file left behind is
 * stale by construction: it is taken over, and said so.  The file is
 * removed at exit and on SIGINT/SIGTERM/SIGHUP (util/fs.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/fs.h"
#include "util/lock.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/str.h"
#include "util/tree.h"

static struct strlist held;	/* lock files of this process, by name */

static char *lock_file(const char *root)
{
	char *git = path_join(root, ".git");
	char *f = is_dir(git) ? path_join(git, "dmaconv.lock") :
				path_join(root, ".dmaconv.lock");

	free(git);
	return f;
}

static long holder(int fd)
{
	char buf[32] = "";
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	return n > 0 ? strtol(buf, NULL, 10) : 0;
}

/* Open and flock NAME; the same file must still be there once locked. */
static int take(const char *name, long *other)
{
	for (int tries = 0; tries < 10; tries++) {
		struct stat a, b;
		int fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

		if (fd < 0)
			return -1;
		if (flock(fd, LOCK_EX | LOCK_NB)) {
			int e = errno;

			*other = holder(fd);
			close(fd);
			errno = e;
			return -1;
		}
		if (!fstat(fd, &a) && !stat(name, &b) && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			return fd;
		close(fd);	/* removed by its last holder meanwhile */
	}
	errno = EAGAIN;
	return -1;
}

/*
 * Lock the tree PATH belongs to (util/tree.c) for this process, which
 * keeps it until it ends.  0, or -1 after one line on stderr.
 */
/* The descriptors of the locks this process holds. */
static int held_fds[16];
static int nr_held_fds;

/*
 * A forked child inherits the lock's open file, and flock() lasts until
 * the last descriptor of it is closed: a worker that outlives a killed
 * dmaconv by a moment would hold the tree against the next run.  The
 * child closes its copies; the parent's keep the lock.
 */
void tree_lock_forget(void)
{
	while (nr_held_fds)
		close(held_fds[--nr_held_fds]);
}

int tree_lock(const char *path)
{
	char *root = tree_root(path), *name, pid[32];
	long other = 0, stale;
	int fd, len;

	if (!root) {
		err("%s: cannot find the tree to lock: %s", path,
		    strerror(errno));
		return -1;
	}
	name = lock_file(root);
	if (sl_contains(&held, name)) {
		free(root);
		free(name);
		return 0;
	}
	fd = take(name, &other);
	if (fd < 0) {
		if (errno == EWOULDBLOCK && other)
			err("%s: another dmaconv (pid %ld) is writing this tree; "
			    "wait for it to finish (lock %s)", root, other, name);
		else if (errno == EWOULDBLOCK)
			err("%s: another dmaconv is writing this tree; wait for "
			    "it to finish (lock %s)", root, name);
		else
			err("%s: cannot lock the tree: %s", name,
			    strerror(errno));
		free(root);
		free(name);
		return -1;
	}
	stale = holder(fd);
	if (stale && stale != getpid())
		progress("%s: took over the lock a killed dmaconv (pid %ld) "
			 "left", name, stale);
	len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) || pwrite(fd, pid, len, 0) != len)
		errno = 0;	/* the pid is for messages only */
	sl_push(&held, name);
	if (nr_held_fds < (int)ARRAY_SIZE(held_fds))
		held_fds[nr_held_fds++] = fd;
	remove_at_exit(name);
	free(root);
	free(name);
	return 0;	/* fd stays open: the lock lives as long as we do */
}
