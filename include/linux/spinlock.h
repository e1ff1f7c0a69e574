/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spinlocks as pthread mutexes: interrupt and process context are threads
 * in userspace, and ThreadSanitizer understands mutexes.  The _irqsave
 * variants store a dummy flags word so driver code compiles unchanged.
 */
#ifndef _DMAREF_LINUX_SPINLOCK_H
#define _DMAREF_LINUX_SPINLOCK_H

#include <pthread.h>
#include <linux/types.h>

typedef struct {
	pthread_mutex_t mutex;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ PTHREAD_MUTEX_INITIALIZER }
#define DEFINE_SPINLOCK(name)	spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void spin_lock_init(spinlock_t *lock)
{
	pthread_mutex_init(&lock->mutex, NULL);
}

static inline void spin_lock(spinlock_t *lock) __acquires(lock)
{
	pthread_mutex_lock(&lock->mutex);
}

static inline void spin_unlock(spinlock_t *lock) __releases(lock)
{
	pthread_mutex_unlock(&lock->mutex);
}

static inline int spin_trylock(spinlock_t *lock)
{
	return pthread_mutex_trylock(&lock->mutex) == 0;
}

#define spin_lock_irq(lock)		spin_lock(lock)
#define spin_unlock_irq(lock)		spin_unlock(lock)
#define spin_lock_bh(lock)		spin_lock(lock)
#define spin_unlock_bh(lock)		spin_unlock(lock)
#define spin_lock_irqsave(lock, flags) \
	do { (flags) = 0; spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) \
	do { (void)(flags); spin_unlock(lock); } while (0)

#endif /* _DMAREF_LINUX_SPINLOCK_H */
