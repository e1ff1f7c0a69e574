/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checks dmacheck runs, one line each:
 *
 *	CK(file and function name, enum suffix, id, summary)
 *
 * A line CK(foo_bar, FOO_BAR, "foo-bar", "...") means: checks/check_foo_bar.c
 * defines ck_foo_bar(), which the core calls once at start-up with the
 * check's id (CK_FOO_BAR); it registers the check's hooks.  The id is the
 * contract: -W<id>, -Wno-<id>, "dmacheck: ignore <id>", docs/checks/<id>.md,
 * the "check" field of the JSON output, --list-checks.
 *
 * Order matters: hooks of one kind run in this order, and findings at one
 * position print in the order they were made (a sync after an unmap with
 * the wrong direction reads use-after-free, then sync-direction).  A new
 * check usually goes at the end.  No include guard: read with CK defined.
 *
 * check_template.c, the example to copy, is in no list: built, never run.
 */
CK(legacy_api,			LEGACY_API,		"legacy-api",
	"a call or attribute removed from the DMA API in Linux 5.10")
CK(cpu_write_device_owned,	CPU_WRITE_DEVICE_OWNED,	"cpu-write-device-owned",
	"the CPU stores into a buffer the device owns")
CK(cpu_read_device_owned,	CPU_READ_DEVICE_OWNED,	"cpu-read-device-owned",
	"the CPU loads from a buffer the device owns")
CK(missing_sync_for_device,	MISSING_SYNC_FOR_DEVICE, "missing-sync-for-device",
	"CPU stores reach a device kick with no _for_device sync between")
CK(missing_sync_for_cpu,	MISSING_SYNC_FOR_CPU,	"missing-sync-for-cpu",
	"the CPU reads device-written data before a _for_cpu sync")
CK(ownership_imbalance,		OWNERSHIP_IMBALANCE,	"ownership-imbalance",
	"a buffer taken for the CPU is given back on some paths only")
CK(wrong_free,			WRONG_FREE,		"wrong-free",
	"a buffer released by the wrong call, size or direction")
CK(use_after_free,		USE_AFTER_FREE,		"use-after-free",
	"a buffer used after it was freed or unmapped")
CK(sync_direction,		SYNC_DIRECTION,		"sync-direction",
	"a sync or map direction that contradicts the buffer's direction")
CK(gfp_dir_swap,		GFP_DIR_SWAP,		"gfp-dir-swap",
	"gfp and direction swapped in a 5-argument allocation call")
CK(taken_not_given_back,	TAKEN_NOT_GIVEN_BACK,	"taken-not-given-back",
	"a descriptor taken for the CPU is handed back on no path before a kick or an interrupt handler's return")
CK(null_device,			NULL_DEVICE,		"null-device",
	"a NULL device given to a DMA allocation, map or sync")
CK(sync_outside_buffer,		SYNC_OUTSIDE_BUFFER,	"sync-outside-buffer",
	"memory synced through the handle of an allocation it is not inside (a translation of another buffer's pointer)")
