/* SPDX-License-Identifier: GPL-2.0 */
/* Delays really sleep, so a polling loop in a threaded test gives way. */
#ifndef _DMAREF_LINUX_DELAY_H
#define _DMAREF_LINUX_DELAY_H

#include <time.h>

static inline void dmaref_sleep_ns(unsigned long long ns)
{
	struct timespec ts = {
		.tv_sec = ns / 1000000000ULL,
		.tv_nsec = ns % 1000000000ULL,
	};

	nanosleep(&ts, NULL);
}

static inline void ndelay(unsigned long ns)
{
	dmaref_sleep_ns(ns);
}

static inline void udelay(unsigned long us)
{
	dmaref_sleep_ns(us * 1000ULL);
}

static inline void mdelay(unsigned long ms)
{
	dmaref_sleep_ns(ms * 1000000ULL);
}

static inline void msleep(unsigned int ms)
{
	dmaref_sleep_ns(ms * 1000000ULL);
}

static inline void usleep_range(unsigned long min, unsigned long max)
{
	(void)max;		/* the shortest sleep allowed will do */
	dmaref_sleep_ns(min * 1000ULL);
}

#endif /* _DMAREF_LINUX_DELAY_H */
