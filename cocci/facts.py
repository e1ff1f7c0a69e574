# SPDX-License-Identifier: GPL-2.0
#
# The facts file reader both semantic patches share.  This file is the
# source: cocci/gen-tables.py pastes it into the @initialize:python@
# of each patch between marker comments, so that a patch stays one
# standalone file for `make coccicheck` users.  Edit it here, then run
# cocci/gen-tables.py.
#
# facts.json (docs/design/driver-model.md, section 3; what the patches
# read is listed in docs/cocci/facts.md) names every legacy site by the
# position of its call: file, 1-based line, 0-based column.  The patches
# of the series run one after the other on the same files, so a patch
# may see a site moved down by what an earlier patch added (a helper, a
# declaration).  A site is therefore found by its exact position, or else
# as the k-th call of that name in the same function or macro, when the
# facts and the file agree on how many there are.
import json
import os
import re

FACTS = None
# The scope of a site inside a #define, as "define NAME".
MACRO_SCOPE = "define "
# (Written so because the SmPL reader of spatch takes a backslash before
# a closing quote for an escaped quote, and a hash sign for a comment.)
BACKSLASH = chr(92)


class FactsError(Exception):
	pass


def facts_load(path):
	"""Reads a facts file; a wrong or unreadable one stops spatch."""
	global FACTS
	try:
		with open(path) as f:
			data = json.load(f)
	except (OSError, ValueError) as e:
		raise FactsError("cannot read facts file %s: %s" % (path, e))
	if data.get("dmaconv_facts") != 1:
		raise FactsError("%s: not a version 1 facts file "
				 "(\"dmaconv_facts\": 1)" % path)
	FACTS = Facts(data)
	return FACTS


def _norm(path):
	return os.path.normpath(os.path.realpath(path))


def same_file(a, b):
	"""Whether two spellings name one file: the same real path, or one
	path ends with the other (facts written from another folder)."""
	if a == b:
		return True
	na, nb = _norm(a), _norm(b)
	if na == nb:
		return True
	sa, sb = os.path.normpath(a), os.path.normpath(b)
	return na.endswith(os.sep + sb) or nb.endswith(os.sep + sa)


_define_cache = {}


def _defines(path):
	"""The #define spans of a file: (name, params text, first line, last
	line), lines 1-based, continuation lines included."""
	if path in _define_cache:
		return _define_cache[path]
	spans = []
	try:
		with open(path, errors="replace") as f:
			lines = f.read().split("\n")
	except OSError:
		lines = []
	i = 0
	while i < len(lines):
		m = re.match(r'\s*\x23\s*define\s+(\w+)(\(([^)]*)\))?', lines[i])
		first = i
		while lines[i].rstrip().endswith(BACKSLASH) and i + 1 < len(lines):
			i += 1
		if m:
			spans.append((m.group(1), m.group(3), first + 1, i + 1))
		i += 1
	_define_cache[path] = spans
	return spans


def define_at(path, line):
	"""The #define a line lies in, as (name, params, first, last), or None."""
	for d in _defines(path):
		if d[2] <= line <= d[3]:
			return d
	return None


def define_named(path, name):
	return [d for d in _defines(path) if d[0] == name]


def scope_of(p):
	"""The function or macro a spatch position lies in."""
	el = p.current_element
	if el and el != "something_else":
		return el
	d = define_at(p.file, int(p.line))
	return MACRO_SCOPE + d[0] if d else el


def fact_scope(s):
	if s.get("macro"):
		return MACRO_SCOPE + s["macro"]
	return s.get("function")


class Facts:
	def __init__(self, data):
		self.data = data
		self.unit = data.get("unit", "?")
		self.complete = data.get("complete", True)
		self.sites = data.get("sites", [])
		self.allocs = dict((a.get("id"), a) for a in data.get("allocations", []))
		self.helpers = data.get("helpers", [])
		self.macros = data.get("macros", [])
		# calls spatch saw: (file, call, scope) -> [(line, col)]
		self.seen = {}

	def note(self, p, call):
		"""Records a call spatch matched, for the by-order lookup."""
		k = (p.file, call, scope_of(p))
		pos = (int(p.line), int(p.column))
		lst = self.seen.setdefault(k, [])
		if pos not in lst:
			lst.append(pos)
			lst.sort()

	def _exact(self, p, call):
		line, col = int(p.line), int(p.column)
		for s in self.sites:
			if s.get("call") == call and int(s.get("line", -1)) == line and \
			   int(s.get("column", -1)) == col and same_file(s.get("file", ""), p.file):
				return s
		return None

	def _by_order(self, p, call):
		scope = scope_of(p)
		mine = self.seen.get((p.file, call, scope), [])
		pos = (int(p.line), int(p.column))
		if pos not in mine:
			return None
		theirs = sorted((s for s in self.sites
				 if s.get("call") == call and fact_scope(s) == scope and
				 same_file(s.get("file", ""), p.file)),
				key=lambda s: (int(s.get("line", 0)), int(s.get("column", 0))))
		if len(theirs) != len(mine):
			return None
		return theirs[mine.index(pos)]

	def site(self, p, call):
		"""The fact for the call at p, or None when the facts do not
		describe it (stale facts, or a file of another unit)."""
		return self._exact(p, call) or self._by_order(p, call)

	def alloc(self, s):
		return self.allocs.get(s.get("alloc"))

	def helpers_after(self, struct, path):
		return [h for h in self.helpers
			if h.get("after") == struct and same_file(h.get("file", ""), path)]

	def macros_in(self, path):
		return [m for m in self.macros if same_file(m.get("file", ""), path)]


# A generated helper is pasted through a fixed SmPL template: one
# static inline function of two parameters returning one expression.
HELPER_SHAPE = re.compile(
	r'^\s*static\s+inline\s+(?P<rt>[\w\s]+?\**)\s*\b(?P<name>\w+)\s*\('
	r'(?P<t1>[^,()]+?)\b(?P<a1>\w+)\s*,(?P<t2>[^,()]+?)\b(?P<a2>\w+)\s*\)\s*'
	r'\{\s*return\s+(?P<e>.*?);\s*\}\s*$', re.S)


def helper_parts(text):
	"""(return type, name, type1, param1, type2, param2, expression) of the
	text of a helper, or None when it is not of the shape the patch adds."""
	m = HELPER_SHAPE.match(text)
	if not m:
		return None
	g = m.groupdict()
	return tuple(" ".join(g[k].split()) for k in
		     ("rt", "name", "t1", "a1", "t2", "a2", "e"))


def fact_why(s):
	"""The reason a fact gives for leaving a site, with its category."""
	why = s.get("why") or "the driver model could not decide this site"
	cat = s.get("category")
	return "%s [%s]" % (why, cat) if cat else why


def fact_doubt(s):
	"""What a human must check at a site the facts convert, or None."""
	doubts = []
	if s.get("doubt"):
		doubts.append(s["doubt"])
	if s.get("complete") is False or (FACTS and FACTS.complete is False):
		doubts.append("decided on an incomplete parse of the driver")
	return "; ".join(doubts) or None
