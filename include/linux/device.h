/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct device as driver code sees it.  Devices are made by the simulator
 * (dmaref_device_new() in <dmaref/sim.h>), which fills the masks and keeps
 * its own state behind @dmaref.
 */
#ifndef _DMAREF_LINUX_DEVICE_H
#define _DMAREF_LINUX_DEVICE_H

#include <stdarg.h>
#include <stdio.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/kernel.h>

struct dmaref_dev;

struct device {
	const char *init_name;
	struct device *parent;
	u64 *dma_mask;			/* streaming mask; points into dmaref */
	u64 coherent_dma_mask;		/* for coherent allocations */
	void *driver_data;
	void *platform_data;
	struct dmaref_dev *dmaref;	/* the simulator's view of the device */
};

static inline const char *dev_name(const struct device *dev)
{
	return dev && dev->init_name ? dev->init_name : "(NULL device)";
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline __printf(3, 4)
void dmaref_dev_printk(const char *level, const struct device *dev,
		       const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", level, dev_name(dev));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

#define dev_emerg(dev, fmt, ...) dmaref_dev_printk("emerg", dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)	dmaref_dev_printk("crit", dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)	dmaref_dev_printk("err", dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	dmaref_dev_printk("warn", dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) dmaref_dev_printk("notice", dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	dmaref_dev_printk("info", dev, fmt, ##__VA_ARGS__)
#ifdef DEBUG
# define dev_dbg(dev, fmt, ...)	dmaref_dev_printk("debug", dev, fmt, ##__VA_ARGS__)
#else
# define dev_dbg(dev, fmt, ...) \
	do { if (0) dmaref_dev_printk("debug", dev, fmt, ##__VA_ARGS__); } while (0)
#endif

/* Device-managed memory: released by dmaref_device_free(). */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);

static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}

#endif /* _DMAREF_LINUX_DEVICE_H */
