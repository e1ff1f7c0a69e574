// SPDX-License-Identifier: GPL-2.0
/*
 * Run a program from an argument vector (never through a shell, so any
 * path is safe) and collect its stdout and stderr.  Every child dies with
 * the process that started it (PR_SET_PDEATHSIG): a dmaconv killed with
 * SIGKILL takes its workers with it, and they their spatch and dmacheck,
 * each of which runs in a process group of its own (what it starts goes
 * with it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util/fs.h"
#include "util/lock.h"
#include "util/msg.h"
#include "util/path.h"
#include "util/spawn.h"

/* In a child: die when PARENT does (also when it already has). */
static void die_with(pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(127);
}

/* fork() for a worker: the child dies with this process. */
pid_t spawn_fork(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	if (!pid) {
		die_with(parent);
		tree_lock_forget();
	}
	return pid;
}

static void child(char *const argv[], const char *cwd, int out, int errfd)
{
	setpgid(0, 0);
	dup2(out, 1);
	dup2(errfd, 2);
	if (cwd && chdir(cwd)) {
		dprintf(2, "%s: cannot enter %s: %s\n", progname, cwd,
			strerror(errno));
		_exit(127);
	}
	execvp(argv[0], argv);
	dprintf(2, "%s: cannot run %s: %s\n", progname, argv[0],
		strerror(errno));
	_exit(127);
}

/* Read both pipes until both close, so neither child write can block. */
static void drain(int out, int errfd, struct run_result *r)
{
	struct pollfd p[2] = { { out, POLLIN, 0 }, { errfd, POLLIN, 0 } };
	struct strbuf *dst[2] = { &r->out, &r->err };
	char buf[65536];
	int open_fds = 2;

	while (open_fds) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			ssize_t n;

			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = read(p[i].fd, buf, sizeof(buf));
			if (n > 0) {
				sb_add(dst[i], buf, n);
				continue;
			}
			if (n < 0 && errno == EINTR)
				continue;
			close(p[i].fd);
			p[i].fd = -1;
			open_fds--;
		}
	}
}

int run_cmd(char *const argv[], const char *cwd, struct run_result *r)
{
	int po[2], pe[2], st;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	sb_add(&r->out, "", 0);
	sb_add(&r->err, "", 0);
	r->status = -1;
	if (pipe(po) || pipe(pe))
		return -1;
	pid = spawn_fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		close(po[0]);
		close(pe[0]);
		child(argv, cwd, po[1], pe[1]);
	}
	close(po[1]);
	close(pe[1]);
	drain(po[0], pe[0], r);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st))
		r->status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		r->status = 128 + WTERMSIG(st);
	return 0;
}

void run_free(struct run_result *r)
{
	sb_free(&r->out);
	sb_free(&r->err);
}

/* Like the shell's command -v: is name runnable through PATH? */
int program_exists(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL;
	int found = 0;

	if (strchr(name, '/'))
		return !access(name, X_OK);
	if (!path)
		return 0;
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *p = path_join(*dir ? dir : ".", name);

		found = !access(p, X_OK) && is_file(p);
		free(p);
	}
	free(copy);
	return found;
}
