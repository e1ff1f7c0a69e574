// SPDX-License-Identifier: GPL-2.0
///
/// Replace dma_cache_sync(dev, vaddr, size, dir), removed in Linux 5.10, by
/// dma_sync_single_for_device() or dma_sync_single_for_cpu() on the DMA
/// handle of the buffer that vaddr points into.
///
/// The handle comes from the allocation that produced the buffer
/// (dma_alloc_attrs, dmam_alloc_attrs, dma_alloc_noncoherent): the base
/// handle for the base pointer, "handle + offset" for "base + offset", and
/// a generated <prefix>_<buffer>_to_dma() helper for any other pointer into
/// the buffer (a descriptor in a ring).  DMA_TO_DEVICE and DMA_BIDIRECTIONAL
/// become _for_device; DMA_FROM_DEVICE becomes _for_device when the device
/// is started (an MMIO write) before the CPU looks at the buffer, and
/// _for_cpu when the CPU reads the buffer first.  Anywhere else the
/// default (_for_cpu) is applied and report/org mode flags the site.  The
/// new direction is the allocation's: DMA_BIDIRECTIONAL, or with -D narrow
/// the one direction every sync of the buffer uses.
///
/// Sites whose buffer cannot be found are left alone and reported.
///
// Confidence: Moderate
// Copyright: (C) 2026 The dmaconv authors
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: dma_cache_sync, DMA_ATTR_NON_CONSISTENT, dma_alloc_noncoherent
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

RULE = "dma_cache_sync"
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

narrow_on = False


def reset():
	"""spatch applies every rule to one file (or one file and the headers
	it includes) before the next: the state lives that long."""
	global buffers, sites, decided, defined_types, elem_types
	# One entry per buffer: the field name (or the plain variable) that
	# holds the CPU address, with its holder type, device and direction.
	buffers = {}
	# One entry per dma_cache_sync() site, keyed by position.
	sites = {}
	decided = {}
	# Structures defined in the group: a helper goes after one of them.
	defined_types = set()
	# What the pointer of each buffer points to, from its declaration.
	elem_types = {}

def key(p):
	return (p[0].file, int(p[0].line), int(p[0].column))

def dev_field(dev):
	m = re.search(r'->\s*(\w+)\s*\)?$', dev.strip())
	return m.group(1) if m else None

def add_buffer(k, kind, T, dirn, dev):
	if k in buffers:
		return
	buffers[k] = dict(kind=kind, T=T, dir=dirn, devf=dev_field(dev))

def pretty(e):
	"""spatch prints expressions with spaces around every token."""
	e = re.sub(r'\s*(->|\.)\s*', r'\1', e)
	e = re.sub(r'([(\[])\s+', r'\1', e)
	e = re.sub(r'\)\s+\(', ')(', e)
	e = re.sub(r'\s+\[', '[', e)
	return re.sub(r'\s+([)\]])', r'\1', e)

def resolve(p, buf, handle, holder=None, doubt=None):
	s = sites.get(key(p))
	if s is None or s.get("buf") is not None:
		return
	if handle is None:
		T = buffers[buf]["T"]
		if T not in defined_types:
			s["why"] = ("'%s' points into %s, but %s is not defined in the "
				    "files given to spatch, so no helper can be added; "
				    "give spatch the driver's header too (--file-groups)"
				    % (pretty(s["V"]), buf, T))
			return
		handle = "%s(%s, %s)" % (helper_name(buf), pretty(holder), pretty(s["V"]))
		s["helper"] = True
	s["buf"] = buf
	s["guess"] = doubt
	s["handle"] = handle

# Pointer arithmetic on these counts bytes: "base + off" is "handle + off".
BYTE_TYPES = set(["void", "char", "unsigned char", "signed char", "u8", "s8",
		  "__u8", "__s8", "uint8_t", "int8_t"])

def byte_offset(buf, base, off):
	"""The handle offset for "base + off": off itself on a byte pointer,
	off elements otherwise (also when the type is not known)."""
	t = re.sub(r'\b(const|volatile|__iomem|__force)\b', '', elem_types.get(buf, ""))
	if " ".join(t.split()) in BYTE_TYPES:
		return off
	return "%s * sizeof(*%s)" % (paren(off), base)

def paren(e):
	return e if re.match(r'^[\w>.-]+$', e) else "(%s)" % e

def struct_prefix(T):
	tag = re.sub(r'^(struct|union)\s+', '', T.strip())
	tag = re.sub(r'\s*\*$', '', tag)
	for suffix in ("_private", "_priv", "_hostdata", "_host", "_data",
		       "_info", "_dev"):
		if tag.endswith(suffix) and len(tag) > len(suffix):
			return tag[:-len(suffix)]
	return tag

def helper_name(buf):
	b = buffers[buf]
	return "%s_%s_to_dma" % (struct_prefix(b["T"]), buf)

def buffer_dir(buf):
	"""The allocation's direction, or with -D narrow the one direction
	every sync of the buffer uses (when every site could be followed)."""
	b = buffers[buf]
	if b["dir"]:
		return b["dir"]
	dirs = set(s["dir"] for s in sites.values() if s.get("buf") == buf)
	if narrow_on and len(dirs) == 1 and \
	   not any(s.get("buf") is None for s in sites.values()) and \
	   list(dirs)[0] in ("DMA_TO_DEVICE", "DMA_FROM_DEVICE"):
		return list(dirs)[0]
	return "DMA_BIDIRECTIONAL"

def choose_fn(s):
	"""Position, not direction, decides: returns (function, doubt)."""
	if s["dir"] in DEVICE_DIRECTIONS:
		return (TO_DEVICE, None)
	if s["dir"] != "DMA_FROM_DEVICE":
		return (None, "direction '%s' is not a constant DMA_* direction"
			% pretty(s["dir"]))
	known = BY_POSITION.get((s.get("kick", False), s.get("read", False)))
	if known:
		return known
	if s["func"] == "something_else":
		why = "inside a macro: the position is at each use of the macro"
	else:
		why = ("neither a device start nor a CPU read of '%s' follows in %s()"
		       % (pretty(s["V"]), s["func"]))
	return (DEFAULT_FN, why)

def decide(p):
	"""Returns the decision for a site, or None when it stays unconverted."""
	k = key(p)
	if k in decided:
		return decided[k]
	s = sites[k]
	d = None
	if s.get("buf") is not None:
		fn, doubt = choose_fn(s)
		how = " by default" if doubt else ""
		if s.get("guess"):
			doubt = s["guess"] + (("; " + doubt) if doubt else "")
		if fn:
			d = dict(fn=fn, doubt=doubt, how=how, dir=buffer_dir(s["buf"]),
				 handle=s["handle"], helper=s.get("helper"),
				 buf=s["buf"])
	decided[k] = d
	return d

def site_message(p):
	"""The report line for a site patch mode leaves or converts on an
	assumption; None for a site converted without doubt."""
	s = sites[key(p)]
	d = decide(p)
	if d is None:
		return "%s: not converted: %s" % (RULE, why_unconverted(s))
	if d["doubt"]:
		return ("%s: converted to %s%s, check by hand: %s"
			% (RULE, d["fn"], d["how"], d["doubt"]))
	return None

def why_unconverted(s):
	if s.get("why"):
		return s["why"]
	if s.get("buf") is None:
		return ("cannot tell which allocation '%s' points into; "
			"convert by hand with the buffer's dma_addr_t" % pretty(s["V"]))
	return choose_fn(s)[1]

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

//----------------------------------------------------------------------
// 1. The buffers: where a CPU address and its handle are allocated.
//----------------------------------------------------------------------

@buf_field depends on legacy@
type T;
T *X;
identifier f, hf;
expression Y, D, S, G, A, DIR;
position pa;
@@
(
X->f = dma_alloc_attrs@pa(D, S, &Y->hf, G, A)
|
X->f = dmam_alloc_attrs@pa(D, S, &Y->hf, G, A)
|
X->f = dma_alloc_noncoherent@pa(D, S, &Y->hf, G)
|
X->f = dma_alloc_noncoherent@pa(D, S, &Y->hf, DIR, G)
)

@script:python depends on legacy@
T << buf_field.T;
f << buf_field.f;
D << buf_field.D;
DIR << buf_field.DIR = "";
@@
add_buffer(f, "field", T, DIR or None, D)

// Structures defined here: a generated helper is placed after one.
@holder_def depends on legacy@
identifier I;
@@
struct I { ... };

@script:python depends on legacy@
I << holder_def.I;
@@
defined_types.add("struct " + I)

// The type the field of a buffer points to, for pointer arithmetic.
@elem_type depends on legacy@
identifier I, buf_field.f;
type FT;
@@
struct I { ... FT *f; ... };

@script:python depends on legacy@
f << buf_field.f;
FT << elem_type.FT;
@@
elem_types[f] = FT

// A buffer the driver keeps as a struct page: synced at page_address().
@buf_page depends on legacy@
identifier f, hf;
expression X, Y, D, S, G, A, DIR;
position pa;
@@
(
X->f = virt_to_page(dma_alloc_attrs@pa(D, S, &Y->hf, G, A))
|
X->f = dma_alloc_pages@pa(D, S, &Y->hf, DIR, G)
)

@script:python depends on legacy@
f << buf_page.f;
D << buf_page.D;
DIR << buf_page.DIR = "";
@@
add_buffer("page:" + f, "page", None, DIR or None, D)

@buf_var depends on legacy@
expression B, H, D, S, G, A, DIR;
position pa;
@@
(
B = dma_alloc_attrs@pa(D, S, &H, G, A)
|
B = dmam_alloc_attrs@pa(D, S, &H, G, A)
|
B = dma_alloc_noncoherent@pa(D, S, &H, G)
|
B = dma_alloc_noncoherent@pa(D, S, &H, DIR, G)
)

@script:python depends on legacy@
B << buf_var.B;
D << buf_var.D;
DIR << buf_var.DIR = "";
@@
if "->" not in B and "." not in B:
	add_buffer(B, "var", None, DIR or None, D)

@var_type depends on legacy@
identifier V;
type FT;
@@
FT *V;

@script:python depends on legacy@
V << var_type.V;
FT << var_type.FT;
@@
if V in buffers and buffers[V]["kind"] == "var":
	elem_types[V] = FT

//----------------------------------------------------------------------
// 2. The legacy sites.
//----------------------------------------------------------------------

@site depends on legacy@
expression D, V, S, R;
position p;
@@
dma_cache_sync@p(D, V, S, R)

@script:python depends on legacy@
p << site.p;
V << site.V;
R << site.R;
@@
sites[key(p)] = dict(V=V, dir=R, func=p[0].current_element, buf=None)

//----------------------------------------------------------------------
// 3. Which buffer each site syncs, most precise form first.
//----------------------------------------------------------------------

@res_base depends on legacy@
identifier buf_field.f;
expression Z, D, S, R;
position p;
@@
dma_cache_sync@p(D, Z->f, S, R)

@script:python depends on legacy@
p << res_base.p;
f << buf_field.f;
hf << buf_field.hf;
Z << res_base.Z;
@@
resolve(p, f, "%s->%s" % (Z, hf))

@res_off depends on legacy@
identifier buf_field.f;
expression Z, O, D, S, R;
position p;
@@
dma_cache_sync@p(D, Z->f + O, S, R)

@script:python depends on legacy@
p << res_off.p;
f << buf_field.f;
hf << buf_field.hf;
Z << res_off.Z;
O << res_off.O;
@@
resolve(p, f, "%s->%s + %s" % (pretty(Z), hf,
			       byte_offset(f, "%s->%s" % (pretty(Z), f), O)))

@res_elem depends on legacy@
identifier buf_field.f;
expression Z, O, D, S, R;
position p;
@@
dma_cache_sync@p(D, &Z->f[O], S, R)

@script:python depends on legacy@
p << res_elem.p;
f << buf_field.f;
hf << buf_field.hf;
Z << res_elem.Z;
O << res_elem.O;
@@
resolve(p, f, "%s->%s + %s * sizeof(*%s->%s)" % (Z, hf, paren(O), Z, f))

@res_page depends on legacy@
identifier buf_page.f;
expression Z, O, D, S, R;
position p;
@@
(
dma_cache_sync@p(D, page_address(Z->f), S, R)
|
dma_cache_sync@p(D, page_address(Z->f) + O, S, R)
)

@script:python depends on legacy@
p << res_page.p;
f << buf_page.f;
hf << buf_page.hf;
Z << res_page.Z;
O << res_page.O = "";
@@
resolve(p, "page:" + f, "%s->%s" % (pretty(Z), hf) + (" + " + O if O else ""))

@res_var depends on legacy@
expression buf_var.B, O, D, S, R;
position p;
@@
(
dma_cache_sync@p(D, B, S, R)
|
dma_cache_sync@p(D, B + O, S, R)
)

@script:python depends on legacy@
p << res_var.p;
B << buf_var.B;
H << buf_var.H;
O << res_var.O = "";
@@
if B in buffers:
	resolve(p, B, H + (" + " + byte_offset(B, B, O) if O else ""))

// The address of a member or element inside the buffer.
@res_inside depends on legacy@
identifier buf_field.f, m;
expression Z, O, D, S, R;
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
f << buf_field.f;
Z << res_inside.Z;
@@
resolve(p, f, None, Z)

// A local pointer set from the buffer earlier in the same function.
@res_ptr depends on legacy exists@
identifier buf_field.f;
expression Z, O, D, S, R, E;
idexpression P;
type T2;
position p;
@@
P = \(Z->f\|Z->f + O\|&Z->f[O]\)
... when != P = E
dma_cache_sync@p(D, \(P\|(T2)P\), S, R)

@script:python depends on legacy@
p << res_ptr.p;
f << buf_field.f;
Z << res_ptr.Z;
@@
resolve(p, f, None, Z)

@res_ptr_decl depends on legacy exists@
identifier buf_field.f;
expression Z, O, D, S, R, E;
identifier P;
type T1, T2;
position p;
@@
T1 P = \(Z->f\|Z->f + O\|&Z->f[O]\);
... when != P = E
dma_cache_sync@p(D, \(P\|(T2)P\), S, R)

@script:python depends on legacy@
p << res_ptr_decl.p;
f << buf_field.f;
Z << res_ptr_decl.Z;
@@
resolve(p, f, None, Z)

// The device is reached through the structure that holds exactly one
// buffer allocated for that device: macros and inline helpers.
@res_dev depends on legacy@
expression E, P, S, R;
identifier df;
position p;
@@
dma_cache_sync@p(E->df, P, S, R)

@script:python depends on legacy@
p << res_dev.p;
E << res_dev.E;
df << res_dev.df;
@@
cands = [b for b, v in buffers.items() if v["kind"] == "field" and v["devf"] == df]
if len(cands) == 1:
	resolve(p, cands[0], None, E,
		"'%s' is taken to point into %s, the only non-consistent buffer "
		"allocated for %s" % (pretty(sites[key(p)]["V"]), cands[0], pretty(E + "->" + df)))

//----------------------------------------------------------------------
// 4. Position: what follows a DMA_FROM_DEVICE sync.
//----------------------------------------------------------------------

@kick depends on legacy disable plus_comm exists@
expression D, E, O, S;
identifier mmio =~ "^(write[bwlq](_relaxed)?|iowrite(8|16|32)(be)?|__raw_write[bwlq]|out[bwl])$";
type T;
position p;
@@
dma_cache_sync@p(D, \(E + O\|&E[O]\|(T)E\|E\), S, DMA_FROM_DEVICE);
... when != E
mmio(...);

@script:python depends on legacy@
p << kick.p;
@@
sites[key(p)]["kick"] = True

@read depends on legacy disable plus_comm exists@
expression D, E, O, S;
identifier mmio =~ "^(write[bwlq](_relaxed)?|iowrite(8|16|32)(be)?|__raw_write[bwlq]|out[bwl])$";
type T;
position p;
@@
dma_cache_sync@p(D, \(E + O\|&E[O]\|(T)E\|E\), S, DMA_FROM_DEVICE);
... when != mmio(...)
E

@script:python depends on legacy@
p << read.p;
@@
sites[key(p)]["read"] = True

//----------------------------------------------------------------------
// 5. Patch mode: rewrite each site in the form its buffer was found in.
//----------------------------------------------------------------------

@script:python dec depends on legacy && patch@
p << site.p;
fn;
nd;
h;
@@
# Patch mode says on stderr what report mode would (stdout carries the
# diff), so that a front end applying the series keeps the sites it must
# show a human.
msg = site_message(p)
if msg:
	sys.stderr.write(coccilib.report.build_report(p[0], msg) + "\n")
d = decide(p)
if d is None:
	cocci.include_match(False)
else:
	coccinelle.fn = cocci.make_ident(d["fn"])
	coccinelle.nd = cocci.make_ident(d["dir"])
	coccinelle.h = cocci.make_expr(d["handle"])

@conv depends on legacy && patch@
identifier dec.fn, dec.nd;
expression dec.h;
expression V, D, S, R;
position site.p;
@@
- dma_cache_sync@p(D, V, S, R)
+ fn(D, h, S, nd)

// One helper per buffer that needs one, after the holder's definition.
@script:python helper_def depends on legacy && (conv)@
f << buf_field.f;
hf << buf_field.hf;
helper;
@@
used = set(d["buf"] for d in decided.values() if d and d["helper"])
if f not in used:
	cocci.include_match(False)
else:
	coccinelle.helper = cocci.make_ident(helper_name(f))

@has_helper depends on legacy@
identifier helper_def.helper;
@@
helper(...) { ... }

@add_helper depends on legacy && (patch && !has_helper)@
type buf_field.T;
identifier buf_field.f, buf_field.hf, helper_def.helper;
typedef dma_addr_t;
@@
T { ... };
++ static inline dma_addr_t helper(T *priv, const volatile void *p)
++ {
++	return priv->hf + ((unsigned long)p - (unsigned long)priv->f);
++ }

//----------------------------------------------------------------------
// 6. context, org and report modes.
//----------------------------------------------------------------------

@ctx depends on legacy && context@
expression D, V, S, R;
@@
* dma_cache_sync(D, V, S, R)

@script:python depends on legacy && org@
p << site.p;
@@
msg = site_message(p)
if msg:
	coccilib.org.print_todo(p[0], msg)

@script:python depends on legacy && report@
p << site.p;
@@
msg = site_message(p)
if msg:
	coccilib.report.print_report(p[0], msg)
