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
