# SPDX-License-Identifier: GPL-2.0
"""Just enough C for the round trip: find calls, their arguments and the
function or macro they sit in, in kernel driver sources.

Comments and string literals are blanked (same length, so offsets and
line numbers stay right) before anything is searched; a call's
arguments are split at the top-level commas of its parentheses.
"""
import re

IDENT = re.compile(r'[A-Za-z_]\w*')


def blank(text):
	"""The text with comments and string/char literals replaced by spaces
	(newlines kept)."""
	out = []
	i, n = 0, len(text)
	while i < n:
		c = text[i]
		if text.startswith("/*", i):
			j = text.find("*/", i + 2)
			j = n if j < 0 else j + 2
			out.append(re.sub(r'[^\n]', ' ', text[i:j]))
			i = j
		elif text.startswith("//", i):
			j = text.find("\n", i)
			j = n if j < 0 else j
			out.append(" " * (j - i))
			i = j
		elif c in "\"'":
			j = i + 1
			while j < n and text[j] != c:
				j += 2 if text[j] == "\\" else 1
			j = min(j + 1, n)
			out.append(c + re.sub(r'[^\n]', ' ', text[i + 1:j - 1]) + c)
			i = j
		else:
			out.append(c)
			i += 1
	return "".join(out)


def line_of(text, off):
	return text.count("\n", 0, off) + 1


def closing(b, open_at):
	"""The offset of the parenthesis closing the one at open_at."""
	depth = 0
	for i in range(open_at, len(b)):
		if b[i] == "(":
			depth += 1
		elif b[i] == ")":
			depth -= 1
			if depth == 0:
				return i
	return -1


def split_args(text, b, start, end):
	"""The arguments between offsets start and end (exclusive), as
	(offset, text) pairs, split at top-level commas of the blanked b."""
	args, depth, last = [], 0, start
	for i in range(start, end):
		c = b[i]
		if c in "([{":
			depth += 1
		elif c in ")]}":
			depth -= 1
		elif c == "," and depth == 0:
			args.append((last, text[last:i]))
			last = i + 1
	if text[last:end].strip() or args:
		args.append((last, text[last:end]))
	return args


def define_spans(text):
	"""(name, first offset, end offset) of every #define."""
	spans = []
	for m in re.finditer(r'^[ \t]*#[ \t]*define[ \t]+(\w+)', text, re.M):
		end = m.start()
		while True:
			nl = text.find("\n", end)
			if nl < 0:
				end = len(text)
				break
			if text[nl - 1] == "\\":
				end = nl + 1
				continue
			end = nl
			break
		spans.append((m.group(1), m.start(), end))
	return spans


def function_spans(b):
	"""(name, body start, body end) of every function definition."""
	spans, depth, i = [], 0, 0
	while i < len(b):
		c = b[i]
		if c == "{":
			if depth == 0:
				head = b[max(0, i - 2000):i]
				# the last "name(" ... ")" before the brace, at top level
				m = None
				for m in re.finditer(r'(\w+)\s*\(', head):
					pass
				name = m.group(1) if m else None
				if name in ("if", "while", "for", "switch", "sizeof"):
					name = None
				if re.search(r'[=;]\s*$', head.rstrip()) or \
				   re.search(r'\b(struct|union|enum)\s+\w*\s*$', head):
					name = None
				start = i
			depth += 1
		elif c == "}":
			depth -= 1
			if depth == 0 and name:
				spans.append((name, start, i + 1))
				name = None
		i += 1
	return spans


class Source:
	"""One C file: its text, blanked text, functions and macros."""

	def __init__(self, text):
		self.text = text
		self.b = blank(text)
		self.defines = define_spans(self.b)
		# A macro body is not code of a function: blank it for the
		# function scanner (an unbalanced brace in a macro would shift
		# every function after it).
		b2 = list(self.b)
		for _, s, e in self.defines:
			for k in range(s, e):
				if b2[k] != "\n":
					b2[k] = " "
		self.funcs = function_spans("".join(b2))

	def scope(self, off):
		for name, s, e in self.defines:
			if s <= off < e:
				return "define " + name
		for name, s, e in self.funcs:
			if s <= off < e:
				return name
		return None

	def calls(self, names):
		"""Every call of one of names: dict(name, off, line, scope, args,
		text) in file order."""
		pat = re.compile(r'\b(%s)\s*\(' % "|".join(map(re.escape, names)))
		out = []
		for m in pat.finditer(self.b):
			open_at = m.end() - 1
			close = closing(self.b, open_at)
			if close < 0:
				continue
			args = [a for _, a in split_args(self.text, self.b, open_at + 1, close)]
			out.append(dict(name=m.group(1), off=m.start(), end=close + 1,
					line=line_of(self.text, m.start()),
					scope=self.scope(m.start()), args=args,
					text=self.text[m.start():close + 1]))
		return out


def norm(expr):
	"""An expression compared as text: no blanks, no outer parentheses,
	no parentheses around a lone name."""
	e = re.sub(r'\s+', '', expr or "")
	e = re.sub(r'\((\w+)\)', r'\1', e)
	while e.startswith("(") and closing(e, 0) == len(e) - 1:
		e = e[1:-1]
	return e
