#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare a converted round-trip tree with Linux 6.1, site by site.

  compare.py --src LINUX_6_1 --legacy DIR --converted DIR [--tap] [DRIVER...]

For every legacy site of a driver (tests/roundtrip/expect/<driver>.json
names it by file, function or macro, call and order, and says what
upstream's 6.1 file does there), the site is found in each tree by the
same key and judged:

  agree     the same operation (for_cpu, for_device, the allocation and
            free kind) on an equivalent device and handle: the same text
            once blanks and redundant parentheses go, or a form the
            expectation lists as equivalent, with the reason
  better    the tool does what the expectation records as right where
            upstream is wrong (the reason is in docs/roundtrip.md)
  differs   anything else, with what the tool wrote

Also checked, before any comparison (the mapping): every legacy site of
the legacy tree has an expectation and every expectation a legacy site,
and the upstream site is still where and what the expectation says.

With --tap: one TAP line per driver for the mapping and one for the
agreement (TODO when the driver was converted without facts: the driver
model decides what the code alone does not prove), and "# " lines with
the figures.  Exit status 1 when the mapping is wrong.
"""
import argparse
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csrc  # noqa: E402
from drivers import DRIVERS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

KINDS = {
	"sync": ["dma_cache_sync", "dma_sync_single_for_cpu", "dma_sync_single_for_device"],
	"alloc": ["dma_alloc_attrs", "dmam_alloc_attrs", "dma_alloc_noncoherent",
		  "dma_alloc_coherent", "dmam_alloc_coherent", "dma_alloc_pages", "DMA_ALLOC"],
	"free": ["dma_free_attrs", "dma_free_noncoherent", "dma_free_coherent",
		 "dmam_free_coherent", "dma_free_pages"],
}


def kind_of(call):
	for k, names in KINDS.items():
		if call in names:
			return k
	raise KeyError(call)


def op_of(c):
	"""What a call does, in the words of the expectations."""
	n, a = c["name"], c["args"]
	if n == "dma_sync_single_for_cpu":
		return "for_cpu"
	if n == "dma_sync_single_for_device":
		return "for_device"
	if n in ("dma_alloc_noncoherent",) and len(a) == 5:
		return "alloc-noncoherent"
	if n in ("dma_alloc_coherent", "dmam_alloc_coherent"):
		return "alloc-coherent"
	if n == "dma_alloc_pages":
		return "alloc-pages"
	if n == "dma_free_noncoherent" and len(a) == 5:
		return "free-noncoherent"
	if n in ("dma_free_coherent", "dmam_free_coherent"):
		return "free-coherent"
	if n == "dma_free_pages":
		return "free-pages"
	return "left"


def dev_handle(c):
	"""The device and handle arguments of a call, as text."""
	a = [x.strip() for x in c["args"]]
	k = kind_of(c["name"])
	if k == "sync":
		return a[0], a[1] if len(a) > 1 else ""
	if k == "alloc":
		return a[0], a[2] if len(a) > 2 else ""
	return a[0], a[3] if len(a) > 3 else ""


_sources = {}


def source(root, path):
	k = (root, path)
	if k not in _sources:
		try:
			with open(os.path.join(root, path)) as f:
				_sources[k] = csrc.Source(f.read())
		except OSError:
			_sources[k] = None
	return _sources[k]


def site_at(root, file, scope, kind, nth):
	"""The nth call of a kind in a scope of a file, or None."""
	s = source(root, file)
	if s is None:
		return None
	calls = [c for c in s.calls(KINDS[kind]) if c["scope"] == scope]
	return calls[nth] if nth < len(calls) else None


def is_legacy(c):
	n, a = c["name"], c["args"]
	if n in ("dma_cache_sync", "DMA_ALLOC"):
		return True
	if n in ("dma_alloc_attrs", "dmam_alloc_attrs", "dma_free_attrs"):
		return "DMA_ATTR_NON_CONSISTENT" in a[-1]
	if n in ("dma_alloc_noncoherent", "dma_free_noncoherent"):
		return len(a) == 4
	return False


def legacy_sites(root, files):
	"""Every legacy site of the files, keyed as the expectations key them."""
	out = {}
	for f in files:
		s = source(root, f)
		seen = {}
		for kind, names in KINDS.items():
			for c in s.calls(names):
				k = (c["scope"], kind)
				nth = seen.get(k, 0)
				seen[k] = nth + 1
				if is_legacy(c):
					out[(f, c["scope"], kind, nth)] = c
	return out


def check_mapping(drv, exp, src, legacy):
	"""Problems with the mapping of a driver, as text lines."""
	probs = []
	have = legacy_sites(legacy, DRIVERS[drv]["files"])
	want = set()
	for e in exp["sites"]:
		L, U = e["legacy"], e["upstream"]
		k = (L["file"], L["scope"], kind_of(L["call"]), L["nth"])
		want.add(k)
		if k not in have:
			probs.append("no legacy site %s %s %s #%d" % k)
		elif have[k]["name"] != L["call"]:
			probs.append("legacy site %s %s #%d is %s, not %s"
				     % (k[0], k[1], k[3], have[k]["name"], L["call"]))
		us = source(src, U["file"])
		ok = us is not None and any(
			c["line"] == U["line"] and c["name"] == U["call"]
			for c in us.calls([U["call"]]))
		if not ok:
			probs.append("upstream %s:%d is no longer a call of %s (another 6.1 release?)"
				     % (U["file"], U["line"], U["call"]))
	for k in sorted(set(have) - want, key=str):
		probs.append("legacy site without expectation: %s %s %s #%d" % k)
	return probs


# A call NAME(holder, pointer) that computes a handle from a CPU pointer:
# the driver's own translator or one the conversion generated.
TRANSLATOR = re.compile(r'^(\w+)\((.*)\)$')
TRANSLATOR_NAMES = re.compile(r'(^virt_to_dma$|^VIRT_TO_DMA$|_to_dma$)')


def strip_void_cast(e):
	return re.sub(r'^\(\s*(const\s+)?(volatile\s+)?void\s*\*\s*\)', '', e.strip())


def strip_holder_cast(e):
	"""The holder without a cast to its own struct type: inside a macro
	the holder of netdev_priv(ndev) is written ((struct x *)netdev_priv(ndev)),
	where a function has a typed local for it (the same object)."""
	e = e.strip()
	while True:
		m = re.match(r'^\(\s*\(\s*struct\s*\w+\s*\*\s*\)\s*(.*)\)$', e)
		if not m:
			m = re.match(r'^\(\s*struct\s*\w+\s*\*\s*\)\s*(.*)$', e)
		if not m:
			return e
		e = m.group(1).strip()


def translated(e):
	"""(holder, pointer) of a translator call, or None."""
	m = TRANSLATOR.match(csrc.norm(e))
	if not m or not TRANSLATOR_NAMES.search(m.group(1)):
		return None
	b = csrc.blank(m.group(2))
	args = [a for _, a in csrc.split_args(m.group(2), b, 0, len(b))]
	if len(args) != 2:
		return None
	return csrc.norm(strip_holder_cast(args[0])), csrc.norm(strip_void_cast(args[1]))


def same(a, b):
	"""Equivalent device or handle texts: equal once normalised, or two
	translators of the same pointer through the same holder."""
	if csrc.norm(a) == csrc.norm(b):
		return True
	ta, tb = translated(a), translated(b)
	return ta is not None and ta == tb


def judge(e, c):
	"""(verdict, detail) of the converted site c against expectation e."""
	x = e["expect"]
	if c is None:
		return "differs", "the site is gone from the converted file"
	op = op_of(c)
	dev, handle = dev_handle(c)
	got = "%s(%s, %s)" % (op, dev, handle)
	ok_dev = same(dev, x["dev"]) or any(same(dev, d) for d in x.get("dev_equiv", []))
	ok_handle = x["op"].startswith(("alloc", "free")) or same(handle, x["handle"]) or \
		any(same(handle, h) for h in x.get("handle_equiv", []))
	if op == x["op"] and ok_dev and ok_handle:
		return "agree", got
	for b in e.get("better", []):
		if op == b["op"] and ("handle" not in b or same(handle, b["handle"])):
			return "better", got
	return "differs", got


def compare_driver(drv, exp, converted):
	res = []
	for e in exp["sites"]:
		L = e["legacy"]
		c = site_at(converted, L["file"], L["scope"], kind_of(L["call"]), L["nth"])
		v, got = judge(e, c)
		res.append((e, v, got))
	return res


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--src", required=True)
	ap.add_argument("--legacy", required=True)
	ap.add_argument("--converted")
	ap.add_argument("--with-facts", default="", help="drivers converted with facts (comma list)")
	ap.add_argument("--tap", action="store_true")
	ap.add_argument("--report", help="write every site's verdict here (JSON)")
	ap.add_argument("drivers", nargs="*")
	args = ap.parse_args()
	names = args.drivers or list(DRIVERS)
	with_facts = set(x for x in args.with_facts.split(",") if x)
	bad_map = 0
	total = agree = better = differs = 0
	report = {}
	for drv in names:
		with open(os.path.join(HERE, "expect", drv + ".json")) as f:
			exp = json.load(f)
		probs = check_mapping(drv, exp, args.src, args.legacy)
		n = len(exp["sites"])
		if args.tap:
			print("%s - %s: the %d legacy sites map onto their 6.1 sites"
			      % ("not ok" if probs else "ok", drv, n))
			for p in probs:
				print("#   " + p)
		bad_map += bool(probs)
		if not args.converted:
			continue
		res = compare_driver(drv, exp, args.converted)
		differs += sum(1 for r in res if r[1] == "differs")
		a = sum(1 for r in res if r[1] == "agree")
		b = sum(1 for r in res if r[1] == "better")
		total, agree, better = total + n, agree + a, better + b
		report[drv] = [dict(legacy=e["legacy"], upstream=e["upstream"]["line"],
				    verdict=v, got=got) for e, v, got in res]
		if args.tap:
			line = "%s: %d/%d sites agree with 6.1, %d do better" % (drv, a, n, b)
			if a + b == n:
				print("ok - " + line)
			elif drv in with_facts:
				print("not ok - " + line)
			else:
				print("not ok - %s # TODO converted without the driver model's facts" % line)
			for e, v, got in res:
				if v == "differs":
					L = e["legacy"]
					print("#   %s %s #%d (6.1 line %d): got %s, 6.1 has %s(%s, %s)"
					      % (L["file"], L["scope"], L["nth"], e["upstream"]["line"], got,
						 e["expect"]["op"], e["expect"]["dev"], e["expect"]["handle"]))
	if args.converted and total:
		print("# round trip: %d sites, %d agree with 6.1 (%.1f%%), %d more where the tool "
		      "does better than 6.1 (%.1f%% together)"
		      % (total, agree, 100.0 * agree / total, better,
			 100.0 * (agree + better) / total))
		if args.tap:
			share = 100.0 * (agree + better) / total
			line = ("round trip: %.1f%% of the %d sites agree with 6.1 or do better "
				"(>= 95%%), every difference explained" % (share, total))
			if agree + better == total or share >= 95.0 and not differs:
				print("ok - " + line)
			elif set(names) - with_facts:
				print("not ok - %s # TODO %s converted without the driver model's facts"
				      % (line, ", ".join(sorted(set(names) - with_facts))))
			else:
				print("not ok - " + line)
	if args.report:
		with open(args.report, "w") as f:
			json.dump(report, f, indent=1)
	return 1 if bad_map else 0


if __name__ == "__main__":
	sys.exit(main())
