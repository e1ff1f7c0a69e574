// SPDX-License-Identifier: GPL-2.0
///
/// Replace allocations with DMA_ATTR_NON_CONSISTENT (removed in Linux 5.10)
/// and the 4-argument dma_alloc_noncoherent()/dma_free_noncoherent() by the
/// 5.10 API.  A buffer that is synced somewhere in the file becomes
/// dma_alloc_noncoherent(dev, size, &handle, dir, gfp) (direction before
/// gfp), or dma_alloc_pages() where the driver takes virt_to_page() of the
/// allocation; its free becomes dma_free_noncoherent()/dma_free_pages()
/// with the same direction.  A buffer that is never synced becomes
/// dma_alloc_coherent()/dmam_alloc_coherent(): the driver wanted coherent
/// memory.  DMA_ATTR_NO_WARN becomes __GFP_NOWARN; an attribute kept in a
/// variable is followed to its assignment, which is removed.
///
/// The direction is the one every converted sync of the buffer uses
/// (DMA_BIDIRECTIONAL unless dma_cache_sync.cocci narrowed them with
/// -D narrow).  Sites left alone (other attributes, a device-managed
/// buffer that is synced, an attribute whose value is unknown) are
/// reported.
///
/// With -D facts=FILE (the driver model's facts.json) each allocation,
/// free and mapping call takes the model's decision by position instead:
/// the function (dma_alloc_noncoherent, dma_alloc_coherent,
/// dmam_alloc_coherent, dma_alloc_pages and their frees), the device (the
/// real one where the source passes NULL), the direction; and the
/// attribute is dropped from dma_map_*_attrs() calls, where it did
/// nothing.
///
// Confidence: High
// Copyright: (C) 2026 The dmaconv authors
// Options: --no-includes --include-headers
// Requires: 1.1.1
// BEGIN generated keywords from checker/api/dma_api.def by cocci/gen-tables.py: do not edit
// Keywords: dma_alloc_noncoherent, dma_free_noncoherent, dma_cache_sync, DMA_ATTR_NON_CONSISTENT
// END generated keywords
//

virtual patch
virtual context
virtual org
virtual report
virtual narrow

@initialize:python@
@@
import re
import sys

# BEGIN generated facts from cocci/facts.py by cocci/gen-tables.py: do not edit
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
# END generated facts

RULE = "non_consistent_attr"
NC = "DMA_ATTR_NON_CONSISTENT"
NOWARN = "DMA_ATTR_NO_WARN"

narrow_on = False


def reset():
	"""spatch applies every rule to one file (or one file and the headers
	it includes) before the next: the state lives that long."""
	global holders, allocs, frees, synced, legacy_syncs, attr_uses, holder_spans
	holders = {}		# attribute variable -> "nc", "nowarn", "other", "unknown"
	allocs = {}		# position key -> allocation site
	frees = {}		# position key -> free site
	synced = {}		# buffer key -> directions of its syncs
	legacy_syncs = []	# names in each dma_cache_sync() address
	attr_uses = []		# positions of DMA_ATTR_NON_CONSISTENT
	holder_spans = []	# (attribute variable, span of its assignment)

def note_holder(a, e):
	"""Follow an attribute kept in a variable to its one value."""
	name = a.strip()
	words = set(re.findall(r'\w+', e))
	if NC in words:
		kind = "nowarn" if NOWARN in words else "nc"
		if words - set([NC, NOWARN]):
			kind = "other"
	elif name in holders:
		kind = "unknown"
	else:
		return
	old = holders.get(name)
	holders[name] = kind if old in (None, kind) else "unknown"

def key(p):
	"""A site: spatch's file, line and column of the call."""
	return (p[0].file, int(p[0].line), int(p[0].column))

def buf_key(e):
	"""A buffer is named by its handle: the last field, or the variable."""
	return vaddr_key(re.sub(r'^&\s*', '', e.strip()))

def vaddr_key(e):
	"""The CPU address a buffer is kept in: the last field, or the text."""
	m = re.search(r'(?:->|\.)\s*(\w+)\s*$', e.strip())
	return m.group(1) if m else e.strip()

def attr_kind(a):
	"""nc, nowarn, other (NON_CONSISTENT with more), none, or unknown."""
	words = set(re.findall(r'\w+', a))
	if a.strip() in holders:
		return holders[a.strip()]
	if NC not in words:
		if re.match(r'^[\w>.-]+$', a.replace(" ", "")) and not a.strip().isdigit() \
		   and not a.strip().startswith("DMA_ATTR_"):
			return "unknown"
		return "none"
	rest = words - set([NC])
	if not rest:
		return "nc"
	if rest == set([NOWARN]) and "|" in a:
		return "nowarn"
	return "other"

def is_synced(bk, vk, handle=""):
	"""Without the handle's lvalue the buffer cannot be followed: keep
	it non-coherent, as the legacy allocation was."""
	if legacy_syncs or (handle and not handle.lstrip().startswith("&")):
		return True
	return bk in synced or ("v:" + vk) in synced

def legacy_attributable():
	"""Every legacy sync names the CPU field of an allocation here."""
	vaddrs = set(s["vaddr"] for s in allocs.values() if s["vaddr"])
	return all(set(names) & vaddrs for names in legacy_syncs)

def direction(bk, vk):
	"""The buffer's direction: the one all its syncs use, if they agree
	(converted syncs always; legacy ones with -D narrow)."""
	dirs = set(synced.get(bk, set()))
	if dirs:
		if len(dirs) == 1 and list(dirs)[0] in ("DMA_TO_DEVICE", "DMA_FROM_DEVICE"):
			return list(dirs)[0]
		return "DMA_BIDIRECTIONAL"
	legacy = set(synced.get("v:" + vk, set()))
	if narrow_on and vk and legacy_attributable() and len(legacy) == 1 and \
	   list(legacy)[0] in ("DMA_TO_DEVICE", "DMA_FROM_DEVICE"):
		return list(legacy)[0]
	return "DMA_BIDIRECTIONAL"

def decide_alloc(k):
	"""Returns (action, direction, doubt); action None = unconverted."""
	s = allocs[k]
	if "action" in s:
		return s["action"], s["dir"], s["doubt"]
	if FACTS is not None:
		s["action"], s["dir"], s["doubt"] = fact_decision(s, "alloc")
		return s["action"], s["dir"], s["doubt"]
	kind = s["kind"]
	act, doubt = None, None
	d = direction(s["buf"], s["vaddr"])
	if kind == "other":
		doubt = ("attributes other than DMA_ATTR_NO_WARN have no "
			 "dma_alloc_noncoherent() equivalent; convert by hand")
	elif kind in ("nc", "nowarn") and s.get("dev", "").strip() in ("NULL", "0"):
		doubt = ("the allocation passes a NULL device, which the 5.10 "
			 "allocators do not take: pass the device (the driver "
			 "model's facts name it: -D facts=FILE)")
	elif kind in ("nc", "nowarn"):
		sync = is_synced(s["buf"], s["vaddr"], s["handle"])
		if s["fn"] == "dmam_alloc_attrs" and sync:
			doubt = ("a device-managed buffer that is synced: there is no "
				 "dmam_ variant of dma_alloc_noncoherent(); use it with "
				 "devm_add_action_or_reset()")
		elif s["pages"]:
			act = "pages"
		elif not sync:
			act = "dmam_coherent" if s["fn"] == "dmam_alloc_attrs" else "coherent"
		else:
			act = "noncoherent"
		if act and kind == "nowarn":
			act += "_nowarn"
	s["action"], s["dir"], s["doubt"] = act, d, doubt
	return act, d, doubt

def buffer_action(bk):
	"""The decisions taken for the allocations of a buffer (no _nowarn)."""
	acts = set()
	for k, s in allocs.items():
		if s["buf"] == bk and s["kind"] in ("nc", "nowarn", "other"):
			a = decide_alloc(k)[0]
			acts.add(a.replace("_nowarn", "") if a else None)
	return acts

def decide_free(k):
	"""A free follows the decision taken for its buffer's allocation."""
	s = frees[k]
	if "action" in s:
		return s["action"], s["dir"], s["doubt"]
	if FACTS is not None:
		s["action"], s["dir"], s["doubt"] = fact_decision(s, "free")
		return s["action"], s["dir"], s["doubt"]
	act, doubt = None, None
	d = direction(s["buf"], s["vaddr"])
	if s["kind"] in ("nc", "nowarn"):
		acts = buffer_action(s["buf"])
		if len(acts) == 1:
			a = acts.pop()
			if a is None:
				doubt = "its allocation is not converted"
			elif a in ("coherent", "dmam_coherent"):
				act = "coherent"
			elif a == "pages":
				act = "pages" if s["page"] else None
				if not act:
					doubt = "the buffer comes from dma_alloc_pages() but is freed by address"
			else:
				act = "noncoherent"
		elif not acts:
			doubt = ("no allocation of this buffer in the file: convert with "
				 "the allocation's function and direction")
		else:
			doubt = "the buffer is allocated in more than one way"
	elif s["kind"] == "other":
		doubt = "attributes other than DMA_ATTR_NO_WARN; convert by hand"
	s["action"], s["dir"], s["doubt"] = act, d, doubt
	return act, d, doubt

def buffer_is(h, act):
	"""Every allocation of the buffer with handle h was decided act
	(without facts: with facts, every call is decided by position)."""
	if FACTS is not None:
		return False
	acts = buffer_action(buf_key(h))
	return acts == set([act])

def buffer_dir(h):
	"""The direction for the allocation or free of the buffer of handle h."""
	bk = buf_key(h)
	for k, s in allocs.items():
		if s["buf"] == bk:
			return decide_alloc(k)[1]
	vk = [f["vaddr"] for f in frees.values() if f["buf"] == bk]
	return direction(bk, vk[0] if vk else "")

def free_action(h):
	"""The decision for the frees of the buffer of handle h, if one."""
	if FACTS is not None:
		return None
	bk = buf_key(h)
	acts = set(decide_free(k)[0] for k, f in frees.items() if f["buf"] == bk)
	return acts.pop() if len(acts) == 1 else None

def holder_done(a):
	"""The holder can go when every call that reads it is converted."""
	a = a.strip()
	uses = [decide_alloc(k)[0] for k, s in allocs.items() if s["attrs"] == a]
	uses += [decide_free(k)[0] for k, s in frees.items() if s["attrs"] == a]
	return bool(uses) and all(uses)

emit = None

# The new call each legacy form becomes, by the "fn" of its fact.
NEW_ALLOC = {"dma_alloc_noncoherent": "noncoherent", "dma_alloc_coherent": "coherent",
	     "dmam_alloc_coherent": "dmam_coherent", "dma_alloc_pages": "pages"}
NEW_FREE = {"dma_free_noncoherent": "noncoherent", "dma_free_coherent": "coherent",
	    "dmam_free_coherent": "coherent", "dma_free_pages": "pages"}


def src_text(q):
	"""The source text a position spans, blanks collapsed."""
	if not q:
		return ""
	q = q[0]
	try:
		with open(q.file, errors="replace") as f:
			lines = f.read().split("\n")
	except OSError:
		return ""
	l0, c0, l1, c1 = int(q.line), int(q.column), int(q.line_end), int(q.column_end)
	if l0 == l1:
		t = lines[l0 - 1][c0:c1]
	else:
		t = "\n".join([lines[l0 - 1][c0:]] + lines[l0:l1 - 1] + [lines[l1 - 1][:c1]])
	return " ".join(t.split())

def head_text(q, last):
	"""The source text from q up to the start of the position last."""
	try:
		with open(q.file, errors="replace") as f:
			lines = f.read().split("\n")
	except OSError:
		return ""
	l0, c0, l1, c1 = int(q.line), int(q.column), int(last.line), int(last.column)
	if l0 == l1:
		return lines[l0 - 1][c0:c1]
	return "\n".join([lines[l0 - 1][c0:]] + lines[l0:l1 - 1] + [lines[l1 - 1][:c1]])

def line_at(q):
	try:
		with open(q.file, errors="replace") as f:
			return f.read().split("\n")[int(q.line) - 1]
	except (OSError, IndexError):
		return ""

def wrap_call(q, name, args):
	"""name(args) in kernel style: broken after commas at 80 columns,
	continuation lines aligned on the opening parenthesis."""
	start = len(line_at(q)[:int(q.column)].expandtabs(8))
	col = start + len(name) + 1
	indent = "\t" * int(col / 8) + " " * (col % 8)
	out, cur = name + "(", start + len(name) + 1
	for i, a in enumerate(args):
		piece = a + (", " if i < len(args) - 1 else ")")
		if i and cur + len(piece.rstrip()) > 80:
			out = out.rstrip() + "\n" + indent
			cur = col
		out += piece
		cur += len(piece)
	return out

def fact_call_name(p):
	"""The legacy call at p, from the text at the position."""
	m = re.match(r'\s*(\w+)', line_at(p[0])[int(p[0].column):])
	return m.group(1) if m else ""

def fact_changes(p):
	"""Whether the facts change the call at p (alloc, free, drop-attr)."""
	if FACTS is None:
		return False
	call = fact_call_name(p)
	s = FACTS.site(p[0], call)
	if s is None:
		return False
	act = s.get("action")
	if act == "drop-attr":
		return True
	if act not in ("alloc", "free"):
		return False
	calls = allocs if act == "alloc" else frees
	k = key(p)
	if k not in calls or calls[k]["kind"] not in ("nc", "nowarn"):
		return False
	return (decide_alloc if act == "alloc" else decide_free)(k)[0] is not None

def new_call(p, p0, p1, p2, p3, p4):
	"""The whole new call for a legacy call the facts change."""
	call = fact_call_name(p)
	s = FACTS.site(p[0], call)
	act = s.get("action")
	a = [src_text(x) for x in (p0, p1, p2, p3)]
	attrs = src_text(p4) if NC in src_text(p4) else ""
	if act == "drop-attr":
		# The call as written up to its last argument, which loses the
		# attribute.
		return head_text(p[0], p4[0]) + without_attr(attrs) + ")"
	k = key(p)
	kind = (decide_alloc if act == "alloc" else decide_free)(k)[0].replace("_nowarn", "")
	fn = fact_fn(s, act, call)
	dev = s.get("dev") or a[0]
	nd = s.get("dir") or "DMA_BIDIRECTIONAL"
	if act == "alloc":
		g = a[3]
		if attrs and attr_kind(attrs) == "nowarn":
			g += " | __GFP_NOWARN"
		if kind in ("noncoherent", "pages"):
			args = [dev, a[1], a[2], nd, g]
		else:
			args = [dev, a[1], a[2], g]
	else:
		if kind == "pages":
			m = re.match(r'^page_address\s*\((.*)\)$', a[2])
			a[2] = m.group(1) if m else a[2]
		if kind in ("noncoherent", "pages"):
			args = [dev, a[1], a[2], a[3], nd]
		else:
			args = [dev, a[1], a[2], a[3]]
	return wrap_call(p[0], fn, args)

def fact_of(p, call):
	return FACTS.site(p, call) if FACTS is not None else None

def fact_fn(s, action, legacy):
	"""The new function of an alloc or free fact: its "fn", or the
	allocation's coherent flag."""
	if s.get("fn"):
		return s["fn"]
	a = FACTS.alloc(s) or {}
	if "coherent" not in a:
		return None
	if action == "alloc":
		if a["coherent"]:
			return "dmam_alloc_coherent" if legacy == "dmam_alloc_attrs" \
				else "dma_alloc_coherent"
		return "dma_alloc_noncoherent"
	return "dma_free_coherent" if a["coherent"] else "dma_free_noncoherent"

def fact_decision(s, action):
	"""(kind, direction, doubt) of an allocation or free from the facts."""
	f = FACTS.site(s["loc"], s["fn"])
	if f is None:
		return None, None, ("the facts file (unit %s) does not describe this "
				    "site; regenerate it from this tree" % FACTS.unit)
	if f.get("action") == "leave":
		return None, None, fact_why(f)
	if f.get("action") != action:
		return None, None, "the facts give action '%s' here" % f.get("action")
	if s["kind"] == "other":
		return None, None, ("attributes other than DMA_ATTR_NO_WARN have no "
				    "dma_alloc_noncoherent() equivalent; convert by hand")
	table = NEW_ALLOC if action == "alloc" else NEW_FREE
	kind = table.get(fact_fn(f, action, s["fn"]))
	if kind is None:
		return None, None, "the fact for this site names no new function"
	return kind, f.get("dir") or "DMA_BIDIRECTIONAL", None

def fact_new(p, call, action, shape):
	"""Whether the fact for the call at p converts it, into the shape
	(5 arguments: noncoherent or pages; 4: coherent)."""
	s = fact_of(p[0], call)
	if s is None or s.get("action") != action:
		return False
	if action in ("alloc", "free"):
		k = key(p)
		calls = allocs if action == "alloc" else frees
		if k not in calls or calls[k]["kind"] not in ("nc", "nowarn"):
			return False
		kind = (decide_alloc if action == "alloc" else decide_free)(k)[0]
		if kind is None:
			return False
		kind = kind.replace("_nowarn", "")
		return kind in shape
	return True

def fact_text(p, call, field, default):
	"""A fact's text for the call at p, printed as spatch would."""
	s = fact_of(p[0], call) or {}
	return s.get(field) or pretty_text(default)

def fact_newfn(p, call, action):
	s = fact_of(p[0], call)
	return fact_fn(s, action, call)

def gfp_text(G, A):
	g = pretty_text(G)
	return g + " | __GFP_NOWARN" if attr_kind(A) == "nowarn" else g

def without_attr(a):
	"""An attributes expression without DMA_ATTR_NON_CONSISTENT."""
	rest = [t.strip() for t in pretty_text(a).strip("()").split("|")
		if t.strip() != NC]
	return " | ".join(rest) or "0"

def pretty_text(e):
	e = re.sub(r'\s*(->|\.)\s*', r'\1', e)
	e = re.sub(r'([(\[&*!~])\s+', r'\1', e)
	return re.sub(r'\s+([)\]])', r'\1', e).strip()

def span(p, pc):
	"""From the start of p to the end of pc: a call's name to its closing
	parenthesis, or an assignment's left side to its value."""
	return (int(p[0].line), int(p[0].column), int(pc[0].line_end),
		int(pc[0].column_end))

def note_call(calls, p, pc, fn, H, V, A, kind, **more):
	"""Records an allocation or free site (in allocs or frees) once."""
	k = key(p)
	if k not in calls:
		calls[k] = dict(fn=fn, buf=buf_key(H), vaddr=vaddr_key(V) if V else "",
				attrs=A.strip(), kind=kind, key=k, loc=p[0],
				span=span(p, pc), **more)

def inside(loc, sp):
	"""Whether a reported position lies within a call's span."""
	pos = (int(loc.line), int(loc.column))
	return (sp[0], sp[1]) <= pos <= (sp[2], sp[3])

def site_doubt(s, decide):
	"""(decision, reason) of a site; a legacy site left gets a reason."""
	act, d, doubt = decide(s["key"])
	if act is None and doubt is None and s["kind"] in ("nc", "nowarn", "other"):
		doubt = "not converted"
	return act, doubt

def unconverted():
	"""Every legacy site patch mode leaves, with its reason."""
	out = []
	for calls, decide in ((allocs, decide_alloc), (frees, decide_free)):
		for s in calls.values():
			act, doubt = site_doubt(s, decide)
			if act is None and doubt:
				out.append((s["loc"], "%s() not converted: %s" % (s["fn"], doubt)))
	spans = [s["span"] for s in list(allocs.values()) + list(frees.values())]
	for loc in attr_uses:
		if any(inside(loc, sp) for sp in spans):
			continue
		if any(inside(loc, sp) and holder_done(h) for h, sp in holder_spans):
			continue
		out.append((loc, "DMA_ATTR_NON_CONSISTENT outside an allocation or "
			    "free this rule converts; remove it by hand"))
	out.extend(aliases())
	out.sort(key=lambda x: (x[0].file, int(x[0].line), int(x[0].column)))
	return out

class Where:
	"""A report position for a line spatch gave no position to."""
	def __init__(self, file, line, col, end):
		self.file, self.line, self.column = file, str(line), str(col)
		self.line_end, self.column_end = str(line), str(end)
		self.current_element = "something_else"

# A macro that is only another name of a removed call: its uses are calls
# of the macro, which no rule here matches (SmPL cannot match the body of
# an object-like #define), so they are reported by reading the file.
ALIAS = re.compile(r'^[ \t]*\x23[ \t]*define[ \t]+(\w+)[ \t]+'
		   r'(dma_alloc_noncoherent|dma_free_noncoherent|dma_alloc_attrs|'
		   r'dma_free_attrs|dma_cache_sync)[ \t]*$', re.M)

_alias_map = {}

def alias_target(name):
	"""The removed call a macro of the files seen so far is another name
	of, or None."""
	files = set(s["loc"].file for s in list(allocs.values()) + list(frees.values()))
	if FACTS is not None:
		files.update(k[0] for k in FACTS.seen)
	for fn in files:
		if fn not in _alias_map:
			try:
				with open(fn, errors="replace") as f:
					text = f.read()
			except OSError:
				text = ""
			_alias_map[fn] = dict((m.group(1), m.group(2)) for m in ALIAS.finditer(text))
		if name in _alias_map[fn]:
			return _alias_map[fn][name]
	return None

def alias_done(name):
	"""With facts, an alias whose every use the facts convert."""
	uses = [s for s in allocs.values() if s["fn"] == name]
	return FACTS is not None and bool(uses) and \
		all(decide_alloc(s["key"])[0] for s in uses)

def aliases():
	files = set(s["loc"].file for s in list(allocs.values()) + list(frees.values()))
	files.update(loc.file for loc in attr_uses)
	out = []
	for fn in sorted(files):
		try:
			with open(fn, errors="replace") as f:
				text = f.read()
		except OSError:
			continue
		for m in ALIAS.finditer(text):
			if alias_done(m.group(1)):
				continue
			line = text.count("\n", 0, m.start()) + 1
			col = m.start(1) - (text.rfind("\n", 0, m.start(1)) + 1)
			out.append((Where(fn, line, col, col + len(m.group(1))),
				    "%s is another name of %s(): its uses are not converted; "
				    "write the call instead of the macro and run the patch again"
				    % (m.group(1), m.group(2))))
	return out

@initialize:python@
f << virtual.facts;
@@
try:
	facts_load(f)
except FactsError as e:
	sys.stderr.write("non_consistent_attr.cocci: %s\n" % e)
	raise

// Every rule needs a legacy call or the attribute in the file: this is
// also the keyword prefilter (--use-gitgrep, --use-idutils) for trees.
@legacy@
@@
(
DMA_ATTR_NON_CONSISTENT
|
dma_alloc_noncoherent(...)
|
dma_free_noncoherent(...)
)

@script:python depends on legacy@
@@
reset()

// Every call the facts may name, noted for the lookup by order.
@fcall depends on legacy@
identifier fn = {dma_alloc_attrs, dmam_alloc_attrs, dma_alloc_noncoherent,
		 dma_free_attrs, dma_free_noncoherent, dma_map_single_attrs,
		 dma_map_page_attrs, dma_map_sg_attrs, dma_unmap_single_attrs,
		 dma_unmap_page_attrs, dma_unmap_sg_attrs, dma_map_resource};
position p;
@@
fn@p(...)

@script:python depends on legacy@
p << fcall.p;
fn << fcall.fn;
@@
if FACTS is not None:
	FACTS.note(p[0], fn)

//----------------------------------------------------------------------
// 1. Attribute variables: "attrs = DMA_ATTR_NON_CONSISTENT" and friends.
//----------------------------------------------------------------------

@script:python depends on legacy && narrow@
@@
narrow_on = True

@holder_assign depends on legacy@
expression A, E;
position p, pe;
@@
A@p = E@pe

@script:python depends on legacy@
p << holder_assign.p;
pe << holder_assign.pe;
A << holder_assign.A;
E << holder_assign.E;
@@
note_holder(A, E)
holder_spans.append((A.strip(), span(p, pe)))

@holder_decl depends on legacy@
identifier I;
type T;
expression E;
position p, pe;
@@
T I@p = E@pe;

@script:python depends on legacy@
p << holder_decl.p;
pe << holder_decl.pe;
I << holder_decl.I;
E << holder_decl.E;
@@
note_holder(I, E)
holder_spans.append((I, span(p, pe)))

//----------------------------------------------------------------------
// 2. What is synced: legacy dma_cache_sync() by address, new syncs by
//    handle (or through a generated <prefix>_<buffer>_to_dma() helper).
//----------------------------------------------------------------------

@old_sync depends on legacy@
expression D, V, S, R;
position p;
@@
dma_cache_sync@p(D, V, S, R)

@script:python depends on legacy@
p << old_sync.p;
V << old_sync.V;
R << old_sync.R;
@@
names = re.findall(r'\w+', V)
legacy_syncs.append(names)
for n in names:
	synced.setdefault("v:" + n, set()).add(R)

@new_sync depends on legacy@
expression D, H, S, R, O;
position p;
identifier fn = {dma_sync_single_for_cpu, dma_sync_single_for_device};
identifier rfn = {dma_sync_single_range_for_cpu, dma_sync_single_range_for_device};
@@
(
fn@p(D, H, S, R)
|
rfn@p(D, H, O, S, R)
)

@script:python depends on legacy@
p << new_sync.p;
H << new_sync.H;
R << new_sync.R;
@@
for n in re.findall(r'(?:->|\.)\s*(\w+)', H) + re.findall(r'^\s*(\w+)\s*(?:\+|$)', H):
	synced.setdefault(n, set()).add(R)
for n in re.findall(r'_(\w+?)_to_dma\s*\(', H):
	synced.setdefault("h:" + n, set()).add(R)

//----------------------------------------------------------------------
// 3. Allocation and free sites.
//----------------------------------------------------------------------

@alloc_site depends on legacy@
expression D, S, H, G, A;
expression V;
position p, pc;
identifier fn = {dma_alloc_attrs, dmam_alloc_attrs};
@@
(
V = fn@p(D, S, H, G, A)@pc
|
fn@p(D, S, H, G, A)@pc
)

@script:python depends on legacy@
p << alloc_site.p;
pc << alloc_site.pc;
fn << alloc_site.fn;
D << alloc_site.D;
H << alloc_site.H;
A << alloc_site.A;
V << alloc_site.V = "";
@@
note_call(allocs, p, pc, fn, H, V, A, attr_kind(A), handle=H, pages=False,
	  dev=D)

@alloc_nc4 depends on legacy@
expression D, S, H, G;
expression V;
position p, pc;
@@
(
V = dma_alloc_noncoherent@p(D, S, H, G)@pc
|
dma_alloc_noncoherent@p(D, S, H, G)@pc
)

@script:python depends on legacy@
p << alloc_nc4.p;
pc << alloc_nc4.pc;
D << alloc_nc4.D;
H << alloc_nc4.H;
V << alloc_nc4.V = "";
@@
note_call(allocs, p, pc, "dma_alloc_noncoherent", H, V, "", "nc",
	  handle=H, pages=False, dev=D)

// A use of an alias of the 4-argument allocator (#define DMA_ALLOC
// dma_alloc_noncoherent): converted with facts, reported without.
@alloc_alias depends on legacy@
identifier fa : script:python() { alias_target(fa) == "dma_alloc_noncoherent" };
expression D, S, H, G;
expression V;
position p, pc;
@@
(
V = fa@p(D, S, H, G)@pc
|
fa@p(D, S, H, G)@pc
)

@script:python depends on legacy@
p << alloc_alias.p;
pc << alloc_alias.pc;
fa << alloc_alias.fa;
D << alloc_alias.D;
H << alloc_alias.H;
V << alloc_alias.V = "";
@@
if FACTS is not None:
	FACTS.note(p[0], fa)
	note_call(allocs, p, pc, fa, H, V, "", "nc", handle=H, pages=False, dev=D)

@alloc_page depends on legacy@
expression D, S, H, G, A;
position p;
@@
virt_to_page(dma_alloc_attrs@p(D, S, H, G, A))

@script:python depends on legacy@
p << alloc_page.p;
@@
allocs[key(p)]["pages"] = True

@free_site depends on legacy@
expression D, S, V, H, A;
position p, pc;
@@
dma_free_attrs@p(D, S, V, H, A)@pc

@script:python depends on legacy@
p << free_site.p;
pc << free_site.pc;
V << free_site.V;
H << free_site.H;
A << free_site.A;
@@
pg = re.match(r'^\s*page_address\s*\((.*)\)\s*$', V)
note_call(frees, p, pc, "dma_free_attrs", H, V, A, attr_kind(A), page=bool(pg))

@free_nc4 depends on legacy@
expression D, S, V, H;
position p, pc;
@@
dma_free_noncoherent@p(D, S, V, H)@pc

@script:python depends on legacy@
p << free_nc4.p;
pc << free_nc4.pc;
V << free_nc4.V;
H << free_nc4.H;
@@
note_call(frees, p, pc, "dma_free_noncoherent", H, V, "", "nc", page=False)

// Every remaining use of the attribute must be converted or reported.
@attr_use depends on legacy@
position p;
@@
DMA_ATTR_NON_CONSISTENT@p

@script:python depends on legacy@
p << attr_use.p;
@@
attr_uses.append(p[0])

@script:python depends on legacy@
@@
# A generated helper names the buffer by its CPU field: map it back.
for k, s in allocs.items():
	hk = "h:" + s["vaddr"]
	if hk in synced:
		synced.setdefault(s["buf"], set()).update(synced[hk])

//----------------------------------------------------------------------
// 3b. Patch mode with facts: every call as the facts decide, by position,
//     in one rule.  spatch parses a function again after a rule changed
//     it, and the positions a later rule sees there count from the start
//     of the function: the calls of a function must all change at once.
//     The new call is written whole (by new_call()), from the original
//     text of each argument.  Every branch binds p0..p4 (a 4-argument
//     call binds p4 on its last argument, which then reads as no
//     attribute): the script of nc needs them all.
//----------------------------------------------------------------------

@depends on legacy && patch@
identifier fa = {dma_alloc_attrs, dmam_alloc_attrs};
identifier fal : script:python() { alias_target(fal) == "dma_alloc_noncoherent" };
identifier fm = {dma_map_single_attrs, dma_map_page_attrs, dma_map_sg_attrs,
		 dma_unmap_single_attrs, dma_unmap_page_attrs, dma_unmap_sg_attrs};
expression D, S, H, G, A, V, P;
expression list es;
position p : script:python() { fact_changes(p) };
position p0, p1, p2, p3, p4;
fresh identifier nc = script:python(p, p0, p1, p2, p3, p4) { new_call(p, p0, p1, p2, p3, p4) };
@@
(
- virt_to_page(dma_alloc_attrs@p(D@p0, S@p1, H@p2, G@p3, A@p4))
+ nc
|
- fa@p(D@p0, S@p1, H@p2, G@p3, A@p4)
+ nc
|
- dma_alloc_noncoherent@p(D@p0, S@p1, H@p2, G@p3@p4)
+ nc
|
- fal@p(D@p0, S@p1, H@p2, G@p3@p4)
+ nc
|
- dma_free_attrs@p(D@p0, S@p1, page_address(P)@p2, H@p3, A@p4)
+ nc
|
- dma_free_attrs@p(D@p0, S@p1, V@p2, H@p3, A@p4)
+ nc
|
- dma_free_noncoherent@p(D@p0, S@p1, V@p2, H@p3@p4)
+ nc
|
- fm@p(es, A@p4@p0@p1@p2@p3)
+ nc
)

//----------------------------------------------------------------------
// 4. Patch mode: allocations, by the decision taken for their buffer.
//    (A function changed by one rule is re-parsed before the next, so
//    these rules key on the buffer's handle, not on positions.)
//----------------------------------------------------------------------

@depends on legacy && patch@
expression D, S, G;
expression H : script:python() { buffer_is(H, "pages") };
expression A : script:python() { attr_kind(A) == "nc" };
fresh identifier nd = script:python(H) { buffer_dir(H) };
@@
- virt_to_page(dma_alloc_attrs(D, S, H, G, A))
+ dma_alloc_pages(D, S, H, nd, G)

@depends on legacy && patch@
expression D, S, G;
expression H : script:python() { buffer_is(H, "pages") };
expression A : script:python() { attr_kind(A) == "nowarn" };
fresh identifier nd = script:python(H) { buffer_dir(H) };
@@
- virt_to_page(dma_alloc_attrs(D, S, H, G, A))
+ dma_alloc_pages(D, S, H, nd, G | __GFP_NOWARN)

@depends on legacy && patch@
expression D, S, G;
expression H : script:python() { buffer_is(H, "noncoherent") };
expression A : script:python() { attr_kind(A) == "nc" };
fresh identifier nd = script:python(H) { buffer_dir(H) };
@@
(
- dma_alloc_attrs(D, S, H, G, A)
+ dma_alloc_noncoherent(D, S, H, nd, G)
|
- dma_alloc_noncoherent(D, S, H, G)
+ dma_alloc_noncoherent(D, S, H, nd, G)
)

@depends on legacy && patch@
expression D, S, G;
expression H : script:python() { buffer_is(H, "noncoherent") };
expression A : script:python() { attr_kind(A) == "nowarn" };
fresh identifier nd = script:python(H) { buffer_dir(H) };
@@
- dma_alloc_attrs(D, S, H, G, A)
+ dma_alloc_noncoherent(D, S, H, nd, G | __GFP_NOWARN)

@depends on legacy && patch@
expression D, S, G;
expression H : script:python() { buffer_is(H, "coherent") };
expression A : script:python() { attr_kind(A) == "nc" };
@@
(
- dma_alloc_attrs(D, S, H, G, A)
+ dma_alloc_coherent(D, S, H, G)
|
- dma_alloc_noncoherent(D, S, H, G)
+ dma_alloc_coherent(D, S, H, G)
)

@depends on legacy && patch@
expression D, S, G;
expression H : script:python() { buffer_is(H, "coherent") };
expression A : script:python() { attr_kind(A) == "nowarn" };
@@
- dma_alloc_attrs(D, S, H, G, A)
+ dma_alloc_coherent(D, S, H, G | __GFP_NOWARN)

@depends on legacy && patch@
expression D, S, G;
expression H : script:python() { buffer_is(H, "dmam_coherent") };
expression A : script:python() { attr_kind(A) == "nc" };
@@
- dmam_alloc_attrs(D, S, H, G, A)
+ dmam_alloc_coherent(D, S, H, G)

@depends on legacy && patch@
expression D, S, G;
expression H : script:python() { buffer_is(H, "dmam_coherent") };
expression A : script:python() { attr_kind(A) == "nowarn" };
@@
- dmam_alloc_attrs(D, S, H, G, A)
+ dmam_alloc_coherent(D, S, H, G | __GFP_NOWARN)

//----------------------------------------------------------------------
// 5. Patch mode: frees follow their allocation.
//----------------------------------------------------------------------

@depends on legacy && patch@
expression D, S, P;
expression H : script:python() { free_action(H) == "pages" };
expression A : script:python() { attr_kind(A) in ("nc", "nowarn") };
fresh identifier nd = script:python(H) { buffer_dir(H) };
@@
- dma_free_attrs(D, S, page_address(P), H, A)
+ dma_free_pages(D, S, P, H, nd)

@depends on legacy && patch@
expression D, S, V;
expression H : script:python() { free_action(H) == "noncoherent" };
expression A : script:python() { attr_kind(A) in ("nc", "nowarn") };
fresh identifier nd = script:python(H) { buffer_dir(H) };
@@
(
- dma_free_attrs(D, S, V, H, A)
+ dma_free_noncoherent(D, S, V, H, nd)
|
- dma_free_noncoherent(D, S, V, H)
+ dma_free_noncoherent(D, S, V, H, nd)
)

@depends on legacy && patch@
expression D, S, V;
expression H : script:python() { free_action(H) == "coherent" };
expression A : script:python() { attr_kind(A) in ("nc", "nowarn") };
@@
(
- dma_free_attrs(D, S, V, H, A)
+ dma_free_coherent(D, S, V, H)
|
- dma_free_noncoherent(D, S, V, H)
+ dma_free_coherent(D, S, V, H)
)

// The attribute variable goes once nothing reads it.
@depends on legacy && patch@
identifier I : script:python() { holder_done(I) };
type T;
expression E;
@@
- T I = E;

@depends on legacy && patch@
expression A : script:python() { holder_done(A) };
expression E;
@@
- A = E;

//----------------------------------------------------------------------
// 6. context, org and report modes.
//----------------------------------------------------------------------

@depends on legacy && context@
expression D, S, V, H, G;
expression A : script:python() { attr_kind(A) in ("nc", "nowarn", "other") };
@@
(
* dma_alloc_attrs(D, S, H, G, A)
|
* dmam_alloc_attrs(D, S, H, G, A)
|
* dma_alloc_noncoherent(D, S, H, G)
|
* dma_free_attrs(D, S, V, H, A)
|
* dma_free_noncoherent(D, S, V, H)
)

@script:python depends on legacy && report@
@@
emit = "report"

@script:python depends on legacy && org@
@@
emit = "org"

// Patch mode says the same on stderr (stdout carries the diff), so that a
// front end applying the series keeps the sites it must show a human.
@script:python depends on legacy && patch@
@@
emit = "stderr"

@script:python depends on legacy && (org || report || patch)@
@@
for pos, msg in unconverted():
	msg = "%s: %s" % (RULE, msg)
	if emit == "report":
		coccilib.report.print_report(pos, msg)
	elif emit == "org":
		coccilib.org.print_todo(pos, msg)
	else:
		sys.stderr.write(coccilib.report.build_report(pos, msg) + "\n")
