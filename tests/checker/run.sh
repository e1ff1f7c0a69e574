#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmacheck's suite.  Every tests/checker/*.c carries its expectations:
#
#	/* expect: <check-id>[, <check-id>...] */   on a line that must warn
#	/* dmacheck-flags: <flags> */               extra command-line flags
#
# A file passes when dmacheck prints exactly the expected findings: one
# missing or one extra fails it.  Then the command-line and bad-input
# cases.  TAP on stdout.  DMACHECK=path runs another build (sanitizers).
#
#	tests/checker/run.sh [file...]
#
# With no file, everything.  Given files (tests/run passes absolute
# paths: make check-one T=tests/checker/wrong_free.c), only their tests:
# a tests/checker/*.c runs that fixture, tests/checker/unit/ (or a file in
# it) the unit tests, this script itself the command-line and bad-input
# cases, tests/checker/ everything.
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
DMACHECK=${DMACHECK:-$BUILD/dmacheck}
here=$TOP/tests/checker
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -s "$tmp/why" ] && sed 's/^/# /' "$tmp/why"
	: >"$tmp/why"
}
check() { if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi; }

if [ ! -x "$DMACHECK" ]; then
	echo "1..1"
	echo "not ok 1 - dmacheck not built at $DMACHECK (run make)"
	exit 1
fi

# ---- what to run ----

want_unit=0 want_cli=0 fixtures=()
if [ $# -eq 0 ]; then
	set -- "$here"
fi
for arg in "$@"; do
	path=$(realpath -m "$arg")
	case $path in
	"$here")
		want_unit=1 want_cli=1
		fixtures+=("$here"/*.c)
		;;
	"$here/unit" | "$here"/unit/*)
		want_unit=1
		;;
	"$here/run.sh")
		want_cli=1
		;;
	"$here"/*.c)
		if [ -f "$path" ] && [ "$(dirname "$path")" = "$here" ]; then
			fixtures+=("$path")
		else
			echo "no such fixture: $arg" >"$tmp/why"
			not_ok "$(basename "$arg")"
		fi
		;;
	*)
		echo "$arg holds no test of this suite (a tests/checker/*.c fixture, tests/checker/unit/, or run.sh)" >"$tmp/why"
		not_ok "$(basename "$arg")"
		;;
	esac
done

# ---- unit tests of the API table (cmocka, TAP) ----

unit=$BUILD/tests/checker/unit-api
if [ "$want_unit" -eq 0 ]; then
	:
elif [ -x "$unit" ]; then
	CMOCKA_MESSAGE_OUTPUT=TAP "$unit" >"$tmp/unit" 2>&1
	rc=$?
	before=$failed
	# cmocka numbers its own tests; renumber into this suite's plan
	while read -r line; do
		case "$line" in
		"ok "*) ok "api table: ${line#ok * - }" ;;
		"not ok "*) echo "$line" >"$tmp/why"; not_ok "api table: ${line#not ok * - }" ;;
		"#"*) echo "$line" ;;
		esac
	done <"$tmp/unit"
	if [ $rc -ne 0 ] && [ "$failed" -eq "$before" ]; then
		cat "$tmp/unit" >"$tmp/why"
		not_ok "api table unit tests exit $rc"
	fi
else
	echo "ok $((n + 1)) - api table unit tests # SKIP not built ($unit)"
	n=$((n + 1))
fi

# ---- expectation files ----

# "line check" pairs a file expects, sorted.
expected() {
	awk '{
		s = $0
		while ((i = index(s, "expect:")) > 0) {
			s = substr(s, i + 7)
			e = s
			sub(/\*\/.*/, "", e)
			n = split(e, ids, /[ ,]+/)
			for (k = 1; k <= n; k++)
				if (ids[k] != "")
					print FNR, ids[k]
		}
	}' "$1" | sort
}

flags_of() {
	sed -n 's|.*/\* dmacheck-flags: \(.*\) \*/.*|\1|p' "$1" | head -n 1
}

for src in "${fixtures[@]}"; do
	name=$(basename "$src")
	flags=$(flags_of "$src")
	expected "$src" >"$tmp/want"
	# shellcheck disable=SC2086
	(cd "$here" && "$DMACHECK" -I "$TOP/include" $flags "$name") \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	sed -n "s|^$name:\([0-9]*\):[0-9]*: warning: .* \[\([a-z-]*\)\]\$|\1 \2|p" \
		"$tmp/err" | sort >"$tmp/got"
	if [ $rc -ne 0 ]; then
		{ echo "exit status $rc"; cat "$tmp/err"; } >"$tmp/why"
		not_ok "$name"
	elif ! diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
		{ echo "expected (-) vs reported (+), as 'line check':"
		  sed -n '3,$p' "$tmp/diff" | grep '^[-+]'
		  echo "dmacheck said:"; cat "$tmp/err"; } >"$tmp/why"
		not_ok "$name"
	else
		ok "$name ($(wc -l <"$tmp/want") findings)"
	fi
done

if [ "$want_cli" -eq 0 ]; then
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit
fi

# ---- the command line ----

good=$here/cpu_write_device_owned.c
inc="-I $TOP/include"

"$DMACHECK" --version >"$tmp/v" 2>&1
grep -q "^dmacheck .*(sparse $(cat "$BUILD/sparse/VERSION" 2>/dev/null))" "$tmp/v"
check $? "--version names the sparse build"

# The kernel's command line: gcc and sparse flags of every shape.
# shellcheck disable=SC2086
"$DMACHECK" -D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise \
	-Wno-return-void -Wno-unknown-attribute -D__x86_64__ --arch=x86_64 \
	-mlittle-endian -m64 -Wp,-MMD,drivers/x/.y.o.d $inc \
	-include "$TOP/include/linux/kernel.h" -D__KERNEL__ \
	-fmacro-prefix-map=./= -Wall -Wundef -Werror=strict-prototypes \
	-fno-strict-aliasing -fno-common -fshort-wchar -fno-PIE \
	-std=gnu11 -mno-sse -mno-mmx -mno-red-zone -mcmodel=kernel \
	-fno-asynchronous-unwind-tables -O2 --param=allow-store-data-races=0 \
	-fno-stack-protector -g -gdwarf-5 -DMODULE -DKBUILD_BASENAME='"y"' \
	-DKBUILD_MODNAME='"y"' -D__KBUILD_MODNAME=kmod_y "$good" \
	>/dev/null 2>"$tmp/err"
rc=$?
want=$(expected "$good" | wc -l)
[ $rc -eq 0 ] && [ "$(grep -c "\[cpu-write-device-owned\]" "$tmp/err")" -eq "$want" ]
check $? "the kernel's full sparse command line is accepted"

# JSON on stdout, one object, the contract's fields.
# shellcheck disable=SC2086
"$DMACHECK" -f json $inc "$good" >"$tmp/json" 2>"$tmp/err"
python3 - "$tmp/json" "$want" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["tool"] == "dmacheck" and d["version"] and d["sparse"], d
assert d["files"] == [{"file": d["files"][0]["file"], "status": "ok"}], d["files"]
f = d["findings"]
assert len(f) == int(sys.argv[2]), f
for x in f:
    assert set(x) == {"file", "line", "column", "check", "severity", "message"}, x
    assert x["check"] == "cpu-write-device-owned" and x["severity"] == "warning"
    assert isinstance(x["line"], int) and isinstance(x["column"], int)
PY
check $? "-f json writes the contract's object to stdout"
[ ! -s "$tmp/err" ]
check $? "-f json prints no findings on stderr"

# shellcheck disable=SC2086
"$DMACHECK" -Wno-cpu-write-device-owned $inc "$good" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && ! grep -q "cpu-write-device-owned" "$tmp/err"
check $? "-Wno-<check> turns a check off"

# shellcheck disable=SC2086
"$DMACHECK" --fail-on-findings $inc "$good" 2>/dev/null
check $(($? == 2 ? 0 : 1)) "--fail-on-findings exits 2 on findings"

# shellcheck disable=SC2086
"$DMACHECK" --fail-on-findings $inc "$here/gfp_dir_swap.c" -Wno-gfp-dir-swap \
	-Wno-sync-direction 2>/dev/null
check $? "--fail-on-findings exits 0 without findings"

# Sparse's own warnings: off by default, on with --sparse-warnings.
cat >"$tmp/plain.c" <<'C'
int f(void);
int f() { return 0; }
static int unused_decl = 1 << 40;
C
"$DMACHECK" -Wsparse-all "$tmp/plain.c" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]
check $? "sparse's own warnings are off by default"
"$DMACHECK" --sparse-warnings -Wsparse-all "$tmp/plain.c" 2>"$tmp/err"
grep -q "warning:" "$tmp/err"
check $? "--sparse-warnings turns sparse's warnings on"

# ---- bad input ----

"$DMACHECK" "$tmp/missing.c" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	grep -q "missing.c: cannot read" "$tmp/err"
check $? "a missing file: one message, exit 1"

printf '\177ELF\0\0\0binary' >"$tmp/blob.c"
"$DMACHECK" "$tmp/blob.c" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "blob.c: binary data, not a C source file" "$tmp/err"
check $? "a non-C file: a clear message, exit 1"

printf 'int f(void) { return }\nint g(void {\n' >"$tmp/broken.c"
# shellcheck disable=SC2086
"$DMACHECK" -f json $inc "$tmp/broken.c" "$good" "$tmp/missing.c" \
	>"$tmp/json" 2>"$tmp/err"
rc=$?
python3 - "$tmp/json" "$want" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
st = [(f["file"].rsplit("/", 1)[-1], f["status"]) for f in d["files"]]
assert st == [("broken.c", "error"), ("cpu_write_device_owned.c", "ok"),
              ("missing.c", "error")], st
assert all(f.get("error") for f in d["files"] if f["status"] == "error"), d
assert len(d["findings"]) == int(sys.argv[2]), d["findings"]
PY
py=$?
[ $py -eq 0 ] && [ $rc -eq 1 ]
check $? "an unparsable file among good ones: that file fails, the rest is checked"
grep -q "broken.c: .*error" "$tmp/err"
check $? "the unparsable file's error names the file"

"$DMACHECK" --no-such-option "$good" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "unknown option '--no-such-option'" "$tmp/err"
check $? "an unknown option: one clear message, exit 1"

"$DMACHECK" -f yaml "$good" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "unknown output format" "$tmp/err"
check $? "an unknown output format is refused"

"$DMACHECK" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "no input files" "$tmp/err"
check $? "no input files is refused"

# strtoul() takes "-1" as the largest number and 2^32 would wrap to "no
# time limit": both are refused, not taken.
for arg in --work-limit=-1 --timeout=-1 --timeout=4294967296 --timeout=+5; do
	"$DMACHECK" "$arg" "$good" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -q "^dmacheck: bad ${arg%%=*} '${arg#*=}' (a whole number" "$tmp/err"
	check $? "$arg is refused"
done

# shellcheck disable=SC2086
"$DMACHECK" --stats $inc "$good" 2>"$tmp/err"
grep -q "^dmacheck: .*cpu_write_device_owned.c: parse [0-9.]*s, linearize [0-9.]*s, analysis [0-9.]*s$" "$tmp/err"
check $? "--stats says where the time went"

# Findings come in source order, whatever order the analysis found them.
# shellcheck disable=SC2086
"$DMACHECK" $inc "$good" "$here/kernel_ring_helpers.c" 2>&1 |
	sed -n 's/^\([^:]*\):\([0-9]*\):\([0-9]*\): warning: .*/\1 \2 \3/p' >"$tmp/order"
sort -s -k1,1 -k2,2n -k3,3n "$tmp/order" | cmp -s - "$tmp/order" && [ -s "$tmp/order" ]
check $? "findings are printed in source order"

# The work limit stops a function with a note, never a hang.
# shellcheck disable=SC2086
"$DMACHECK" --work-limit=5 $inc "$good" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && grep -q "note: .*work limit" "$tmp/err"
check $? "the per-function work limit ends with a note"

# Two findings at one position print in the order the checks make them:
# check_list.h's order, kicks slot by slot (same_position.c).
# shellcheck disable=SC2086
"$DMACHECK" $inc "$here/same_position.c" 2>&1 |
	sed -n 's/.*: warning: .* \[\([a-z-]*\)\]$/\1/p' >"$tmp/order"
printf '%s\n' use-after-free sync-direction ownership-imbalance \
	missing-sync-for-device | diff -u - "$tmp/order" >"$tmp/why"
check $? "findings at one position keep the checks' order"

# ---- the front end: the model, legacy code, partial parses, output ----

json_ok() {	# file [python assertions on d]: strict JSON (UTF-8, one document)
	python3 - "$@" >"$tmp/why" 2>&1 <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
d = json.loads(raw.decode("utf-8", "strict"))
if len(sys.argv) > 2:
    exec(sys.argv[2])
PY
}

# Legacy code in a 5.10+ tree: each message sparse gives for the removed
# API (checker/parsecheck.c's table) brings legacy-dma.h in.
i=0
for use in 'dma_cache_sync(d, p, 4, DMA_TO_DEVICE);' \
	   'p = dma_alloc_attrs(d, 4, &h, GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);' \
	   'p = dma_alloc_noncoherent(d, 4, &h, GFP_KERNEL);' \
	   'dma_free_noncoherent(d, 4, p, h);'; do
	i=$((i + 1))
	printf '#include <linux/dma-mapping.h>\nvoid f(struct device *d, void *p, dma_addr_t h);\nvoid f(struct device *d, void *p, dma_addr_t h)\n{\n\t%s\n}\n' \
		"$use" >"$tmp/old$i.c"
	# shellcheck disable=SC2086
	"$DMACHECK" -f json $inc "$tmp/old$i.c" >"$tmp/json" 2>"$tmp/err"
	rc=$?
	json_ok "$tmp/json" 'f = d["files"][0]
assert f["status"] == "ok" and f.get("legacy_header") is True, f
assert [x["check"] for x in d["findings"]] == ["legacy-api"], d["findings"]' &&
		[ $rc -eq 0 ]
	check $? "legacy code in a 5.10+ tree ($use): legacy-dma.h force-included, the site reported"
done
# shellcheck disable=SC2086
"$DMACHECK" -f json -I "$TOP/include" -DDMAREF_API_5_9 "$here/legacy_new_tree.c" >"$tmp/json" 2>/dev/null
json_ok "$tmp/json" 'assert "legacy_header" not in d["files"][0] and len(d["findings"]) == 5, d'
check $? "a tree with the old API gets no legacy-dma.h"

# A sparse error inside a function body: "partial", the dropped lines named, exit 1.
cat >"$tmp/partial.c" <<'C'
#include <linux/dma-mapping.h>
void f(struct device *dev, void *p);
void f(struct device *dev, void *p)
{
	dma_addr_t h = dma_map_single(NULL, p, 4, DMA_TO_DEVICE);

	no_such_helper(dev, h);
}
C
# shellcheck disable=SC2086
"$DMACHECK" $inc "$tmp/partial.c" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "partial.c: partial: .*partial.c:7 in f()" "$tmp/err" &&
	grep -q "\[null-device\]" "$tmp/err"
check $? "a sparse error in a function body: partial, the line named, exit 1, findings kept"
# shellcheck disable=SC2086
"$DMACHECK" -f json $inc "$tmp/partial.c" >"$tmp/json" 2>/dev/null
json_ok "$tmp/json" 'f = d["files"][0]
assert f["status"] == "partial", f
assert [(x["line"], x["function"]) for x in f["dropped"]] == [(7, "f")], f'
check $? "-f json: status partial with the dropped line and function"

# Missing files and headers never cost the JSON document.
# shellcheck disable=SC2086
"$DMACHECK" -f json $inc -include "$tmp/missing.h" "$good" "$tmp/partial.c" \
	>"$tmp/json" 2>"$tmp/err"
rc=$?
json_ok "$tmp/json" 'st = [(f["status"], "missing.h" in f["error"]) for f in d["files"]]
assert st == [("error", True), ("error", True)], d["files"]' &&
	[ $rc -eq 1 ]
check $? "-include missing.h: one JSON object, every file's status and reason"

# Bytes that are not UTF-8 in a file name and in sparse's message.
bad=$(printf '%s/caf\351.c' "$tmp")
printf '#include "\377\376.h"\nint x;\n' >"$bad"
for fmt in json sarif; do
	"$DMACHECK" -f $fmt "$bad" "$good" >"$tmp/out.$fmt" 2>/dev/null
	json_ok "$tmp/out.$fmt"
	check $? "-f $fmt stays valid JSON with invalid UTF-8 in names and messages"
done

# Options that make sparse print on stdout cannot share it with a document.
for opt in -E -dD -dM -fdump-ir -vcompound; do
	"$DMACHECK" -f json "$opt" "$good" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q "'$opt' makes sparse print" "$tmp/err"
	check $? "-f json refuses $opt with one message"
done

# Every option that takes a value takes it either way.
for args in "--timeout 30" "--timeout=30" "--work-limit 1000000" "--work-limit=1000000" \
	    "-f=json" "-f json" "--format json" "--format=json"; do
	# shellcheck disable=SC2086
	"$DMACHECK" $args $inc "$good" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	case $args in
	*json*) json_ok "$tmp/out" 'assert d["files"][0]["status"] == "ok"' ;;
	*) grep -q "cpu-write-device-owned" "$tmp/err" ;;
	esac &&
		[ $rc -eq 0 ]
	check $? "'$args' is taken"
done
for args in "--timeout" "--timeout=" "--timeout 1e3" "--timeout 0x10" "--work-limit=1.5" \
	    "--timeout= 5" "-f=yaml" "--stats=1"; do
	# shellcheck disable=SC2086
	"$DMACHECK" $args "$good" >/dev/null 2>"$tmp/err"
	[ $? -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^dmacheck: " "$tmp/err"
	check $? "'$args' is refused with one message"
done

# SARIF 2.1.0: the properties the schema requires, the rules, the results.
# shellcheck disable=SC2086
"$DMACHECK" -f sarif $inc "$good" "$tmp/partial.c" "$tmp/missing.c" >"$tmp/sarif" 2>/dev/null
python3 - "$tmp/sarif" "$want" "$("$DMACHECK" --list-checks | wc -l)" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
# sarif-schema-2.1.0.json: required properties of each object used
assert d["version"] == "2.1.0" and isinstance(d["runs"], list) and len(d["runs"]) == 1
run = d["runs"][0]
drv = run["tool"]["driver"]
assert isinstance(drv["name"], str) and drv["name"] == "dmacheck"
rules = drv["rules"]
assert len(rules) == int(sys.argv[3]), len(rules)
for r in rules:
    assert isinstance(r["id"], str) and r["helpUri"].startswith("file:///"), r
    assert r["helpUri"].endswith("/checks/%s.md" % r["id"]), r
    assert isinstance(r["shortDescription"]["text"], str)
ids = [r["id"] for r in rules]
assert len(set(ids)) == len(ids)
inv = run["invocations"]
assert len(inv) == 1 and inv[0]["executionSuccessful"] is False
notes = inv[0]["toolExecutionNotifications"]
for n in notes:
    assert isinstance(n["message"]["text"], str) and n["level"] in ("none", "note", "warning", "error")
assert any(n["level"] == "warning" and "partial" in n["message"]["text"] for n in notes), notes
assert any(n["level"] == "error" and "missing.c" in n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes), notes
res = run["results"]
assert len([x for x in res if x["ruleId"] == "cpu-write-device-owned"]) == int(sys.argv[2]), res
for x in res:
    assert isinstance(x["message"]["text"], str)
    assert ids[x["ruleIndex"]] == x["ruleId"]
    assert x["level"] in ("none", "note", "warning", "error")
    loc = x["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].startswith("file:///")
    assert loc["region"]["startLine"] >= 1 and loc["region"].get("startColumn", 1) >= 1
st = {a["location"]["uri"].rsplit("/", 1)[-1]: a["properties"]["status"] for a in run["artifacts"]}
assert st == {"cpu_write_device_owned.c": "ok", "partial.c": "partial", "missing.c": "error"}, st
PY
check $? "-f sarif: SARIF 2.1.0's required properties, one rule per check, results, notifications"

# -fdiagnostic-prefix[=NAME]: every diagnostic line carries the name, as sparse does.
# shellcheck disable=SC2086
"$DMACHECK" -fdiagnostic-prefix=smatch $inc "$good" "$tmp/partial.c" 2>"$tmp/err"
grep -E ": (warning|error|note): " "$tmp/err" | grep -vq ": smatch: " && false
r1=$?
grep -q ": smatch: warning: .*\[cpu-write-device-owned\]" "$tmp/err" &&
	grep -q ": smatch: error: undefined identifier" "$tmp/err" &&
	[ $r1 -ne 0 ]
check $? "-fdiagnostic-prefix=NAME prefixes every diagnostic line"
# shellcheck disable=SC2086
"$DMACHECK" -fdiagnostic-prefix $inc "$good" 2>"$tmp/err"
grep -q ": dmacheck: warning: " "$tmp/err"
check $? "-fdiagnostic-prefix alone prefixes with dmacheck"

# A -W name meant for dmacheck that names no check is an error; gcc's pass.
for arg in -Wno-cpu-write-device-own -Wmissing-sync -Wno-legacy; do
	"$DMACHECK" "$arg" "$good" 2>"$tmp/err"
	[ $? -eq 1 ] && grep -q "unknown check" "$tmp/err"
	check $? "$arg: an unknown check id is refused"
done
# shellcheck disable=SC2086
"$DMACHECK" -Wno-return-void -Wsparse-all -Wno-sign-compare -Wframe-larger-than=2048 \
	$inc "$good" 2>/dev/null
check $? "gcc's and sparse's -W options still pass through"

if git -C "$TOP" rev-parse --short HEAD >/dev/null 2>&1; then
	"$DMACHECK" --version | grep -q " git [0-9a-f]\{7,\}"
	check $? "--version names the git revision it was built from"
fi

# Deep nesting and self-inclusion end with one error line, never a crash or a hang.
python3 -c "print('int f(void) { return ' + '(' * 7000 + '1' + ')' * 7000 + '; }')" >"$tmp/paren.c"
python3 -c "print('int f(int a) { return ' + '+'.join(['a'] * 5000) + '; }')" >"$tmp/sum.c"
"$DMACHECK" -f json "$tmp/paren.c" "$tmp/sum.c" >"$tmp/json" 2>/dev/null
json_ok "$tmp/json" 'assert [f["status"] for f in d["files"]] == ["ok", "ok"], d'
check $? "7,000 nested parentheses and a 5,000-term sum are checked"
python3 -c "print('int f(void) { return ' + '(' * 100000 + '1' + ')' * 100000 + '; }')" >"$tmp/deep.c"
# shellcheck disable=SC2086
DMACHECK_STACK_MB=16 "$DMACHECK" $inc "$tmp/deep.c" "$good" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "deep.c: nesting too deep" "$tmp/err" &&
	grep -q "cpu-write-device-owned" "$tmp/err"
check $? "nesting deeper than the stack: that file's error, the next file checked"
printf '#include "self.h"\nint x;\n' >"$tmp/self.h"
printf '#include "self.h"\nint y;\n' >"$tmp/self.c"
timeout 60 "$DMACHECK" "$tmp/self.c" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "self.c: #include nested 200 deep" "$tmp/err"
check $? "a header that includes itself stops at 200 levels"

# --unit and --facts: one model for the files given, facts.json written.
cat >"$tmp/unit_a.c" <<'C'
#include <linux/dma-mapping.h>
struct u { struct device *dev; void *ring; dma_addr_t ring_dma; };
void u_sync(struct u *p);
int u_probe(struct u *p);
int u_probe(struct u *p)
{
	p->ring = dma_alloc_attrs(p->dev, 64, &p->ring_dma, GFP_KERNEL, DMA_ATTR_NON_CONSISTENT);
	u_sync(p);
	return p->ring ? 0 : -1;
}
C
cat >"$tmp/unit_b.c" <<'C'
#include <linux/dma-mapping.h>
struct u { struct device *dev; void *ring; dma_addr_t ring_dma; };
void u_sync(struct u *p);
void u_sync(struct u *p)
{
	dma_cache_sync(p->dev, p->ring, 64, DMA_TO_DEVICE);
}
C
# shellcheck disable=SC2086
"$DMACHECK" -f json --facts "$tmp/facts.json" --unit-name u $inc -DDMAREF_API_5_9 \
	"$tmp/unit_a.c" "$tmp/unit_b.c" >"$tmp/json" 2>"$tmp/err"
rc=$?
json_ok "$tmp/json" 'assert [f["status"] for f in d["files"]] == ["ok", "ok"], d' &&
	json_ok "$tmp/facts.json" 'assert d["dmaconv_facts"] == 1 and d["unit"] == "u", d
assert {s["call"] for s in d["sites"]} >= {"dma_cache_sync", "dma_alloc_attrs"}, d["sites"]
assert any(s["action"] == "sync" and s["alloc"] == 1 for s in d["sites"]), d["sites"]' &&
	[ $rc -eq 0 ]
check $? "--facts: the files given are one unit, its facts.json is written"
"$DMACHECK" --facts "$tmp/no/such/dir/f.json" -I "$TOP/include" -DDMAREF_API_5_9 "$tmp/unit_a.c" \
	2>"$tmp/err"
[ $? -eq 1 ] && grep -q "f.json" "$tmp/err"
check $? "--facts to a folder that does not exist: an error naming it"

# --best-effort: vendor code whose SoC headers are not at hand.
cat >"$tmp/vendor.c" <<'C'
#include <linux/dma-mapping.h>
#include <soc/vendor_regs.h>
void v_start(struct device *dev);
void v_start(struct device *dev)
{
	dma_addr_t h;
	u32 *d = dma_alloc_noncoherent(dev, 64, &h, DMA_TO_DEVICE, GFP_KERNEL);

	if (!d)
		return;
	dma_sync_single_for_device(dev, h, 64, DMA_TO_DEVICE);
	d[0] = VENDOR_GO;
	vendor_kick(dev);
}
C
# shellcheck disable=SC2086
"$DMACHECK" --best-effort --stub-dir "$tmp/stubs" $inc "$tmp/vendor.c" 2>"$tmp/err"
rc=$?
[ "$(grep -c "missing header 'soc/vendor_regs.h'" "$tmp/err")" -eq 1 ] &&
	grep -q "warning: .*(found on an incomplete parse.*\[cpu-write-device-owned\]" "$tmp/err"
check $? "--best-effort: a missing header reported once, findings say the parse was incomplete"
# shellcheck disable=SC2086
"$DMACHECK" -f json --best-effort $inc "$tmp/vendor.c" >"$tmp/json" 2>/dev/null
json_ok "$tmp/json" 'f = d["files"][0]
assert f["complete"] is False and f["missing_headers"] == ["soc/vendor_regs.h"], f
assert d["findings"] and all(x["complete"] is False for x in d["findings"]), d["findings"]'
check $? "--best-effort -f json: complete false on the file and on its findings"
# shellcheck disable=SC2086
"$DMACHECK" -f sarif --best-effort $inc "$tmp/vendor.c" >"$tmp/json" 2>/dev/null
json_ok "$tmp/json" 'r = d["runs"][0]
assert r["results"] and all(x["properties"]["complete"] is False for x in r["results"])
assert any("incomplete parse" in n["message"]["text"] for n in r["invocations"][0]["toolExecutionNotifications"])'
check $? "--best-effort -f sarif: results and a notification say so"

# ---- a brief fuzz run (make check-fuzz runs it for 5 minutes) ----

if [ "${DMACHECK_FUZZ_SECONDS:-30}" -gt 0 ]; then
	FUZZ_OUT=$tmp/fuzz "$TOP/tests/fuzz/run.sh" "${DMACHECK_FUZZ_SECONDS:-30}" >"$tmp/fuzz.tap" 2>&1
	grep '^#' "$tmp/fuzz.tap" >"$tmp/fuzz.why"
	while read -r line; do
		case "$line" in
		"ok "*" # SKIP"*) n=$((n + 1)); echo "ok $n - fuzz: ${line#ok * - }" ;;
		"ok "*) ok "fuzz: ${line#ok * - }" ;;
		"not ok "*) cp "$tmp/fuzz.why" "$tmp/why"; not_ok "fuzz: ${line#not ok * - }" ;;
		"# fuzz:"*) echo "$line" ;;
		esac
	done <"$tmp/fuzz.tap"
fi

# ---- the checker's own sources ----

# Every check has its docs page and a fixture that expects it.
"$DMACHECK" --list-checks >"$tmp/ids"
: >"$tmp/why"
while read -r id; do
	[ -f "$TOP/docs/checks/$id.md" ] || echo "no docs/checks/$id.md" >>"$tmp/why"
	grep -qE "expect:.*[ ,]$id( |,|\*)" "$here"/*.c ||
		echo "no tests/checker/*.c expects $id" >>"$tmp/why"
done <"$tmp/ids"
[ -s "$tmp/ids" ] && [ ! -s "$tmp/why" ]
check $? "every check has a docs page and a fixture"

# dmacheck links libsparse's globals into one namespace: every name the
# checker's objects export has a prefix of its own, one libsparse does
# not use.  The objects are those of the binary under test, one per
# source file; ASan names its own copies __odr_asan.<name>.  __wrap_open is
# the linker's name for the #include guard (-Wl,--wrap=open, includeguard.c).
prefixes='^(main$|__wrap_open$|dmc_|api_|resolve_|engine_|summary_|hashmap_|ck_)'
objdir=$(dirname "$DMACHECK")/obj
objs=()
for src in "$TOP"/checker/*.c "$TOP"/checker/*/*.c; do
	rel=${src#"$TOP"/}
	objs+=("$objdir/${rel%.c}.o")
done
: >"$tmp/why"
for o in "${objs[@]}"; do
	[ -f "$o" ] || echo "not built: $o" >>"$tmp/why"
done
if [ -s "$tmp/why" ]; then
	not_ok "every name the checker exports has a checker prefix"
else
	nm -g --defined-only "${objs[@]}" 2>&1 | awk 'NF == 3 { print $3 }' |
		sed 's/^__odr_asan\.//' | grep -vE "$prefixes" | sort -u >"$tmp/bad"
	nm -g --defined-only "$BUILD/sparse/src/libsparse.a" 2>/dev/null |
		awk 'NF == 3 { print $3 }' | grep -E "$prefixes" | sort -u >"$tmp/taken"
	{
		sed 's/^/exported without a checker prefix: /' "$tmp/bad"
		sed 's/^/libsparse uses a checker prefix: /' "$tmp/taken"
	} >"$tmp/why"
	[ ! -s "$tmp/why" ] && [ -s "$BUILD/sparse/src/libsparse.a" ]
	check $? "every name the checker exports has a checker prefix"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
