// SPDX-License-Identifier: GPL-2.0
/*
 * Device-managed memory (devm_kmalloc() and friends): released with the
 * device, silently, as the driver core does at unbind.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct dmaref_devres {
	struct dmaref_devres *next;
	void *mem;
};

/* Called by dmaref_device_free(), with the lock held. */
void dmaref_devres_release(struct dmaref_dev *d)
{
	while (d->devres) {
		struct dmaref_devres *next = d->devres->next;

		free(d->devres->mem);
		free(d->devres);
		d->devres = next;
	}
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	struct dmaref_devres *res;
	void *mem = NULL;

	dmaref_lock();
	/* As the kernel's: NULL for 0 or a size that rounding would wrap. */
	if (!dmaref_dev_valid(dev, "devm_kmalloc") || !size ||
	    size > SIZE_MAX - 127)
		goto out;
	res = malloc(sizeof(*res));
	mem = aligned_alloc(128, (size + 127) & ~(size_t)127);
	if (!res || !mem) {
		free(res);
		free(mem);
		mem = NULL;
		goto out;
	}
	if ((__force unsigned int)gfp & ___GFP_ZERO)
		memset(mem, 0, size);
	res->mem = mem;
	res->next = dev->dmaref->devres;
	dev->dmaref->devres = res;
out:
	dmaref_unlock();
	return mem;
}

void devm_kfree(struct device *dev, const void *p)
{
	struct dmaref_devres **link;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, "devm_kfree") || !p)
		goto out;	/* NULL is fine, as kfree(NULL) */
	for (link = &dev->dmaref->devres; *link; link = &(*link)->next) {
		struct dmaref_devres *res = *link;

		if (res->mem == p) {
			*link = res->next;
			free(res->mem);
			free(res);
			goto out;
		}
	}
	/* The kernel's devm_kfree() warns here too. */
	dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, "devm_kfree", NULL, 0,
		      0, DMA_NONE,
		      "not memory devm_kmalloc() gave this device (double or foreign free)");
out:
	dmaref_unlock();
}

