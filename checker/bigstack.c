// SPDX-License-Identifier: GPL-2.0
/*
 * Room for deep nesting.  sparse's parser, evaluator, expander and
 * linearizer recurse once per nesting level: 7,000 nested parentheses or
 * a sum of 50,000 terms overflow the 8 MiB main stack.  Measuring the
 * depth beforehand would have to know every recursive path of sparse
 * (parentheses, blocks, conditionals, macro expansions, left-deep
 * operator chains ...), so instead the child runs on a thread with a
 * large stack, and if even that runs out, a SIGSEGV handler on its own
 * small stack sees that the fault is in the thread's guard area and
 * reports "nesting too deep" as the file's error: one clear line, exit
 * 1, never a crash.  Any other SIGSEGV stays a crash (the parent names
 * it).
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "front.h"

#define BIG_STACK_MB	1024	/* of address space, touched as needed */
#define GUARD		(1UL << 20)

static struct {
	char *lo, *hi;			/* the mapping, guard included */
	FILE *records;
	const char *file;
	void (*fn)(void *arg);
	void *arg;
} big;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	char *addr = si->si_addr;
	static const char msg[] =
		"nesting too deep: sparse's recursive parser ran out of stack";

	if (addr >= big.lo && addr < big.lo + 2 * GUARD) {
		const char *const f[] = { big.file, msg };

		/* not async-signal-safe, but the thread that faulted is stopped here */
		dmc_rec_write(big.records, 'E', 2, f);
		_exit(1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void *run(void *unused)
{
	static char alt[64 << 10];
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
	struct sigaction sa;

	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	big.fn(big.arg);
	return NULL;
}

void dmc_big_stack_file(const char *file)
{
	big.file = file;
}

void dmc_run_on_big_stack(void (*fn)(void *), void *arg, FILE *records,
			  const char *file)
{
	const char *env = getenv("DMACHECK_STACK_MB");	/* tests: a small one */
	unsigned long size = (env && atol(env) > 1 ? atol(env) : BIG_STACK_MB) << 20;
	pthread_attr_t attr;
	pthread_t t;
	void *map;

	big.fn = fn;
	big.arg = arg;
	big.records = records;
	big.file = file;
	map = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (map == MAP_FAILED) {
		fn(arg);	/* no room: the usual stack, crashes stay crashes */
		return;
	}
	big.lo = map;
	big.hi = big.lo + size;
	mprotect(big.lo, GUARD, PROT_NONE);
	pthread_attr_init(&attr);
	if (pthread_attr_setstack(&attr, big.lo + GUARD, size - GUARD) ||
	    pthread_create(&t, &attr, run, NULL)) {
		fn(arg);
		return;
	}
	pthread_join(t, NULL);
}
