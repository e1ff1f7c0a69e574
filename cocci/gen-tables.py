#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the generated parts of the semantic patches.

A semantic patch must stay one standalone file (make coccicheck reads
nothing else), but some of what it knows is written once elsewhere:

  mmio       the calls that start a device, from checker/api/mmio.def,
             as the SmPL regex of the position rules;
  keywords   the removed API the patches convert, from the ERA_OLD lines
             of checker/api/dma_api.def and the names of
             checker/api/removed.def, as the // Keywords: line;
  facts      the facts file reader, from cocci/facts.py, into each
             patch's @initialize:python@.

Each part sits between a line "<comment> BEGIN generated <tag> ..." and a
line "<comment> END generated <tag>" and is replaced whole.

  cocci/gen-tables.py           rewrite the patches in place
  cocci/gen-tables.py --check   exit 1 and show the difference when a
                                patch is not what the sources give
"""
import argparse
import difflib
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATCHES = ["cocci/dma_cache_sync.cocci", "cocci/non_consistent_attr.cocci"]

BLOCK = re.compile(r'^(?P<c>//|#) BEGIN generated (?P<tag>\w+)[^\n]*\n'
		   r'.*?^(?P=c) END generated (?P=tag)\n', re.S | re.M)


def read(rel):
	with open(os.path.join(TOP, rel)) as f:
		return f.read()


def def_entries(rel, macro):
	"""The argument lists of every MACRO(...) of a .def table, comments
	left out."""
	text = re.sub(r'/\*.*?\*/', '', read(rel), flags=re.S)
	return [[a.strip() for a in m.group(1).split(",")]
		for m in re.finditer(r'\b%s\(([^)]*)\)' % macro, text)]


def mmio_regex():
	names = [e[0] for e in def_entries("checker/api/mmio.def", "KICK")]
	if not names:
		sys.exit("gen-tables: no KICK() line in checker/api/mmio.def")
	return "^(%s)$" % "|".join(sorted(set(names)))


def removed_names():
	"""The removed names that are not calls (the attribute): the
	REMOVED() lines of checker/api/removed.def, which dmaconv's keyword
	filter reads too."""
	names = [e[0] for e in def_entries("checker/api/removed.def", "REMOVED")]
	if not names:
		sys.exit("gen-tables: no REMOVED() line in checker/api/removed.def")
	return names


def removed_api():
	names = []
	for e in def_entries("checker/api/dma_api.def", "API"):
		# legacy-dma.h's __dmaconv_ names exist only after
		# preprocessing, which spatch never sees: not a keyword.
		if e[0].startswith("__dmaconv_"):
			continue
		if e[-1] == "ERA_OLD" and e[0] not in names:
			names.append(e[0])
	if not names:
		sys.exit("gen-tables: no ERA_OLD line in checker/api/dma_api.def")
	return names


def body(tag, indent):
	if tag == "mmio":
		return ['%sidentifier mmio =~ "%s";' % (indent, mmio_regex())]
	if tag == "keywords":
		return ["// Keywords: " + ", ".join(removed_api() + removed_names())]
	if tag == "facts":
		src = read("cocci/facts.py").split("\n")
		# the source's own header says how to edit it; keep the code.
		while src and (src[0].startswith("#") or not src[0].strip()):
			src.pop(0)
		return [l for l in src]
	sys.exit("gen-tables: unknown generated block '%s'" % tag)


SOURCES = {"mmio": "checker/api/mmio.def", "keywords": "checker/api/dma_api.def",
	   "facts": "cocci/facts.py"}


def regenerate(text):
	def repl(m):
		c, tag = m.group("c"), m.group("tag")
		lines = body(tag, "")
		while lines and not lines[-1].strip():
			lines.pop()
		return ("%s BEGIN generated %s from %s by cocci/gen-tables.py: do not edit\n"
			"%s\n%s END generated %s\n"
			% (c, tag, SOURCES[tag], "\n".join(lines), c, tag))
	return BLOCK.sub(repl, text)


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--check", action="store_true")
	args = ap.parse_args()
	stale = 0
	for rel in PATCHES:
		old = read(rel)
		new = regenerate(old)
		if not BLOCK.search(old):
			sys.exit("gen-tables: %s has no generated block" % rel)
		if old == new:
			continue
		if args.check:
			stale += 1
			sys.stdout.writelines(difflib.unified_diff(
				old.splitlines(True), new.splitlines(True),
				"a/" + rel, "b/" + rel))
		else:
			with open(os.path.join(TOP, rel), "w") as f:
				f.write(new)
			print("gen-tables: rewrote %s" % rel)
	if stale:
		print("gen-tables: %d patch(es) out of date: run cocci/gen-tables.py" % stale)
	return 1 if stale else 0


if __name__ == "__main__":
	sys.exit(main())
