#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The driver model's suite (TAP on stdout):
#   - the cmocka unit tests (build/tests/model/unit-model) on the small
#     drivers of tests/model/drivers/, written here;
#   - dmamodel on each of them: facts.json parses and has the schema;
#   - include/dmaconv/legacy-dma.h in the 5.10+ view gives the same facts
#     as the 5.9 view, and leaves 5-argument calls alone;
#   - best-effort parsing of a file whose headers are missing, and no
#     stub folder left behind (at the end, on SIGTERM and SIGHUP);
#   - bad input: one clear error naming the file, never a crash;
#   - the model over the real Linux 6.1 drivers (tests/model/kernel.sh),
#     when their kbuild command lines were recorded.
# DMAMODEL and MODEL_UNIT select other builds (the sanitizer run).
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
DMAMODEL=${DMAMODEL:-$BUILD/tests/model/dmamodel}
MODEL_UNIT=${MODEL_UNIT:-$BUILD/tests/model/unit-model}
drivers=$TOP/tests/model/drivers
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TOP

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -s "$tmp/why" ] && sed 's/^/# /' "$tmp/why"
	: >"$tmp/why"
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi; }
: >"$tmp/why"

if [ ! -x "$DMAMODEL" ]; then
	echo "1..1"
	echo "not ok 1 - dmamodel not built at $DMAMODEL (run make)"
	exit 1
fi

# ---- cmocka ----

if [ -x "$MODEL_UNIT" ]; then
	CMOCKA_MESSAGE_OUTPUT=TAP "$MODEL_UNIT" >"$tmp/unit" 2>"$tmp/unit.err"
	rc=$?
	before=$failed group=
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "unit: ${line#ok * - }" ;;
		"not ok "*) echo "$line" >"$tmp/why"; not_ok "unit: ${line#not ok * - }" ;;
		"# ok - "*|"# not ok - "*) group=${line##* - } ;;
		"#"*) echo "$line" ;;
		esac
	done <"$tmp/unit"
	if [ $rc -ne 0 ] && [ "$failed" -eq "$before" ]; then
		cat "$tmp/unit" "$tmp/unit.err" >"$tmp/why"
		not_ok "unit tests exit $rc"
	fi
	: "$group"
else
	skip "unit tests" "not built ($MODEL_UNIT)"
fi

# ---- driver units (model/unit.c, its own cmocka binary) ----

MODEL_UNITS=${MODEL_UNITS:-$BUILD/tests/model/unit-units}
if [ -x "$MODEL_UNITS" ]; then
	CMOCKA_MESSAGE_OUTPUT=TAP "$MODEL_UNITS" >"$tmp/units" 2>&1
	rc=$?
	before=$failed
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "units: ${line#ok * - }" ;;
		"not ok "*) echo "$line" >"$tmp/why"; not_ok "units: ${line#not ok * - }" ;;
		esac
	done <"$tmp/units"
	if [ $rc -ne 0 ] && [ "$failed" -eq "$before" ]; then
		cp "$tmp/units" "$tmp/why"
		not_ok "units: cmocka tests exit $rc"
	fi
	# Every Kbuild Makefile of Linux 6.1's drivers/ and sound/ reads as
	# Kbuild, and the folders of the issue give the kernel's units.
	if [ -d "$BUILD/linux-6.1/drivers" ]; then
		find "$BUILD/linux-6.1/drivers" "$BUILD/linux-6.1/sound" -name Makefile \
			-printf '%h\n' | xargs "$MODEL_UNITS" --scan >"$tmp/scan" 2>&1
		grep '^error' "$tmp/scan" >"$tmp/why"
		check $(($(wc -l <"$tmp/why") != 0)) "units: every Makefile of Linux 6.1's drivers/ and sound/ reads as Kbuild"
		k=$BUILD/linux-6.1/drivers
		{
			grep -qx "$k/scsi: unit sgiwd93 (kbuild) $k/scsi/sgiwd93.c $k/scsi/wd33c93.h" "$tmp/scan" &&
			grep -qx "$k/scsi: unit 53c700 (kbuild) $k/scsi/53c700.c $k/scsi/53c700.h" "$tmp/scan" &&
			grep -qx "$k/net/ethernet/i825xx: unit lasi_82596 (kbuild) $k/net/ethernet/i825xx/lasi_82596.c $k/net/ethernet/i825xx/lib82596.c" "$tmp/scan" &&
			grep -qx "$k/net/ethernet/i825xx: unit sni_82596 (kbuild) $k/net/ethernet/i825xx/sni_82596.c $k/net/ethernet/i825xx/lib82596.c" "$tmp/scan"
		} || grep -E 'unit (sgiwd93|53c700|lasi_82596|sni_82596) ' "$tmp/scan" >"$tmp/why"
		check $? "units: drivers/scsi holds 53c700 and sgiwd93 apart; lib82596.c is in lasi_82596 and sni_82596"
	else
		skip "units: Linux 6.1's Makefiles" "no tree at $BUILD/linux-6.1"
	fi
else
	skip "units: cmocka tests" "not built ($MODEL_UNITS)"
fi

# ---- facts.json of every test driver ----

model() {	# model OUT [flags] files...: dmamodel --facts, 5.9 view, then linearized as dmacheck would
	local out=$1
	shift
	"$DMAMODEL" -DDMAREF_API_5_9 -I "$TOP/include" -I "$drivers" --linearize --facts="$out" "$@"
}

schema=$(cat <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
assert f["dmaconv_facts"] == 1
for k in ("unit", "complete", "missing_headers", "allocations", "sites", "helpers", "macros"):
    assert k in f, k
for a in f["allocations"]:
    for k in ("id", "file", "line", "column", "call", "cpu", "handle", "dev", "coherent", "dirs", "dir", "translator"):
        assert k in a, (k, a)
for s in f["sites"]:
    for k in ("file", "line", "column", "call", "function", "macro", "complete", "action", "alloc"):
        assert k in s, (k, s)
    assert s["action"] in ("sync", "leave", "alloc", "free", "drop-attr"), s
    if s["action"] == "leave":
        assert s["category"] in ("unknown", "streaming", "skb", "stack", "kmalloc", "user",
                                 "bus_to_virt", "position", "macro-disagree",
                                 "incomplete-parse"), s
        assert s["why"], s
    if s["action"] == "sync":
        for k in ("fn", "dev", "handle", "dir", "decls", "doubt"):
            assert k in s, (k, s)
        assert s["fn"] in ("dma_sync_single_for_cpu", "dma_sync_single_for_device"), s
PY
)
for f in ring audio lasi596 sni596 scsi700 categories rules nulldev position holders shlasi; do
	model "$tmp/$f.json" "$drivers/$f.c" 2>"$tmp/why" >/dev/null
	rc=$?
	python3 -c "$schema" "$tmp/$f.json" >>"$tmp/why" 2>&1
	check $((rc | $?)) "facts.json of $f.c has the schema"
done

# ---- include/dmaconv/legacy-dma.h ----

"$DMAMODEL" -I "$TOP/include" -I "$drivers" -include "$TOP/include/dmaconv/legacy-dma.h" \
	--facts="$tmp/nulldev-510.json" "$drivers/nulldev.c" 2>"$tmp/why" >/dev/null
rc=$?
strip='import json,sys; f=json.load(open(sys.argv[1])); [s.pop("file") for s in f["sites"]]; [a.pop("file") for a in f["allocations"]]; print(json.dumps(f, sort_keys=True))'
if [ $rc -eq 0 ] && diff <(python3 -c "$strip" "$tmp/nulldev.json") \
		       <(python3 -c "$strip" "$tmp/nulldev-510.json") >>"$tmp/why"; then
	ok "legacy-dma.h: the 5.10 view with the header gives the 5.9 view's facts"
else
	not_ok "legacy-dma.h: the 5.10 view with the header gives the 5.9 view's facts"
fi

# Two files of one unit in one run (both includers of a shared .c):
# the header is read once for every file of the run, so it must leave
# nothing there that the second file would define again.
"$DMAMODEL" -DDMAREF_API_5_9 -I "$TOP/include" -I "$drivers" \
	--facts="$tmp/sh-59.json" "$drivers/shlasi.c" "$drivers/shsni.c" 2>"$tmp/why" >/dev/null
"$DMAMODEL" -I "$TOP/include" -I "$drivers" -include "$TOP/include/dmaconv/legacy-dma.h" \
	--facts="$tmp/sh-510.json" "$drivers/shlasi.c" "$drivers/shsni.c" 2>>"$tmp/why" >/dev/null
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$tmp/why" ] &&
   diff <(python3 -c "$strip" "$tmp/sh-59.json") <(python3 -c "$strip" "$tmp/sh-510.json") >>"$tmp/why"; then
	ok "legacy-dma.h: two includers of a shared file in one run, the 5.9 view's facts"
else
	not_ok "legacy-dma.h: two includers of a shared file in one run, the 5.9 view's facts"
fi

"$DMAMODEL" -I "$TOP/include" -I "$drivers" -include "$TOP/include/dmaconv/legacy-dma.h" \
	--dump --facts="$tmp/new_api.json" "$drivers/new_api.c" >"$tmp/dump" 2>"$tmp/why"
rc=$?
python3 - "$tmp/new_api.json" >>"$tmp/why" 2>&1 <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
allocs = {a["cpu"]: a for a in f["allocations"]}
assert allocs["p->old_buf"]["legacy"] and not allocs["p->new_buf"]["legacy"], allocs
legacy = [s for s in f["sites"] if s["action"] in ("alloc", "free")]
assert len(legacy) == 1 and legacy[0]["line"] == 20, legacy
assert legacy[0]["column"] == 14 and legacy[0]["call"] == "dma_alloc_noncoherent", legacy
PY
check $((rc | $?)) "legacy-dma.h: the 4-argument call is legacy, the 5-argument one is not"

# ---- best effort ----

"$DMAMODEL" --best-effort --stub-dir="$tmp/stubs" -DDMAREF_API_5_9 -I "$TOP/include" \
	-I "$drivers" --facts="$tmp/vendor.json" "$drivers/vendor.c" >"$tmp/out" 2>"$tmp/err"
rc=$?
{
	[ $rc -eq 0 ] &&
	[ "$(grep -c "missing header 'soc/acme/regs.h'" "$tmp/err")" -eq 1 ] &&
	[ "$(grep -c "missing header 'acme_board.h'" "$tmp/err")" -eq 1 ] &&
	python3 - "$tmp/vendor.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
assert f["complete"] is False
assert sorted(f["missing_headers"]) == ["acme_board.h", "soc/acme/regs.h"], f["missing_headers"]
sync = [s for s in f["sites"] if s["call"] == "dma_cache_sync"][0]
assert sync["action"] == "sync" and sync["complete"] is False, sync
assert sync["handle"] == "p->fifo_dma", sync
PY
} >"$tmp/why" 2>&1 || cat "$tmp/err" >>"$tmp/why"
check $? "best effort: missing headers reported once, facts made and marked incomplete"

# Best effort's own stub folder ($TMPDIR/dmaconv-stubs-*) is gone when
# dmamodel or dmacheck is done, or killed by SIGTERM or SIGHUP (a
# header that is a FIFO holds the second round until the signal); the
# --stub-dir a user gives is kept.
private=$tmp/tmpdir
mkdir -p "$private"
left() { find "$private" -mindepth 1 -name 'dmaconv-stubs-*' -print; }
{
	[ -f "$tmp/stubs/acme_board.h" ] && [ -f "$tmp/stubs/soc/acme/regs.h" ] ||
		echo "--stub-dir=$tmp/stubs: the stubs are not kept"
	TMPDIR=$private "$DMAMODEL" --best-effort -DDMAREF_API_5_9 -I "$TOP/include" \
		-I "$drivers" --facts="$tmp/vendor2.json" "$drivers/vendor.c" >/dev/null 2>&1 ||
		echo "dmamodel --best-effort failed"
	left
	if [ -x "$BUILD/dmacheck" ]; then
		TMPDIR=$private "$BUILD/dmacheck" --best-effort -DDMAREF_API_5_9 \
			-I "$TOP/include" -I "$drivers" "$drivers/vendor.c" >/dev/null 2>&1
		left
	fi
} >"$tmp/why" 2>&1
[ ! -s "$tmp/why" ]
check $? "best effort: no dmaconv-stubs-* folder left in \$TMPDIR by dmamodel or dmacheck, --stub-dir kept"

mkdir -p "$tmp/fifo"
mkfifo "$tmp/fifo/slow.h"
printf '#include "gone/first.h"\n#include "slow.h"\nint x;\n' >"$tmp/fifo/f.c"
for sig in TERM HUP; do
	TMPDIR=$private "$DMAMODEL" --best-effort -I "$tmp/fifo" --facts="$tmp/fifo.json" \
		"$tmp/fifo/f.c" >/dev/null 2>&1 &
	pid=$!
	for _ in $(seq 100); do
		compgen -G "$private/dmaconv-stubs-*/gone/first.h" >/dev/null && break
		sleep 0.1
	done
	compgen -G "$private/dmaconv-stubs-*/gone/first.h" >/dev/null
	made=$?
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	# the round's child still waits on the FIFO: a writer lets it end
	# shellcheck disable=SC2016 # $1 is the inner shell's
	timeout 10 sh -c ': >"$1"' sh "$tmp/fifo/slow.h"
	{
		[ $made -eq 0 ] || echo "no stub made before the signal"
		[ $rc -eq $((128 + $(kill -l "$sig"))) ] || echo "exit $rc, not the signal's"
		left
	} >"$tmp/why" 2>&1
	[ ! -s "$tmp/why" ]
	check $? "best effort: SIG$sig removes the stub folder and still ends dmamodel"
done

# ---- bad input ----

"$DMAMODEL" -I "$TOP/include" "$tmp/no-such-file.c" >/dev/null 2>"$tmp/err"
rc=$?
{ [ $rc -ne 0 ] && [ $rc -lt 128 ] && grep -q "no-such-file.c" "$tmp/err"; } || cp "$tmp/err" "$tmp/why"
check $? "a missing file: one error naming it, no crash"

printf 'int f(void) { return ((( ; }\nstruct {\n' >"$tmp/broken.c"
"$DMAMODEL" -I "$TOP/include" "$tmp/broken.c" >/dev/null 2>"$tmp/err"
rc=$?
{ [ $rc -lt 128 ] && grep -q "broken.c" "$tmp/err"; } || { echo "rc=$rc"; cat "$tmp/err"; } >"$tmp/why"
check $? "unparsable C: an error naming the file, no crash"

mkdir -p "$tmp/adir.c"
"$DMAMODEL" "$tmp/adir.c" >/dev/null 2>"$tmp/err"
rc=$?
{ [ $rc -ne 0 ] && [ $rc -lt 128 ] && grep -q "adir.c" "$tmp/err"; } || cp "$tmp/err" "$tmp/why"
check $? "a folder given as a file: one error naming it"

# ---- the real 6.1 drivers ----

"$TOP/tests/model/kernel.sh" >"$tmp/kernel" 2>&1
while IFS= read -r line; do
	case "$line" in
	"ok "*"# SKIP"*) t=${line#ok - }; skip "${t%% # SKIP*}" "${t#*# SKIP }" ;;
	"ok "*) ok "${line#ok - }" ;;
	"not ok "*) not_ok "${line#not ok - }" ;;
	*) echo "# $line" ;;
	esac
done <"$tmp/kernel"

echo "1..$n"
[ "$failed" -eq 0 ]
