#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A strict check of dmaconv review -f sarif against SARIF 2.1.0.

  sarif_check.py FILE [RULE:PATH:LINE ...]

The properties sarif-schema-2.1.0.json requires of each object dmaconv
writes, the types and enumerations of the ones it uses, the rules'
indices, relative locations under a declared uriBaseId; then that a
result exists for each RULE:PATH:LINE given.  Exit 0 when all hold,
else 1 with the reason.
"""
import json
import sys

LEVELS = ("none", "note", "warning", "error")


def check(d, want):
	assert isinstance(d, dict), "not an object"
	assert d.get("version") == "2.1.0", "version"
	assert isinstance(d.get("$schema", ""), str)
	runs = d["runs"]
	assert isinstance(runs, list) and len(runs) == 1, "runs"
	run = runs[0]
	drv = run["tool"]["driver"]
	assert isinstance(drv["name"], str) and drv["name"] == "dmaconv"
	assert isinstance(drv.get("version", ""), str)
	rules = drv["rules"]
	ids = []
	for r in rules:
		assert isinstance(r["id"], str) and r["id"], r
		assert isinstance(r["shortDescription"]["text"], str), r
		assert r["defaultConfiguration"]["level"] in LEVELS, r
		ids.append(r["id"])
	assert len(set(ids)) == len(ids), "duplicate rule ids"
	bases = run.get("originalUriBaseIds", {})
	assert isinstance(bases, dict)
	got = set()
	for x in run["results"]:
		assert isinstance(x["message"]["text"], str) and x["message"]["text"], x
		assert x["level"] in LEVELS, x
		assert ids[x["ruleIndex"]] == x["ruleId"], x
		assert len(x["locations"]) >= 1, x
		loc = x["locations"][0]["physicalLocation"]
		uri = loc["artifactLocation"]["uri"]
		assert isinstance(uri, str) and not uri.startswith("/") and "/tmp" not in uri, uri
		assert loc["artifactLocation"]["uriBaseId"] in bases, loc
		reg = loc["region"]
		assert isinstance(reg["startLine"], int) and reg["startLine"] >= 1, reg
		assert reg.get("startColumn", 1) >= 1, reg
		got.add("%s:%s:%d" % (x["ruleId"], uri, reg["startLine"]))
	for w in want:
		assert w in got, "no result %s (have %s)" % (w, sorted(got))


try:
	check(json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2:])
except (AssertionError, KeyError, IndexError, TypeError, ValueError) as e:
	print("sarif_check: %s: %r" % (sys.argv[1], e))
	sys.exit(1)
