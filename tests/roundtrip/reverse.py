#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The reverse transformation of the round trip.

Puts the API Linux 5.10 removed back into the Linux 6.1 files of the
drivers upstream converted by hand in 5.10, in the forms those drivers
(and others like them) used before: DMA_ATTR_NON_CONSISTENT allocations,
the 4-argument dma_alloc_noncoherent()/dma_free_noncoherent(), a macro
alias of the allocator, cache macros defined by the file that includes a
shared .c file (and no-op ones by a coherent includer), dma_cache_sync()
by CPU address inside helpers that take void *addr, header macros that
take the device, a NULL device, and an attribute nothing syncs.

  reverse.py --src LINUX_6_1 --out DIR [DRIVER...]

writes DIR/<path of each file> (the tree's own layout) for the drivers
named (default: all).  Every edit says how many places it must change: a
6.1 tree that differs from the one this was written against stops here,
with the edit that no longer fits, instead of giving a corpus that is
silently different.
"""
import argparse
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csrc  # noqa: E402
from drivers import DRIVERS  # noqa: E402

NC = "DMA_ATTR_NON_CONSISTENT"


class Misfit(Exception):
	pass


def sub(text, pattern, repl, count, flags=re.S):
	"""re.sub that must replace exactly count times."""
	new, n = re.subn(pattern, repl, text, flags=flags)
	if n != count:
		raise Misfit("expected %d match(es) of /%s/, found %d" % (count, pattern, n))
	return new


def rewrite_calls(text, names, fn, count):
	"""Replaces every call of names by fn(call) (None: keep it); count
	calls must change."""
	src = csrc.Source(text)
	out, last, n = [], 0, 0
	for c in src.calls(names):
		new = fn(c)
		if new is None:
			continue
		out.append(text[last:c["off"]])
		out.append(new)
		last = c["end"]
		n += 1
	if n != count:
		raise Misfit("expected %d call(s) of %s to change, changed %d"
			     % (count, "/".join(names), n))
	out.append(text[last:])
	return "".join(out)


def call_text(name, args):
	"""A call whose arguments keep their own blanks and line breaks."""
	return "%s(%s)" % (name, ",".join(args))


def arg(a, like):
	"""A new argument text with the blanks before the old one (like)."""
	lead = re.match(r'\s*', like).group(0)
	return lead + a


# --- the legacy allocation forms -----------------------------------------

def to_attrs_alloc(c, dev=None):
	"""dma_alloc_noncoherent(d, s, h, dir, g) or dma_alloc_coherent(d, s,
	h, g) -> dma_alloc_attrs(d, s, h, g, DMA_ATTR_NON_CONSISTENT)."""
	a = c["args"]
	g = a[4] if len(a) == 5 else a[3]
	d = arg(dev, a[0]) if dev else a[0]
	return call_text("dma_alloc_attrs", [d, a[1], a[2], g, " " + NC])


def to_attrs_free(c, dev=None):
	"""dma_free_noncoherent(d, s, v, h, dir) or dma_free_coherent(d, s, v,
	h) -> dma_free_attrs(d, s, v, h, DMA_ATTR_NON_CONSISTENT)."""
	a = c["args"]
	d = arg(dev, a[0]) if dev else a[0]
	return call_text("dma_free_attrs", [d, a[1], a[2], a[3], " " + NC])


def to_4arg_alloc(c, name="dma_alloc_noncoherent"):
	"""dma_alloc_noncoherent(d, s, h, dir, g) -> name(d, s, h, g)."""
	a = c["args"]
	return call_text(name, [a[0], a[1], a[2], a[4]])


def to_4arg_free(c):
	a = c["args"]
	return call_text("dma_free_noncoherent", a[:4])


# --- the drivers ---------------------------------------------------------

def sgiseeq_c(t):
	# The sync helpers take the descriptor's CPU address (void *addr):
	# the legacy body synced by address, without the holder.
	for fn, d in (("dma_sync_single_for_cpu", "DMA_FROM_DEVICE"),
		      ("dma_sync_single_for_device", "DMA_TO_DEVICE")):
		t = sub(t, r'\tstruct sgiseeq_private \*sp = netdev_priv\(dev\);\n\n'
			r'\t%s\(dev->dev\.parent, VIRT_TO_DMA\(sp, addr\),\n'
			r'\t\t\tsizeof\(struct sgiseeq_rx_desc\), DMA_BIDIRECTIONAL\);' % fn,
			'\tdma_cache_sync(dev->dev.parent, addr, sizeof(struct sgiseeq_rx_desc),\n'
			'\t\t       %s);' % d, 1)
	t = rewrite_calls(t, ["dma_alloc_noncoherent"], to_attrs_alloc, 1)
	t = rewrite_calls(t, ["dma_free_noncoherent"], to_attrs_free, 2)
	return t


def sgiwd93_c(t):
	t = sub(t, r'dma_sync_single_for_device\(hd->dev, hd->dma,',
		'dma_cache_sync(hd->dev, hd->cpu,', 1)
	t = rewrite_calls(t, ["dma_alloc_noncoherent"], to_attrs_alloc, 1)
	t = rewrite_calls(t, ["dma_free_noncoherent"], to_attrs_free, 2)
	return t


def hal2_c(t):
	# The older 4-argument allocator, one of them through a macro alias;
	# no direction parameter on the driver's allocation helpers.
	t = sub(t, r'(#define H2_MIX_OUTPUT_ATT)',
		'#define DMA_ALLOC dma_alloc_noncoherent\n\n\\1', 1)
	t = sub(t, r',\n\t\tenum dma_data_direction buffer_dir\)', ')', 2)
	t = sub(t, r'(hal2_(?:alloc|free)_dmabuf\(hal2, &hal2->(?:dac|adc)), DMA_(?:TO|FROM)_DEVICE\)',
		'\\1)', 4)
	t = rewrite_calls(t, ["dma_alloc_noncoherent"],
			  lambda c: to_4arg_alloc(c, "DMA_ALLOC" if "desc_dma" in c["text"]
						  else "dma_alloc_noncoherent"), 2)
	t = rewrite_calls(t, ["dma_free_noncoherent"], to_4arg_free, 3)
	t = sub(t, r'dma_sync_single_for_device\(dev, codec->desc_dma,\n(\s*)count \* sizeof\(struct hal2_desc\),\n\s*DMA_BIDIRECTIONAL\);',
		'dma_cache_sync(dev, codec->desc,\n\\1count * sizeof(struct hal2_desc),\n\\1DMA_TO_DEVICE);', 1)
	t = sub(t, r'dma_sync_single_for_device\(hal2->card->dev,\n\s*hal2->dac\.buffer_dma \+ rec->hw_data, bytes,\n\s*DMA_TO_DEVICE\);',
		'dma_cache_sync(hal2->card->dev, buf, bytes, DMA_TO_DEVICE);', 1)
	t = sub(t, r'dma_sync_single_for_cpu\(hal2->card->dev,\n\s*hal2->adc\.buffer_dma \+ rec->hw_data, bytes,\n\s*DMA_FROM_DEVICE\);',
		'dma_cache_sync(hal2->card->dev, buf, bytes, DMA_FROM_DEVICE);', 1)
	return t


def ncr53c700_c(t):
	# The helpers go: every caller syncs by address with the device.
	t = sub(t, r'static inline dma_addr_t virt_to_dma\(.*?\n}\n\n'
		r'static inline void dma_sync_to_dev\(.*?\n}\n\n'
		r'static inline void dma_sync_from_dev\(.*?\n}\n\n', '', 1)

	def inline(c):
		a = c["args"]
		d = "DMA_TO_DEVICE" if c["name"] == "dma_sync_to_dev" else "DMA_FROM_DEVICE"
		h = a[0].strip()
		return call_text("dma_cache_sync", [h + "->dev", a[1], a[2], " " + d])
	t = rewrite_calls(t, ["dma_sync_to_dev", "dma_sync_from_dev"], inline, 18)
	t = sub(t, r'dma_sync_single_for_device\(hostdata->dev, pScript, sizeof\(SCRIPT\), DMA_TO_DEVICE\);',
		'dma_cache_sync(hostdata->dev, script, sizeof(SCRIPT), DMA_TO_DEVICE);', 1)
	# One allocation the platform makes coherent or not, as it sees fit.
	t = sub(t, r'memory = dma_alloc_coherent\(dev, TOTAL_MEM_SIZE, &pScript, GFP_KERNEL\);\n'
		r'\tif \(!memory\) \{\n\t\thostdata->noncoherent = 1;\n'
		r'\t\tmemory = dma_alloc_noncoherent\(dev, TOTAL_MEM_SIZE, &pScript,\n'
		r'\t\t\t\t\t DMA_BIDIRECTIONAL, GFP_KERNEL\);\n\t\}\n',
		'memory = dma_alloc_attrs(dev, TOTAL_MEM_SIZE, &pScript, GFP_KERNEL,\n'
		'\t\t\t\t DMA_ATTR_NON_CONSISTENT);\n', 1)
	t = sub(t, r'\tif \(hostdata->noncoherent\)\n\t\tdma_free_noncoherent\(hostdata->dev, TOTAL_MEM_SIZE,\n'
		r'\t\t\t\thostdata->script, hostdata->pScript,\n\t\t\t\tDMA_BIDIRECTIONAL\);\n'
		r'\telse\n\t\tdma_free_coherent\(hostdata->dev, TOTAL_MEM_SIZE,\n'
		r'\t\t\t\t  hostdata->script, hostdata->pScript\);\n',
		'\tdma_free_attrs(hostdata->dev, TOTAL_MEM_SIZE, hostdata->script,\n'
		'\t\t       hostdata->pScript, DMA_ATTR_NON_CONSISTENT);\n', 1)
	# The header macros take the device: every caller passes it.
	t = sub(t, r'(script_patch_(?:32|32_abs|16|ID)\()hostdata,', '\\1hostdata->dev,', 15)
	return t


def ncr53c700_h(t):
	t = sub(t, r'#define (script_patch_\w+)\(h, ', '#define \\1(dev, ', 4)
	t = sub(t, r'dma_sync_to_dev\(\(h\), (&\(script\)\[A_##symbol##_used\[i\]\]), 4\);',
		'dma_cache_sync((dev), \\1, 4, DMA_TO_DEVICE);', 4)
	return t


def lib82596_c(t):
	# The syncs are the includer's cache macros again.
	t = sub(t, r'#ifdef NONCOHERENT_DMA\n.*?#endif /\* NONCOHERENT_DMA \*/\n\n', '', 1)

	def macro(c):
		whole = c["args"][1].strip() == "dma"
		if c["name"] == "dma_sync_cpu":
			name = "DMA_INV"
		else:
			name = "DMA_WBACK_INV" if whole else "DMA_WBACK"
		return call_text(name, c["args"])
	return rewrite_calls(t, ["dma_sync_dev", "dma_sync_cpu"], macro, 40)


LASI_MACROS = """\
#define DMA_WBACK(ndev, addr, len) \\
	do { dma_cache_sync((ndev)->dev.parent, (void *)addr, len, DMA_TO_DEVICE); } while (0)

#define DMA_INV(ndev, addr, len) \\
	do { dma_cache_sync((ndev)->dev.parent, (void *)addr, len, DMA_FROM_DEVICE); } while (0)

#define DMA_WBACK_INV(ndev, addr, len) \\
	do { dma_cache_sync((ndev)->dev.parent, (void *)addr, len, DMA_BIDIRECTIONAL); } while (0)
"""

SNI_MACROS = """\
#define DMA_WBACK(priv, addr, len)     do { } while (0)
#define DMA_INV(priv, addr, len)       do { } while (0)
#define DMA_WBACK_INV(priv, addr, len) do { } while (0)

"""


def lasi_82596_c(t):
	t = sub(t, r'#define NONCOHERENT_DMA 1\n', LASI_MACROS, 1)
	t = rewrite_calls(t, ["dma_alloc_noncoherent"], to_attrs_alloc, 1)
	return rewrite_calls(t, ["dma_free_noncoherent"], to_attrs_free, 2)


def sni_82596_c(t):
	t = sub(t, r'(#include "lib82596\.c")', SNI_MACROS + '\\1', 1)
	t = rewrite_calls(t, ["dma_alloc_coherent"], to_attrs_alloc, 1)
	return rewrite_calls(t, ["dma_free_coherent"], to_attrs_free, 2)


def au1000_eth_c(t):
	# The attribute without any sync, and no device at all.
	t = rewrite_calls(t, ["dma_alloc_coherent"], lambda c: to_attrs_alloc(c, "NULL"), 1)
	return rewrite_calls(t, ["dma_free_coherent"], lambda c: to_attrs_free(c, "NULL"), 2)


REVERSE = {
	"drivers/net/ethernet/seeq/sgiseeq.c": sgiseeq_c,
	"drivers/scsi/sgiwd93.c": sgiwd93_c,
	"sound/mips/hal2.c": hal2_c,
	"drivers/scsi/53c700.c": ncr53c700_c,
	"drivers/scsi/53c700.h": ncr53c700_h,
	"drivers/net/ethernet/i825xx/lib82596.c": lib82596_c,
	"drivers/net/ethernet/i825xx/lasi_82596.c": lasi_82596_c,
	"drivers/net/ethernet/i825xx/sni_82596.c": sni_82596_c,
	"drivers/net/ethernet/amd/au1000_eth.c": au1000_eth_c,
}


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--src", required=True)
	ap.add_argument("--out", required=True)
	ap.add_argument("drivers", nargs="*")
	args = ap.parse_args()
	names = args.drivers or list(DRIVERS)
	bad = 0
	for name in names:
		for path in DRIVERS[name]["files"]:
			try:
				with open(os.path.join(args.src, path)) as f:
					text = f.read()
				text = REVERSE[path](text)
			except (OSError, Misfit) as e:
				sys.stderr.write("reverse.py: %s: %s: %s\n" % (name, path, e))
				bad += 1
				continue
			dst = os.path.join(args.out, path)
			os.makedirs(os.path.dirname(dst), exist_ok=True)
			with open(dst, "w") as f:
				f.write(text)
		# The rest of the unit, unchanged: the conversion reads its
		# structures.
		for path in DRIVERS[name]["also"]:
			dst = os.path.join(args.out, path)
			os.makedirs(os.path.dirname(dst), exist_ok=True)
			shutil.copyfile(os.path.join(args.src, path), dst)
	return 1 if bad else 0


if __name__ == "__main__":
	sys.exit(main())
