/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DMAREF_LINUX_MUTEX_H
#define _DMAREF_LINUX_MUTEX_H

#include <pthread.h>
#include <linux/types.h>

struct mutex {
	pthread_mutex_t mutex;
};

#define DEFINE_MUTEX(name)	struct mutex name = { PTHREAD_MUTEX_INITIALIZER }

static inline void mutex_init(struct mutex *lock)
{
	pthread_mutex_init(&lock->mutex, NULL);
}

static inline void mutex_lock(struct mutex *lock)
{
	pthread_mutex_lock(&lock->mutex);
}

static inline void mutex_unlock(struct mutex *lock)
{
	pthread_mutex_unlock(&lock->mutex);
}

#endif /* _DMAREF_LINUX_MUTEX_H */
