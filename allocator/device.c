// SPDX-License-Identifier: GPL-2.0
/*
 * Simulated devices: creation and unbind (with the leak check), DMA masks,
 * device-managed memory, and the device side of DMA.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/dma-mapping.h>
#include "internal.h"

#define MIN_DMA_MASK	DMA_BIT_MASK(24)	/* must reach ZONE_DMA */
/* A coherent pool is one buddy block. */
#define MAX_POOL_SIZE	(PAGE_SIZE << (MAX_ORDER - 1))

unsigned long dmaref_nr_devices;
static unsigned int next_id;

/*
 * Called with the lock held, by dmaref_dev_valid() (internal.h) for a
 * device that is not alive.  The registry says why from the pointer's
 * value alone; nothing is read through @dev.
 */
void dmaref_dev_report_invalid(struct device *dev, const char *call)
{
	const struct dmaref_dev_slot *s = dmaref_dev_slot(dev);
	const char *why = "device not made by dmaref_device_new()";

	if (!dev)
		why = "NULL device";
	else if (s && s->state == SLOT_FREED)
		why = "device used after dmaref_device_free() (driver unbound)";
	dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0, 0,
		      DMA_NONE, "%s", why);
}

/* Why @cfg cannot make a device, or NULL when it can. */
static const char *config_problem(const struct dmaref_device_config *cfg)
{
	unsigned int line = cfg->cache_line;

	if (line && (line & (line - 1) || line < 16 || line > 128))
		return "cache line not a power of two in 16..128";
	if (cfg->dma_mask && cfg->dma_mask < MIN_DMA_MASK)
		return "DMA mask below 24 bits (ZONE_DMA out of reach)";
	if (cfg->coherent_dma_mask && cfg->coherent_dma_mask < MIN_DMA_MASK)
		return "coherent DMA mask below 24 bits (ZONE_DMA out of reach)";
	if (cfg->coherent_pool_size > MAX_POOL_SIZE)
		return "coherent pool larger than 4 MiB (the largest block)";
	return NULL;
}

static u64 iova_limit(u64 mask)
{
	/* 32-bit IOVAs first, as the kernel prefers for PCI devices. */
	return mask >= DMAREF_DMA32_LIMIT - 1 ? DMAREF_DMA32_LIMIT : mask + 1;
}

/* Reports, as @dev (alive by now), why it cannot be set up. */
static int setup_failed(struct device *dev, enum dmaref_error_class class,
			const char *why)
{
	dmaref_report(class, dev, "dmaref_device_new", NULL, 0, 0, DMA_NONE,
		      "device cannot be made: %s", why);
	return -ENOMEM;
}

static int setup_dev(struct device *dev, struct dmaref_dev *d,
		     const struct dmaref_device_config *cfg)
{
	int ret;

	d->dev = dev;
	d->mask = cfg->dma_mask ? cfg->dma_mask : DMA_BIT_MASK(32);
	d->coherent = cfg->coherent;
	d->iommu = cfg->iommu;
	d->cache_line = cfg->cache_line ? cfg->cache_line : 64;
	d->id = next_id++;
	snprintf(d->name, sizeof(d->name), "%s",
		 cfg->name ? cfg->name : "dmaref-device");
	dev->init_name = d->name;
	dev->dma_mask = &d->mask;
	dev->coherent_dma_mask = cfg->no_coherent_mask ? 0 :
		cfg->coherent_dma_mask ? cfg->coherent_dma_mask : d->mask;
	dev->dmaref = d;
	if (d->iommu) {
		ret = dmaref_iova_init(&d->iova, dmaref_machine_iova_base(),
				       iova_limit(d->mask));
		if (ret == -EINVAL)
			return setup_failed(dev, DMAREF_ERR_INVALID_ARGUMENT,
					    "its DMA mask is below the machine's iova_base: no IOVA space");
		if (ret)
			return setup_failed(dev, DMAREF_ERR_OUT_OF_MEMORY,
					    "no host memory for its IOVA space");
	}
	if (cfg->coherent_pool_size) {
		u64 m = dev->coherent_dma_mask ? dev->coherent_dma_mask : d->mask;

		d->pool = dmaref_pool_new(PAGE_ALIGN(cfg->coherent_pool_size), m);
		if (!d->pool)
			return setup_failed(dev, DMAREF_ERR_OUT_OF_MEMORY,
					    "no free block under its coherent mask for its coherent pool");
	}
	return 0;
}

static void teardown_dev(struct device *dev)
{
	struct dmaref_dev *d = dev->dmaref;

	if (d->iommu)
		dmaref_iova_exit(&d->iova);
	dmaref_pool_destroy(d->pool);
	dmaref_registry_release(dev, d->name);
	free(d);
}

/* Called with the lock held: the report of a device that cannot be made. */
static void refuse(const struct dmaref_device_config *cfg,
		   enum dmaref_error_class class, const char *why)
{
	dmaref_report(class, NULL, "dmaref_device_new", NULL, 0, 0, DMA_NONE,
		      "device '%s' cannot be made: %s",
		      cfg && cfg->name ? cfg->name : "dmaref-device", why);
}

struct device *dmaref_device_new(const struct dmaref_device_config *cfg)
{
	struct device *dev = NULL;
	struct dmaref_dev *d;
	const char *why;

	dmaref_lock();
	if (!cfg) {
		refuse(cfg, DMAREF_ERR_INVALID_ARGUMENT, "NULL configuration");
		goto out;
	}
	why = config_problem(cfg);
	if (why) {
		refuse(cfg, DMAREF_ERR_INVALID_ARGUMENT, why);
		goto out;
	}
	if (dmaref_ensure_machine_locked()) {
		refuse(cfg, DMAREF_ERR_OUT_OF_MEMORY,
		       "the default machine does not fit in host memory");
		goto out;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		refuse(cfg, DMAREF_ERR_OUT_OF_MEMORY, "out of host memory");
		goto out;
	}
	dev = dmaref_registry_take();
	if (!dev) {
		free(d);
		refuse(cfg, DMAREF_ERR_OUT_OF_MEMORY,
		       "256 devices are alive already");
		goto out;
	}
	if (setup_dev(dev, d, cfg)) {
		teardown_dev(dev);
		dev = NULL;
		goto out;
	}
	dmaref_nr_devices++;
out:
	dmaref_unlock();
	return dev;
}

void dmaref_device_free(struct device *dev)
{
	dmaref_lock();
	if (!dmaref_dev_valid(dev, "dmaref_device_free")) {
		dmaref_unlock();
		return;
	}
	while (dev->dmaref->live) {
		struct dmaref_buf *buf = dev->dmaref->live;

		if (!buf->managed)
			dmaref_report(DMAREF_ERR_LEAK, dev, "dmaref_device_free",
				      buf, 0, buf->size, buf->dir,
				      "device driver has pending DMA allocations or mappings at unbind (%s)",
				      dmaref_buf_type_name(buf->type));
		dmaref_buf_release(buf);
	}
	dmaref_devres_release(dev->dmaref);
	dmaref_mmio_release(dev);
	dmaref_nr_devices--;
	teardown_dev(dev);
	dmaref_unlock();
}

/* ---- masks ---- */

static int check_mask(struct device *dev, u64 mask, const char *call)
{
	if (!dmaref_dev_valid(dev, call))
		return -EINVAL;
	return mask < MIN_DMA_MASK ? -EIO : 0;
}

int dma_set_mask(struct device *dev, u64 mask)
{
	int ret;

	dmaref_lock();
	ret = check_mask(dev, mask, "dma_set_mask");
	if (!ret) {
		struct dmaref_dev *d = dev->dmaref;

		d->mask = mask;
		/* A fresh IOVA space under the new mask, if nothing uses it. */
		if (d->iommu && !d->nr_live) {
			dmaref_iova_exit(&d->iova);
			ret = dmaref_iova_init(&d->iova, dmaref_machine_iova_base(),
					       iova_limit(mask));
		}
	}
	dmaref_unlock();
	return ret;
}

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	int ret;

	dmaref_lock();
	ret = check_mask(dev, mask, "dma_set_coherent_mask");
	if (!ret)
		dev->coherent_dma_mask = mask;
	dmaref_unlock();
	return ret;
}

int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int ret = dma_set_mask(dev, mask);

	return ret ? ret : dma_set_coherent_mask(dev, mask);
}

u64 dma_get_mask(struct device *dev)
{
	u64 mask = 0;

	dmaref_lock();
	if (dmaref_dev_valid(dev, "dma_get_mask"))
		mask = dev->dmaref->mask;
	dmaref_unlock();
	return mask;
}

int dma_get_cache_alignment(void)
{
	/* The largest line any simulated device may have (ARCH_DMA_MINALIGN). */
	return 128;
}

bool dma_can_alloc_noncoherent(struct device *dev)
{
	bool ok;

	dmaref_lock();
	ok = dmaref_dev_valid(dev, "dma_can_alloc_noncoherent");
	dmaref_unlock();
	return ok;
}

/* ---- the device side of DMA ---- */

static int device_access(struct device *dev, dma_addr_t addr, void *data,
			 size_t len, bool write)
{
	const char *call = write ? "dmaref_device_write" : "dmaref_device_read";
	struct dmaref_buf *buf;
	int ret;

	dmaref_lock();
	if (!dmaref_dev_valid(dev, call)) {
		ret = -EINVAL;
		goto out;
	}
	if (!data) {
		dmaref_report(DMAREF_ERR_INVALID_ARGUMENT, dev, call, NULL, 0,
			      len, DMA_NONE, "NULL data buffer");
		ret = -EINVAL;
		goto out;
	}
	dmaref_cache_tick();
	if (!len) {
		ret = 0;
		goto out;
	}
	if (addr + len - 1 < addr || addr + len - 1 > dev->dmaref->mask) {
		dmaref_report(DMAREF_ERR_DEVICE_UNREACHABLE, dev, call, NULL,
			      0, len, DMA_NONE,
			      "device accessed bus address 0x%llx+%zu above its DMA mask 0x%llx",
			      (unsigned long long)addr, len,
			      (unsigned long long)dev->dmaref->mask);
		ret = -EFAULT;
		goto out;
	}
	buf = dmaref_buf_find_contain(dev, addr, len);
	if (!buf || len > buf->span - (addr - buf->dma)) {
		dmaref_report(DMAREF_ERR_DEVICE_UNMAPPED, dev, call, buf,
			      buf ? addr - buf->dma : 0, len, DMA_NONE,
			      "device accessed bus address 0x%llx+%zu that no buffer of this device maps",
			      (unsigned long long)addr, len);
		ret = -ENOENT;
		goto out;
	}
	ret = dmaref_cache_device_access(buf, addr - buf->dma, data, len, write);
out:
	dmaref_unlock();
	return ret;
}

int dmaref_device_read(struct device *dev, dma_addr_t addr, void *buf,
		       size_t len)
{
	return device_access(dev, addr, buf, len, false);
}

int dmaref_device_write(struct device *dev, dma_addr_t addr, const void *buf,
			size_t len)
{
	return device_access(dev, addr, (void *)buf, len, true);
}
