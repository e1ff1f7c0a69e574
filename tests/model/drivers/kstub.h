/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel interfaces the model's test drivers use that the
 * project's userspace include/ does not have: net devices, skbs, user
 * copies, bus_to_virt().  Declarations only: the tests parse, never run.
 */
#ifndef _MODEL_TEST_KSTUB_H
#define _MODEL_TEST_KSTUB_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/slab.h>

#ifndef __user
#define __user __attribute__((noderef, address_space(__user)))
#endif

struct net_device {
	struct device dev;
	char name[16];
};

struct platform_device {
	const char *name;
	struct device dev;
};

struct sk_buff {
	unsigned char *data;
	unsigned int len;
};

void *netdev_priv(const struct net_device *dev);
struct net_device *alloc_etherdev(int sizeof_priv);
unsigned char *skb_put(struct sk_buff *skb, unsigned int len);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
void *bus_to_virt(unsigned long address);
void *platform_get_drvdata(const struct platform_device *pdev);
void platform_set_drvdata(struct platform_device *pdev, void *data);

#endif
