#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that report mode lists exactly the sites a fixture expects.

Runs each semantic patch of the series in report and org mode on the state the
series gives it (the patches before it applied in patch mode), and matches
every report line "file:line:col-col: <rule>: <reason>" with a comment

	/* cocci-expect: <rule>: <part of the reason> */

on the reported line or the line before it.  Every report line must match a
comment, every comment must be matched exactly once, and org mode must list
the same sites with the same messages.  Prints what is
wrong and exits 1, or exits 0.
"""
import argparse
import re
import shlex
import subprocess
import sys

ORG = re.compile(r'^\* TODO \[\[view:(.*?)::face=[^:]*::linb=(\d+)::colb=\d+::cole=\d+\]\[(.*)\]\]$')
EXPECT = re.compile(r'cocci-expect:\s*(\S+?):\s*(.*?)\s*\*/')
REPORT = re.compile(r'^(.*?):(\d+):\d+-\d+: (\S+?): (.*)$')


def expectations(path):
	"""(rule, text) for every cocci-expect comment, by line number."""
	found = {}
	try:
		with open(path) as f:
			for no, line in enumerate(f, 1):
				for m in EXPECT.finditer(line):
					found.setdefault(no, []).append((m.group(1), m.group(2)))
	except OSError:
		pass
	return found


def run(cmd, cwd, want_stderr=False):
	res = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
			     stderr=subprocess.PIPE, universal_newlines=True)
	if res.returncode != 0:
		sys.stdout.write("spatch failed: %s\n%s" % (" ".join(cmd), res.stderr))
		sys.exit(1)
	return res.stderr if want_stderr else res.stdout


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--dir", required=True)
	ap.add_argument("--file", required=True)
	ap.add_argument("--spatch", required=True)
	ap.add_argument("patches", nargs="+")
	args = ap.parse_args()
	spatch = shlex.split(args.spatch)

	hits = {}
	problems = []
	for patch in args.patches:
		base = spatch[:1] + ["--sp-file", patch] + spatch[1:]
		out = run(base + ["-D", "report", args.file], args.dir)
		# org mode must list the same sites with the same messages.
		org = set()
		for line in run(base + ["-D", "org", args.file], args.dir).splitlines():
			m = ORG.match(line)
			if m:
				org.add((m.group(1), int(m.group(2)), m.group(3)))
			elif line.strip():
				problems.append("not an org line: " + line)
		rep = set()
		first = len(problems)
		for line in out.splitlines():
			m = REPORT.match(line)
			if not m:
				problems.append("not a report line: " + line)
				continue
			fn, no, rule, reason = m.group(1), int(m.group(2)), m.group(3), m.group(4)
			rep.add((fn, no, rule + ": " + reason))
			exp = expectations("%s/%s" % (args.dir, fn))
			match = None
			for at in (no, no - 1):
				for r, text in exp.get(at, []):
					if r == rule and text in reason:
						match = (r, text)
						break
				if match:
					break
			if match is None:
				problems.append("unexpected report: " + line)
			else:
				hits[match] = hits.get(match, 0) + 1
		problems[first:first] = ["org and report modes differ at %s:%d: %s" % x
				   for x in sorted(org ^ rep)]
		# patch mode says the same on stderr while it converts.
		said = set(l for l in run(base + ["-D", "patch", "--in-place", args.file],
					  args.dir, want_stderr=True).splitlines()
			   if REPORT.match(l))
		for l in sorted(said ^ set(l for l in out.splitlines() if l.strip())):
			problems.append("patch mode's stderr and report mode differ: " + l)

	wanted = set()
	for fn in (args.file, re.sub(r'\.c$', '.h', args.file)):
		for lst in expectations("%s/%s" % (args.dir, fn)).values():
			wanted.update(lst)
	for w in sorted(wanted):
		if hits.get(w, 0) != 1:
			problems.append("expected once, reported %d times: %s: %s"
					% (hits.get(w, 0), w[0], w[1]))
	for p in problems:
		print(p)
	return 1 if problems else 0


if __name__ == "__main__":
	sys.exit(main())
