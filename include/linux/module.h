/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module metadata has no meaning in userspace.  Each macro expands to a
 * harmless declaration so "MODULE_LICENSE(...);" stays valid C at file
 * scope; module_init/module_exit keep a reference so the functions they
 * name are not reported unused.
 */
#ifndef _DMAREF_LINUX_MODULE_H
#define _DMAREF_LINUX_MODULE_H

#include <linux/types.h>
#include <linux/compiler.h>

#define DMAREF_MODULE_INFO	extern int dmaref_module_info

#define MODULE_LICENSE(x)		DMAREF_MODULE_INFO
#define MODULE_AUTHOR(x)		DMAREF_MODULE_INFO
#define MODULE_DESCRIPTION(x)		DMAREF_MODULE_INFO
#define MODULE_VERSION(x)		DMAREF_MODULE_INFO
#define MODULE_ALIAS(x)			DMAREF_MODULE_INFO
#define MODULE_FIRMWARE(x)		DMAREF_MODULE_INFO
#define MODULE_DEVICE_TABLE(type, name)	DMAREF_MODULE_INFO
#define MODULE_PARM_DESC(var, desc)	DMAREF_MODULE_INFO
#define EXPORT_SYMBOL(sym)		DMAREF_MODULE_INFO
#define EXPORT_SYMBOL_GPL(sym)		DMAREF_MODULE_INFO
#define module_param(name, type, perm)	DMAREF_MODULE_INFO

#define THIS_MODULE	((void *)0)

#define module_init(fn) \
	static int (*dmaref_module_init_fn)(void) __maybe_unused = fn
#define module_exit(fn) \
	static void (*dmaref_module_exit_fn)(void) __maybe_unused = fn

#endif /* _DMAREF_LINUX_MODULE_H */
