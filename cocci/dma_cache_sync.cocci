// SPDX-License-Identifier: GPL-2.0
///
/// Replace dma_cache_sync(dev, vaddr, size, dir), removed in Linux 5.10, by
/// dma_sync_single_for_device() or dma_sync_single_for_cpu() on the DMA
/// handle of the buffer that vaddr points into.
///
/// With -D facts=FILE (the driver model's facts.json, written by dmacheck
/// --facts) each site gets the model's decision: the function, device,
/// handle and direction to write, declarations to add to the enclosing
/// function, translation helpers to add after a structure, macro
/// parameters to change with their callers,
/// or the reason the site is left.
///
/// Without facts, only what the code proves is converted: a sync of the
/// allocation's own field or variable, at a constant or element offset of
/// a typed pointer (handle + offset), or through a local pointer set from
/// it in the same function (a generated <prefix>_<buffer>_to_dma()
/// helper).  DMA_TO_DEVICE and DMA_BIDIRECTIONAL become _for_device;
/// DMA_FROM_DEVICE becomes _for_device when the device is started (an MMIO
/// write) before the CPU looks at the buffer, _for_cpu when the CPU reads
/// it first, and the reported default (_for_cpu) otherwise.  The new
/// direction is the allocation's: DMA_BIDIRECTIONAL, or with -D narrow the
/// one direction every sync of the buffer uses.  Every other site is left
/// alone and reported: a pointer is never guessed into a buffer.
///
// Confidence: Moderate
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

RULE = "dma_cache_sync"
CALL = "dma_cache_sync"
TO_DEVICE = "dma_sync_single_for_device"
TO_CPU = "dma_sync_single_for_cpu"
# The documented default where the position of a DMA_FROM_DEVICE sync
# cannot be read: the CPU is about to look at what the device wrote.
DEFAULT_FN = TO_CPU

# Directions whose sync is always a hand-off to the device (53c700).
DEVICE_DIRECTIONS = ("DMA_TO_DEVICE", "DMA_BIDIRECTIONAL")
# DMA_FROM_DEVICE by what follows it: (device started, CPU reads) ->
# (function, why a human must check, or None).
BY_POSITION = {
	(True, False): (TO_DEVICE, None),
	(False, True): (TO_CPU, None),
	(True, True): (DEFAULT_FN, "the device may be started or the buffer "
		       "read next, depending on the path"),
}
# Pointer arithmetic on these counts bytes: "base + off" is "handle + off".
BYTE_TYPES = set(["void", "char", "unsigned char", "signed char", "u8", "s8",
		  "__u8", "__s8", "uint8_t", "int8_t"])

narrow_on = False


def reset():
	"""spatch applies every rule to one file group before the next: the
	state lives that long.  It is what the position rules found, keyed
	by the site's position, and the decision taken from it."""
	global proofs, kicks, reads, elem_types, decided, wanted_helpers
	proofs = {}		# site -> how the code proves its buffer
	kicks = set()		# sites a device start follows
	reads = set()		# sites a CPU read follows
	elem_types = {}		# (holder type, field) -> what the field points to
	decided = {}		# site -> decision (None: left)
	wanted_helpers = {}	# holder type -> {helper name: (handle, base)}

def key(p):
	return (p[0].file, int(p[0].line), int(p[0].column))

def pretty(e):
	"""spatch prints expressions with spaces around every token."""
	e = re.sub(r'\s*(->|\.)\s*', r'\1', e)
	e = re.sub(r'([(\[])\s+', r'\1', e)
	e = re.sub(r'\)\s+\(', ')(', e)
	e = re.sub(r'\s+\[', '[', e)
	return re.sub(r'\s+([)\]])', r'\1', e)

def paren(e):
	return e if re.match(r'^[\w>.-]+$', e) else "(%s)" % e

def prove(p, what):
	"""Records the first (most precise) proof of a site's buffer."""
	proofs.setdefault(key(p), what)

def offset_bytes(T, f, base, off):
	"""The handle offset for "base + off", or None when the type the
	field points to is unknown (never sizeof() of a void pointer)."""
	t = elem_types.get((T, f))
	if t is None:
		return None
	t = " ".join(re.sub(r'\b(const|volatile|__iomem|__force)\b', '', t).split())
	if t in BYTE_TYPES:
		return off
	return "%s * sizeof(*%s)" % (paren(off), base)

def struct_prefix(T):
	tag = re.sub(r'^(struct|union)\s+', '', T.strip())
	tag = re.sub(r'\s*\*$', '', tag)
	for suffix in ("_private", "_priv", "_hostdata", "_host", "_data",
		       "_info", "_dev"):
		if tag.endswith(suffix) and len(tag) > len(suffix):
			return tag[:-len(suffix)]
	return tag

def helper_name(T, f):
	return "%s_%s_to_dma" % (struct_prefix(T), f)

def choose_fn(p, V, R):
	"""Position, not direction, decides: returns (function, doubt)."""
	if R in DEVICE_DIRECTIONS:
		return (TO_DEVICE, None)
	if R != "DMA_FROM_DEVICE":
		return (None, "direction '%s' is not a constant DMA_* direction"
			% pretty(R))
	known = BY_POSITION.get((key(p) in kicks, key(p) in reads))
	if known:
		return known
	if scope_of(p[0]).startswith(MACRO_SCOPE):
		why = "inside a macro: the position is at each use of the macro"
	else:
		why = ("neither a device start nor a CPU read of '%s' follows in %s()"
		       % (pretty(V), p[0].current_element))
	return (DEFAULT_FN, why)

def buffer_dir(pr, all_dirs):
	"""The allocation's direction, or with -D narrow the one direction
	every sync of the buffer uses (when every site is proven)."""
	if pr.get("dir"):
		return pr["dir"]
	if narrow_on and len(all_dirs) == 1 and \
	   list(all_dirs)[0] in ("DMA_TO_DEVICE", "DMA_FROM_DEVICE"):
		return list(all_dirs)[0]
	return "DMA_BIDIRECTIONAL"

def where(p):
	sc = scope_of(p[0])
	if sc.startswith(MACRO_SCOPE):
		return "macro " + sc[len(MACRO_SCOPE):]
	return sc + "()"

def decide_proven(p, D, V, R, all_sites):
	"""The decision for a site without facts, from its proof."""
	pr = proofs.get(key(p))
	if pr is None:
		return dict(left="cannot tell from the code in %s which allocation "
			    "'%s' points into; give spatch the driver model's facts "
			    "(-D facts=FILE), or convert by hand with the buffer's "
			    "dma_addr_t" % (where(p), pretty(V)))
	if pr.get("why"):
		return dict(left=pr["why"])
	fn, doubt = choose_fn(p, V, R)
	if fn is None:
		return dict(left=doubt)
	buf = pr["buf"]
	dirs = set(s[1] for s in all_sites if s[0] == buf)
	unproven = any(s[0] is None for s in all_sites)
	d = dict(fn=fn, dev=pretty(D), handle=pr["handle"],
		 dir=buffer_dir(pr, set() if unproven else dirs), decls=[],
		 doubt=doubt, how=" by default" if doubt else "")
	if pr.get("helper"):
		T, f, hf = pr["helper"]
		wanted_helpers.setdefault(T, {})[helper_name(T, f)] = (hf, f)
	return d

def decide_fact(p):
	"""The decision for a site, from the facts."""
	s = FACTS.site(p[0], CALL)
	if s is None:
		return dict(left="the facts file (unit %s) does not describe this "
			    "site; regenerate it from this tree" % FACTS.unit)
	act = s.get("action")
	if act == "leave":
		return dict(left=fact_why(s))
	if act != "sync":
		return dict(left="the facts give action '%s' to a dma_cache_sync() "
			    "site" % act)
	need = [k for k in ("fn", "dev", "handle", "dir") if not s.get(k)]
	if need or s["fn"] not in (TO_DEVICE, TO_CPU):
		return dict(left="the fact for this site is incomplete (%s)"
			    % ", ".join(need or ["fn"]))
	doubt = fact_doubt(s)
	return dict(fn=s["fn"], dev=s["dev"], handle=s["handle"], dir=s["dir"],
		    decls=s.get("decls") or [], doubt=doubt, how="")

def decide(p, D, V, R):
	k = key(p)
	if k not in decided:
		if FACTS is not None:
			decided[k] = decide_fact(p)
		else:
			decided[k] = decide_proven(p, D, V, R, site_bufs())
	return decided[k]

def site_bufs():
	"""(buffer, direction) of every site in the file group."""
	return [((proofs.get(k) or {}).get("buf"), r) for k, r in site_dirs.items()]

def site_message(p, D, V, R):
	"""The report line for a site patch mode leaves or converts on an
	assumption; None for a site converted without doubt."""
	d = decide(p, D, V, R)
	if d.get("left"):
		return "%s: not converted: %s" % (RULE, d["left"])
	if d["doubt"]:
		return ("%s: converted to %s%s, check by hand: %s"
			% (RULE, d["fn"], d["how"], d["doubt"]))
	return None

def converts(p):
	"""Whether patch mode rewrites the site at p (decided already)."""
	d = decided.get(key(p))
	return d is not None and not d.get("left")

def site_text(p, field):
	return decided[key(p)][field]

def say(p, msg, mode):
	if mode == "org":
		coccilib.org.print_todo(p, msg)
	elif mode == "report":
		coccilib.report.print_report(p, msg)
	else:
		# Patch mode says on stderr what report mode would (stdout
		# carries the diff), so that a front end applying the series
		# keeps the sites it must show a human.
		sys.stderr.write(coccilib.report.build_report(p, msg) + "\n")

NO_HELPER = "dmaconv_no_helper"
def facts_helper_struct(I):
	return FACTS is not None and any(h.get("after") == "struct " + I for h in FACTS.helpers)
def macro_pass_for(M):
	"""(what every caller of macro M passes, the parameter's place) when
	the facts change one of its first four parameters, else (None, -1);
	a later parameter is reported and left."""
	hit = [m for m in FACTS.macros if m.get("name") == M] if FACTS is not None else []
	if not hit or not hit[0].get("pass"):
		return (None, -1)
	i = int(hit[0].get("param", -1))
	if not 0 <= i <= 3:
		sys.stderr.write("%s: macro %s: only one of the first four parameters can be "
				 "changed with its callers\n" % (RULE, M))
		return (None, -1)
	return (hit[0]["pass"], i)
def in_changed_macro(q, was):
	"""Whether a position lies in the definition of a macro whose
	parameter the facts change from was."""
	d = define_at(q[0].file, int(q[0].line))
	return d is not None and FACTS is not None and \
		any(m.get("name") == d[0] and m.get("was") == was for m in FACTS.macros)

site_dirs = {}

@initialize:python@
f << virtual.facts;
@@
try:
	facts_load(f)
except FactsError as e:
	sys.stderr.write("dma_cache_sync.cocci: %s\n" % e)
	raise

// Every rule needs a legacy call in the file: this is also the keyword
// prefilter (--use-gitgrep, --use-idutils) for whole trees.
@legacy@
@@
dma_cache_sync(...)

@script:python depends on legacy && narrow@
@@
narrow_on = True

@script:python depends on legacy@
@@
reset()
site_dirs = {}

//----------------------------------------------------------------------
// 1. The legacy sites.
//----------------------------------------------------------------------

@site depends on legacy@
expression D, V, S, R;
position p;
@@
dma_cache_sync@p(D, V, S, R)

@script:python depends on legacy@
p << site.p;
R << site.R;
@@
site_dirs[key(p)] = R
if FACTS is not None:
	FACTS.note(p[0], CALL)

//----------------------------------------------------------------------
// 2. Without facts: the buffers, where a CPU address and its handle are
//    allocated, and the sites whose address the code proves to be in
//    one.  A field is one buffer for every object of the type of the holder
//    (T), so the synced holder must have that type too.
//----------------------------------------------------------------------

@buf_field depends on legacy@
type T;
T *X;
T *Y;
identifier f, hf;
expression D, S, G, A, DIR;
@@
(
X->f = dma_alloc_attrs(D, S, &Y->hf, G, A)
|
X->f = dmam_alloc_attrs(D, S, &Y->hf, G, A)
|
X->f = dma_alloc_noncoherent(D, S, &Y->hf, G)
|
X->f = dma_alloc_noncoherent(D, S, &Y->hf, DIR, G)
)

// What the buffer field points to, for pointer arithmetic.
@elem_type depends on legacy@
identifier I, buf_field.f;
type FT;
@@
struct I { ... FT *f; ... };

@script:python depends on legacy@
T << buf_field.T;
f << buf_field.f;
I << elem_type.I;
FT << elem_type.FT;
@@
if " ".join(T.split()) == "struct " + I:
	elem_types[(T, f)] = FT

@res_base depends on legacy@
type buf_field.T;
T *Z;
identifier buf_field.f;
expression D, S, R;
position p;
@@
dma_cache_sync@p(D, Z->f, S, R)

@script:python depends on legacy@
p << res_base.p;
T << buf_field.T;
f << buf_field.f;
hf << buf_field.hf;
Z << res_base.Z;
DIR << buf_field.DIR = "";
@@
prove(p, dict(buf=(T, f), handle="%s->%s" % (pretty(Z), hf), dir=DIR or None))

@res_off depends on legacy@
type buf_field.T;
T *Z;
identifier buf_field.f;
expression O, D, S, R;
position p;
@@
dma_cache_sync@p(D, Z->f + O, S, R)

@script:python depends on legacy@
p << res_off.p;
T << buf_field.T;
f << buf_field.f;
hf << buf_field.hf;
Z << res_off.Z;
O << res_off.O;
DIR << buf_field.DIR = "";
@@
z = pretty(Z)
off = offset_bytes(T, f, "%s->%s" % (z, f), pretty(O))
if off is None:
	prove(p, dict(why="'%s->%s' is a buffer, but the type it points to is not "
		      "in the files given to spatch, so the offset %s cannot be "
		      "moved onto the handle" % (z, f, pretty(O))))
else:
	prove(p, dict(buf=(T, f), handle="%s->%s + %s" % (z, hf, off), dir=DIR or None))

@res_elem depends on legacy@
type buf_field.T;
T *Z;
identifier buf_field.f;
expression O, D, S, R;
position p;
@@
dma_cache_sync@p(D, &Z->f[O], S, R)

@script:python depends on legacy@
p << res_elem.p;
T << buf_field.T;
f << buf_field.f;
hf << buf_field.hf;
Z << res_elem.Z;
O << res_elem.O;
DIR << buf_field.DIR = "";
@@
z = pretty(Z)
prove(p, dict(buf=(T, f), dir=DIR or None,
	      handle="%s->%s + %s * sizeof(*%s->%s)" % (z, hf, paren(pretty(O)), z, f)))

// The address of a member or element inside the buffer, or a local
// pointer set from the buffer earlier in the same function: the offset
// is not a simple expression, so a helper computes the handle.
@res_inside depends on legacy@
type buf_field.T;
T *Z;
identifier buf_field.f, m;
expression O, D, S, R;
position p;
@@
(
dma_cache_sync@p(D, &Z->f->m, S, R)
|
dma_cache_sync@p(D, &Z->f->m[O], S, R)
|
dma_cache_sync@p(D, &Z->f[O].m, S, R)
)

@script:python depends on legacy@
p << res_inside.p;
T << buf_field.T;
f << buf_field.f;
hf << buf_field.hf;
Z << res_inside.Z;
V << site.V;
DIR << buf_field.DIR = "";
@@
prove(p, dict(buf=(T, f), helper=(T, f, hf), dir=DIR or None,
	      handle="%s(%s, %s)" % (helper_name(T, f), pretty(Z), pretty(V))))

@res_ptr depends on legacy exists@
type buf_field.T;
T *Z;
identifier buf_field.f;
expression O, D, S, R, E;
idexpression P;
type T2;
position p;
@@
P = \(Z->f\|Z->f + O\|&Z->f[O]\)
... when != P = E
dma_cache_sync@p(D, \(P\|(T2)P\), S, R)

@script:python depends on legacy@
p << res_ptr.p;
T << buf_field.T;
f << buf_field.f;
hf << buf_field.hf;
Z << res_ptr.Z;
P << res_ptr.P;
DIR << buf_field.DIR = "";
@@
prove(p, dict(buf=(T, f), helper=(T, f, hf), dir=DIR or None,
	      handle="%s(%s, %s)" % (helper_name(T, f), pretty(Z), pretty(P))))

@res_ptr_decl depends on legacy exists@
type buf_field.T;
T *Z;
identifier buf_field.f;
expression O, D, S, R, E;
identifier P;
type T1, T2;
position p;
@@
T1 P = \(Z->f\|Z->f + O\|&Z->f[O]\);
... when != P = E
dma_cache_sync@p(D, \(P\|(T2)P\), S, R)

@script:python depends on legacy@
p << res_ptr_decl.p;
T << buf_field.T;
f << buf_field.f;
hf << buf_field.hf;
Z << res_ptr_decl.Z;
P << res_ptr_decl.P;
DIR << buf_field.DIR = "";
@@
prove(p, dict(buf=(T, f), helper=(T, f, hf), dir=DIR or None,
	      handle="%s(%s, %s)" % (helper_name(T, f), pretty(Z), pretty(P))))

// A buffer the driver keeps as a struct page: synced at page_address().
@buf_page depends on legacy@
type T;
T *X;
T *Y;
identifier f, hf;
expression D, S, G, A, DIR;
@@
(
X->f = virt_to_page(dma_alloc_attrs(D, S, &Y->hf, G, A))
|
X->f = dma_alloc_pages(D, S, &Y->hf, DIR, G)
)

@res_page depends on legacy@
type buf_page.T;
T *Z;
identifier buf_page.f;
expression O, D, S, R;
position p;
@@
(
dma_cache_sync@p(D, page_address(Z->f), S, R)
|
dma_cache_sync@p(D, page_address(Z->f) + O, S, R)
)

@script:python depends on legacy@
p << res_page.p;
T << buf_page.T;
f << buf_page.f;
hf << buf_page.hf;
Z << res_page.Z;
O << res_page.O = "";
DIR << buf_page.DIR = "";
@@
# page_address() is a void *: the offset counts bytes.
prove(p, dict(buf=(T, "page:" + f), dir=DIR or None,
	      handle="%s->%s" % (pretty(Z), hf) + (" + " + pretty(O) if O else "")))

// A buffer kept in a variable: a local is followed from its allocation
// within the function, a global anywhere in the file.
@res_local depends on legacy exists@
local idexpression B;
expression H, D, S, G, A, DIR, E, O, D2, S2, R;
position p;
@@
(
B = dma_alloc_attrs(D, S, &H, G, A)
|
B = dmam_alloc_attrs(D, S, &H, G, A)
|
B = dma_alloc_noncoherent(D, S, &H, G)
|
B = dma_alloc_noncoherent(D, S, &H, DIR, G)
)
... when != B = E
    when != H = E
dma_cache_sync@p(D2, \(B\|B + O\), S2, R)

@buf_global depends on legacy@
global idexpression B;
expression H, D, S, G, A, DIR;
@@
(
B = dma_alloc_attrs(D, S, &H, G, A)
|
B = dmam_alloc_attrs(D, S, &H, G, A)
|
B = dma_alloc_noncoherent(D, S, &H, G)
|
B = dma_alloc_noncoherent(D, S, &H, DIR, G)
)

@res_global depends on legacy@
global idexpression buf_global.B;
expression O, D, S, R;
position p;
@@
dma_cache_sync@p(D, \(B\|B + O\), S, R)

// The type a buffer variable points to.
@var_type depends on legacy@
identifier V;
type FT;
@@
FT *V;

@script:python depends on legacy@
V << var_type.V;
FT << var_type.FT;
@@
elem_types.setdefault(("var", V), FT)

@script:python depends on legacy@
p << res_local.p;
B << res_local.B;
H << res_local.H;
O << res_local.O = "";
DIR << res_local.DIR = "";
@@
off = offset_bytes("var", B, B, pretty(O)) if O else ""
if off is None:
	prove(p, dict(why="'%s' is a buffer, but the type it points to is not "
		      "known here, so the offset %s cannot be moved onto the "
		      "handle" % (B, pretty(O))))
else:
	prove(p, dict(buf=("var", B), dir=DIR or None,
		      handle=pretty(H) + (" + " + off if off else "")))

@script:python depends on legacy@
p << res_global.p;
B << buf_global.B;
H << buf_global.H;
O << res_global.O = "";
DIR << buf_global.DIR = "";
@@
off = offset_bytes("var", B, B, pretty(O)) if O else ""
if off is None:
	prove(p, dict(why="'%s' is a buffer, but the type it points to is not "
		      "known here, so the offset %s cannot be moved onto the "
		      "handle" % (B, pretty(O))))
else:
	prove(p, dict(buf=("var", B), dir=DIR or None,
		      handle=pretty(H) + (" + " + off if off else "")))

//----------------------------------------------------------------------
// 3. Position: what follows a DMA_FROM_DEVICE sync (without facts; the
//    facts carry the choice of the model).
//----------------------------------------------------------------------

@kick depends on legacy disable plus_comm exists@
expression D, E, O, S;
// BEGIN generated mmio from checker/api/mmio.def by cocci/gen-tables.py: do not edit
identifier mmio =~ "^(__raw_writeb|__raw_writel|__raw_writeq|__raw_writew|gsc_writeb|gsc_writel|gsc_writeq|gsc_writew|iowrite16|iowrite16_rep|iowrite16be|iowrite32|iowrite32_rep|iowrite32be|iowrite64|iowrite64be|iowrite8|iowrite8_rep|out_8|out_be16|out_be32|out_le16|out_le32|outb|outl|outw|sbus_writeb|sbus_writel|sbus_writeq|sbus_writew|writeb|writeb_relaxed|writel|writel_relaxed|writeq|writeq_relaxed|writesb|writesl|writesw|writew|writew_relaxed)$";
// END generated mmio
type T;
position p;
@@
dma_cache_sync@p(D, \(E + O\|&E[O]\|(T)E\|E\), S, DMA_FROM_DEVICE);
... when != E
mmio(...);

@script:python depends on legacy@
p << kick.p;
@@
kicks.add(key(p))

@read depends on legacy disable plus_comm exists@
expression D, E, O, S;
// BEGIN generated mmio from checker/api/mmio.def by cocci/gen-tables.py: do not edit
identifier mmio =~ "^(__raw_writeb|__raw_writel|__raw_writeq|__raw_writew|gsc_writeb|gsc_writel|gsc_writeq|gsc_writew|iowrite16|iowrite16_rep|iowrite16be|iowrite32|iowrite32_rep|iowrite32be|iowrite64|iowrite64be|iowrite8|iowrite8_rep|out_8|out_be16|out_be32|out_le16|out_le32|outb|outl|outw|sbus_writeb|sbus_writel|sbus_writeq|sbus_writew|writeb|writeb_relaxed|writel|writel_relaxed|writeq|writeq_relaxed|writesb|writesl|writesw|writew|writew_relaxed)$";
// END generated mmio
type T;
position p;
@@
dma_cache_sync@p(D, \(E + O\|&E[O]\|(T)E\|E\), S, DMA_FROM_DEVICE);
... when != mmio(...)
E

@script:python depends on legacy@
p << read.p;
@@
reads.add(key(p))

//----------------------------------------------------------------------
// 4. Patch mode.  Positions cannot be inherited past a rule that
//    changes the code, so everything a later rule needs is bound here,
//    before the first change: the rewrite of each site, the declarations
//    of each function, the helpers after each structure, the macros.
//----------------------------------------------------------------------

@script:python depends on legacy && patch@
p << site.p;
D << site.D;
V << site.V;
R << site.R;
@@
msg = site_message(p, D, V, R)
if msg:
	say(p[0], msg, "stderr")

// The declarations a converted site needs at the top of its function
// (a typed holder: struct x *sp = netdev_priv(dev);).  Every site binds
// (a script rule that dropped a site would drop it for every later rule
// too); a site that needs none names no function.  Identical bindings
// are one: two sites of a function add its declaration once.
@script:python decl depends on legacy && patch@
p << site.p;
D << site.D;
V << site.V;
R << site.R;
fname;
DT;
dn;
di;
@@
d = decide(p, D, V, R)
todo = [x for x in d.get("decls") or [] if x.get("type") and x.get("name")]
if d.get("left") or not todo or scope_of(p[0]).startswith(MACRO_SCOPE):
	todo = [dict(type="int", name="dmaconv_none", init="0")]
	el = "dmaconv_no_function"
else:
	el = p[0].current_element
# A function rarely needs two declarations: the first one is added here,
# the others are reported.
for x in todo[1:]:
	say(p[0], "%s: declaration '%s %s' not added: add it by hand"
	    % (RULE, x["type"], x["name"]), "stderr")
coccinelle.fname = cocci.make_ident(el)
coccinelle.DT = cocci.make_type(todo[0]["type"])
coccinelle.dn = cocci.make_ident(todo[0]["name"])
coccinelle.di = cocci.make_expr(todo[0].get("init") or "0")

// The rewrite is bound by position: the texts of the device and of the
// handle are pasted as they are (from the facts, or written here).
@conv depends on legacy && patch@
expression D, V, S, R;
position p : script:python() { converts(p) };
fresh identifier fn = script:python(p) { site_text(p, "fn") };
fresh identifier dv = script:python(p) { site_text(p, "dev") };
fresh identifier h = script:python(p) { site_text(p, "handle") };
fresh identifier nd = script:python(p) { site_text(p, "dir") };
@@
- dma_cache_sync@p(D, V, S, R)
+ fn(dv, h, S, nd)

@add_decl depends on legacy && patch@
identifier decl.fname, decl.dn;
type decl.DT;
expression decl.di;
@@
fname(...)
{
++ DT dn = di;
...
}

//----------------------------------------------------------------------
// 5. Helpers: one per buffer that needs one, after the definition of the
//    holder, in the file that defines it.  From the facts, or the
//    generated <prefix>_<buffer>_to_dma() of a proven site.
//----------------------------------------------------------------------

// A file with no legacy call of its own may still be where the facts put
// a helper (a .c file the includers share, lib82596.c): the helper rules
// run there too.
@fact_helper_file depends on patch@
identifier I : script:python() { facts_helper_struct(I) };
@@
struct I { ... };

@holder_def depends on (legacy || fact_helper_file) && patch@
identifier I;
position ps;
@@
struct I@ps { ... };

@script:python helper_def depends on (legacy || fact_helper_file) && patch@
I << holder_def.I;
ps << holder_def.ps;
hn;
RT;
HT1;
ha1;
HT2;
ha2;
he;
@@
T = "struct " + I
parts = None
if FACTS is not None:
	for hd in FACTS.helpers_after(T, ps[0].file):
		parts = helper_parts(hd.get("text", ""))
		if parts is None:
			say(ps[0], "%s: helper %s not added: its text is not one static "
			    "inline function of two parameters returning one expression"
			    % (RULE, hd.get("name")), "stderr")
		break
else:
	for name, (hf, f) in sorted(wanted_helpers.get(T, {}).items()):
		parts = ("dma_addr_t", name, T + " *", "priv", "const volatile void *", "p",
			 "priv->%s + ((unsigned long)p - (unsigned long)priv->%s)" % (hf, f))
		break
# A structure that needs no helper still binds (a script rule that drops
# every binding would stop all the later rules, the macro ones too): a
# name add_helper below never adds.
if parts is None:
	parts = ("int", NO_HELPER, "int", "a", "int", "b", "0")
if True:
	coccinelle.RT = cocci.make_type(parts[0])
	coccinelle.hn = cocci.make_ident(parts[1])
	coccinelle.HT1 = cocci.make_type(parts[2])
	coccinelle.ha1 = cocci.make_ident(parts[3])
	coccinelle.HT2 = cocci.make_type(parts[4])
	coccinelle.ha2 = cocci.make_ident(parts[5])
	coccinelle.he = cocci.make_expr(parts[6])

@has_helper depends on (legacy || fact_helper_file) && patch@
identifier helper_def.hn;
@@
hn(...) { ... }

@add_helper depends on (legacy || fact_helper_file) && patch && !has_helper@
identifier holder_def.I;
identifier helper_def.hn, helper_def.ha1, helper_def.ha2;
type helper_def.RT, helper_def.HT1, helper_def.HT2;
expression helper_def.he;
position p : script:python(hn) { hn != NO_HELPER };
@@
struct I@p { ... };
++ static inline RT hn(HT1 ha1, HT2 ha2)
++ {
++	return he;
++ }

//----------------------------------------------------------------------
// 6. With facts: a macro that only gets the device takes the holder
//    instead, and every caller passes it.
//----------------------------------------------------------------------

@macro_def depends on legacy && patch@
identifier M;
@@
#define M(...)

@script:python macro_new depends on legacy && patch@
M << macro_def.M;
mparams;
mwas;
mnow;
@@
# SmPL cannot put a position on the name of a macro definition: it is found by
# name in the files the facts name, and its lines are read from there.
hit = None
if FACTS is not None:
	for m in FACTS.macros:
		if m.get("name") == M:
			hit = m
			break
if hit is None:
	cocci.include_match(False)
else:
	spans = define_named(hit.get("file", ""), M) or []
	params = spans[0][1] if spans and spans[0][1] is not None else None
	names = [x.strip() for x in params.split(",")] if params is not None else []
	i = int(hit.get("param", -1))
	if not (0 <= i < len(names)) or names[i] != hit.get("was"):
		cocci.include_match(False)
	else:
		names[i] = hit["now"]
		coccinelle.mparams = cocci.make_ident(", ".join(names))
		coccinelle.mwas = cocci.make_ident(hit["was"])
		coccinelle.mnow = cocci.make_ident(hit["now"])

@macro_head depends on legacy && patch@
identifier macro_def.M, macro_new.mparams;
@@
- #define M(...)
+ #define M(mparams)

@macro_body depends on legacy && patch@
identifier macro_new.mwas, macro_new.mnow;
position q : script:python(mwas) { in_changed_macro(q, mwas) };
@@
- mwas@q
+ mnow

// What every caller passes instead of the changed parameter, which is
// one of the first four (SmPL cannot pick an argument by a number a
// script computes: one caller rule per place, each taking its place by a
// constraint).  A macro the facts do not change still binds (a script
// rule that drops every binding would stop all the later rules).
@script:python macro_pass depends on legacy && patch@
M << macro_def.M;
mpass;
@@
v, k = macro_pass_for(M)
coccinelle.mpass = cocci.make_expr(v if v is not None else "0")

@macro_callers0 depends on legacy && patch@
identifier macro_def.M;
expression macro_pass.mpass;
expression E;
position p : script:python(M) { macro_pass_for(M)[1] == 0 };
@@
M@p(
- E
+ mpass
  ,...)

@macro_callers1 depends on legacy && patch@
identifier macro_def.M;
expression macro_pass.mpass;
expression E0, E;
position p : script:python(M) { macro_pass_for(M)[1] == 1 };
@@
M@p(E0,
- E
+ mpass
  ,...)

@macro_callers2 depends on legacy && patch@
identifier macro_def.M;
expression macro_pass.mpass;
expression E0, E1, E;
position p : script:python(M) { macro_pass_for(M)[1] == 2 };
@@
M@p(E0, E1,
- E
+ mpass
  ,...)

@macro_callers3 depends on legacy && patch@
identifier macro_def.M;
expression macro_pass.mpass;
expression E0, E1, E2, E;
position p : script:python(M) { macro_pass_for(M)[1] == 3 };
@@
M@p(E0, E1, E2,
- E
+ mpass
  ,...)

//----------------------------------------------------------------------
// 7. context, org and report modes.
//----------------------------------------------------------------------

@ctx depends on legacy && context@
expression D, V, S, R;
@@
* dma_cache_sync(D, V, S, R)

@script:python depends on legacy && org@
p << site.p;
D << site.D;
V << site.V;
R << site.R;
@@
msg = site_message(p, D, V, R)
if msg:
	say(p[0], msg, "org")

@script:python depends on legacy && report@
p << site.p;
D << site.D;
V << site.V;
R << site.R;
@@
msg = site_message(p, D, V, R)
if msg:
	say(p[0], msg, "report")
