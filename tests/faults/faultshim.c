// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim for tests/faults/run.sh: make the Nth I/O call of a
 * dmaconv process fail, to prove that no failure anywhere leaves a driver
 * half written.
 *
 *   FAULT_AT=N       fail the Nth call (1-based); 0 or unset: fail none
 *   FAULT_ERRNO=E    ENOSPC (default), EIO, EACCES, EROFS or a number
 *   FAULT_COUNT=F    at exit, write the number of calls seen to F
 *   FAULT_LOG=F      append "N op path" of the failed call to F
 *   FAULT_KILL=1     at the Nth call, SIGKILL the process instead
 *   FAULT_TRACE=F    append "N op path" of every call counted to F
 *
 * Counted: open, openat, creat (and their 64 forms), write, pwrite,
 * fsync, fdatasync, rename, renameat, renameat2, link, linkat, mkdir,
 * ftruncate: every call that reads a file in or writes one out, called by
 * dmaconv's own code.  Calls glibc makes internally (fopen, stdio
 * buffers, mkdtemp) do not pass through the shim.  Only the process that
 * loaded the shim as "dmaconv" counts: its workers (forks) and the
 * programs it runs (spatch, diff) are left alone, so the count of a run is
 * the same every time.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static pid_t owner;
static long at, calls;
static int fault_errno = ENOSPC;

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EACCES", EACCES },
	{ "EROFS", EROFS }, { "EDQUOT", EDQUOT },
};

static void report(void)
{
	const char *f = getenv("FAULT_COUNT");
	char buf[32];
	int fd, n;

	if (getpid() != owner || !f)
		return;
	fd = syscall(SYS_openat, AT_FDCWD, f, O_WRONLY | O_CREAT | O_TRUNC,
		     0644);
	if (fd < 0)
		return;
	n = snprintf(buf, sizeof(buf), "%ld\n", calls);
	if (syscall(SYS_write, fd, buf, n) != n)
		(void)0;
	close(fd);
}

__attribute__((constructor)) static void init(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *e = getenv("FAULT_ERRNO");

	exe[n > 0 ? n : 0] = '\0';
	if (strcmp(strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe, "dmaconv"))
		return;
	owner = getpid();
	at = getenv("FAULT_AT") ? atol(getenv("FAULT_AT")) : 0;
	for (size_t i = 0; e && i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (!strcmp(e, errnos[i].name))
			fault_errno = errnos[i].value;
	if (e && *e >= '0' && *e <= '9')
		fault_errno = atoi(e);
	atexit(report);
}

static void note(const char *log, const char *op, const char *path)
{
	char buf[4200];
	int fd = syscall(SYS_openat, AT_FDCWD, log,
			 O_WRONLY | O_CREAT | O_APPEND, 0644);
	int n = snprintf(buf, sizeof(buf), "%ld %s %s\n", calls, op,
			 path ? path : "-");

	if (fd < 0)
		return;
	if (syscall(SYS_write, fd, buf, n) != n)
		(void)0;
	close(fd);
}

/* 1 when this call is the one to fail (errno set). */
static int hit(const char *op, const char *path)
{
	const char *log = getenv("FAULT_LOG");

	if (!owner || getpid() != owner)
		return 0;
	++calls;
	if (getenv("FAULT_TRACE"))
		note(getenv("FAULT_TRACE"), op, path);
	if (calls != at)
		return 0;
	if (log)
		note(log, op, path);
	if (getenv("FAULT_KILL"))
		kill(getpid(), SIGKILL);
	errno = fault_errno;
	return 1;
}

#define REAL(ret, name, ...) \
	static ret (*real)(__VA_ARGS__); \
	if (!real) \
		real = (ret (*)(__VA_ARGS__))dlsym(RTLD_NEXT, name)

static mode_t mode_arg(int flags, va_list ap)
{
	return flags & (O_CREAT | O_TMPFILE) ? va_arg(ap, mode_t) : 0;
}

int open(const char *p, int flags, ...)
{
	va_list ap;
	mode_t m;

	REAL(int, "open", const char *, int, ...);
	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	return hit("open", p) ? -1 : real(p, flags, m);
}

int open64(const char *p, int flags, ...)
{
	va_list ap;
	mode_t m;

	REAL(int, "open64", const char *, int, ...);
	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	return hit("open", p) ? -1 : real(p, flags, m);
}

int openat(int dir, const char *p, int flags, ...)
{
	va_list ap;
	mode_t m;

	REAL(int, "openat", int, const char *, int, ...);
	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	return hit("openat", p) ? -1 : real(dir, p, flags, m);
}

int openat64(int dir, const char *p, int flags, ...)
{
	va_list ap;
	mode_t m;

	REAL(int, "openat64", int, const char *, int, ...);
	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	return hit("openat", p) ? -1 : real(dir, p, flags, m);
}

int creat(const char *p, mode_t m)
{
	REAL(int, "creat", const char *, mode_t);
	return hit("creat", p) ? -1 : real(p, m);
}

ssize_t write(int fd, const void *b, size_t n)
{
	REAL(ssize_t, "write", int, const void *, size_t);
	return hit("write", NULL) ? -1 : real(fd, b, n);
}

ssize_t pwrite(int fd, const void *b, size_t n, off_t o)
{
	REAL(ssize_t, "pwrite", int, const void *, size_t, off_t);
	return hit("pwrite", NULL) ? -1 : real(fd, b, n, o);
}

int fsync(int fd)
{
	REAL(int, "fsync", int);
	return hit("fsync", NULL) ? -1 : real(fd);
}

int fdatasync(int fd)
{
	REAL(int, "fdatasync", int);
	return hit("fdatasync", NULL) ? -1 : real(fd);
}

int ftruncate(int fd, off_t len)
{
	REAL(int, "ftruncate", int, off_t);
	return hit("ftruncate", NULL) ? -1 : real(fd, len);
}

int rename(const char *a, const char *b)
{
	REAL(int, "rename", const char *, const char *);
	return hit("rename", b) ? -1 : real(a, b);
}

int renameat(int da, const char *a, int db, const char *b)
{
	REAL(int, "renameat", int, const char *, int, const char *);
	return hit("renameat", b) ? -1 : real(da, a, db, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned int f)
{
	REAL(int, "renameat2", int, const char *, int, const char *,
	     unsigned int);
	return hit("renameat2", b) ? -1 : real(da, a, db, b, f);
}

int link(const char *a, const char *b)
{
	REAL(int, "link", const char *, const char *);
	return hit("link", a) ? -1 : real(a, b);
}

int linkat(int da, const char *a, int db, const char *b, int f)
{
	REAL(int, "linkat", int, const char *, int, const char *, int);
	return hit("linkat", a) ? -1 : real(da, a, db, b, f);
}

int mkdir(const char *p, mode_t m)
{
	REAL(int, "mkdir", const char *, mode_t);
	return hit("mkdir", p) ? -1 : real(p, m);
}
