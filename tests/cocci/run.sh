#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The semantic patch suite.  Every tests/cocci/<name>.c is a kernel-style
# driver in the 5.9 API and <name>.res its expected conversion (with
# <name>.h / <name>.h.res when the driver has a header).  For each, with
# the patches applied in the order of cocci/series:
#
#   - patch mode turns <name>.c into exactly <name>.res;
#   - a second run over the result changes nothing (idempotency);
#   - the series in reverse order also gives a driver that builds on 5.10
#     (each patch is safe alone);
#   - report mode, on the state each patch sees, lists exactly the sites
#     the fixture expects: each expected report is a comment
#     "cocci-expect: <rule>: <text>" on the reported line or the line
#     before it; org mode and patch mode's stderr say the same
#     (report-check.py);
#   - the input compiles against include/ with -DDMAREF_API_5_9 and the
#     result against the 5.10+ view, both with -Wall -Werror, and so do
#     the drivers in <name>.users/ that #include the fixture;
#   - build/dmacheck finds no legacy-api and no ownership problem in the
#     result (skipped, saying why, until dmacheck is built);
#   - a fixture with a <name>.sim.c harness is run on the simulated
#     non-coherent device, legacy and converted, linked with
#     build/libdmaref.a: the device must see the same data, and the
#     result without its first _for_device sync must be caught.
#
# A result that keeps legacy sites for a human (an expectation says "not
# converted") cannot build on 5.10: those steps are skipped, saying why.
# A fixture can pass spatch options in a comment "cocci-options: ...";
# one run with the driver model's facts keeps them in <name>.facts.json
# ("cocci-options: -D facts=<name>.facts.json").
# Prints TAP; exits non-zero when a test fails.
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
HERE=$TOP/tests/cocci
CC=${CC:-gcc}
SPATCH=${SPATCH:-spatch}
SPATCH_BASE=(--very-quiet --no-show-diff --no-includes --include-headers)
OWNERSHIP='legacy-api|cpu-write-device-owned|cpu-read-device-owned|missing-sync-for-device|missing-sync-for-cpu|ownership-imbalance'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -s "${2:-/dev/null}" ] && sed 's/^/#   /' "$2" | head -n 40
	return 0
}

if ! command -v "$SPATCH" >/dev/null; then
	echo "cocci: spatch not found (install coccinelle: scripts/deps.sh base)" >&2
	exit 1
fi
mapfile -t SERIES < <(grep -v '^[[:space:]]*\(#\|$\)' "$TOP/cocci/series")
if [ ${#SERIES[@]} -eq 0 ]; then
	echo "cocci: $TOP/cocci/series lists no semantic patch" >&2
	exit 1
fi

# The files of fixture $1: the driver and its header, if any.
fixture_files() {
	echo "$1.c"
	[ -f "$HERE/$1.h" ] && echo "$1.h"
	return 0
}

fixture_options() {
	sed -n 's/.*cocci-options:[[:space:]]*\([^*]*\).*/\1/p' "$HERE/$1.c" | head -n 1
}

# The expected result of fixture file $1: x.c -> x.res, x.h -> x.h.res.
res_of() {
	case $1 in
	*.c) echo "${1%.c}.res" ;;
	*) echo "$1.res" ;;
	esac
}

# Copies fixture $1 (inputs, or expected results with $3=res) into $2.
stage() {
	local name=$1 dir=$2 kind=${3:-in} f
	rm -rf "$dir"; mkdir -p "$dir"
	for f in $(fixture_files "$name"); do
		if [ "$kind" = res ]; then
			cp "$HERE/$(res_of "$f")" "$dir/$f" 2>/dev/null || return 1
		else
			cp "$HERE/$f" "$dir/$f"
		fi
	done
	# The driver model's facts, for a fixture run with -D facts=...
	if [ -f "$HERE/$name.facts.json" ]; then
		cp "$HERE/$name.facts.json" "$dir/"
	fi
	return 0
}

# Applies the series in patch mode, in place, to the fixture staged in $2
# (in reverse order with $3=reverse).
apply_series() {
	local name=$1 dir=$2 opts p order=("${SERIES[@]}") i
	opts=$(fixture_options "$name")
	if [ "${3:-}" = reverse ]; then
		order=()
		for ((i = ${#SERIES[@]} - 1; i >= 0; i--)); do
			order+=("${SERIES[i]}")
		done
	fi
	for p in "${order[@]}"; do
		# shellcheck disable=SC2086
		(cd "$dir" && "$SPATCH" "${SPATCH_BASE[@]}" --local-includes \
			--sp-file "$TOP/cocci/$p" -D patch $opts --in-place \
			"$name.c") >>"$dir.log" 2>&1 || return 1
	done
}

# Report mode of each patch on the state it sees in the series, checked
# against the fixture's "cocci-expect:" comments (see report-check.py).
check_report() {
	local name=$1 dir=$2 opts
	opts=$(fixture_options "$name")
	# shellcheck disable=SC2086
	python3 "$HERE/report-check.py" --dir "$dir" --file "$name.c" \
		--spatch "$SPATCH ${SPATCH_BASE[*]} --local-includes $opts" \
		"${SERIES[@]/#/$TOP/cocci/}"
}

# Compares every file of fixture $1 in $2 with its expected result.
same_as_res() {
	local name=$1 dir=$2 log=$3 f rc=0
	: >"$log"
	for f in $(fixture_files "$name"); do
		diff -u "$HERE/$(res_of "$f")" "$dir/$f" >>"$log" 2>&1 || rc=1
	done
	return $rc
}

compile_view() {
	local dir=$1 file=$2 log=$3
	shift 3
	"$CC" -fsyntax-only -std=gnu11 -Wall -Werror -I "$TOP/include" "$@" \
		"$dir/$file" >"$log" 2>&1
}

# Each fixture: <name>.c with <name>.res beside it.
run_fixture() {
	local name=$1 d=$work/$1 f log
	log=$work/$name.diag

	# 1. patch mode gives the expected result.
	stage "$name" "$d/out"
	if apply_series "$name" "$d/out" && same_as_res "$name" "$d/out" "$log"; then
		ok "$name: patch mode gives $name.res"
	else
		cat "$d/out.log" >>"$log" 2>/dev/null
		not_ok "$name: patch mode gives $name.res" "$log"
	fi

	# 2. idempotency: the series over the expected result changes nothing.
	if stage "$name" "$d/again" res && apply_series "$name" "$d/again" &&
	   same_as_res "$name" "$d/again" "$log"; then
		ok "$name: a second run changes nothing"
	else
		not_ok "$name: a second run changes nothing" "$log"
	fi

	# 2b. each patch is safe alone: the series in reverse order also
	# gives a driver that builds on 5.10 (it may keep more buffers
	# non-coherent while legacy syncs remain; see docs/cocci/README.md).
	local left kept
	left=$(cat "$HERE/$name.c" "$HERE/$name.h" 2>/dev/null |
	       grep -c 'cocci-expect:[^*]*not converted')
	kept="the result keeps $left legacy site(s) for a human"
	stage "$name" "$d/reverse"
	if [ "$left" -gt 0 ]; then
		skip "$name: the series in reverse order builds on 5.10" "$kept"
	elif apply_series "$name" "$d/reverse" reverse &&
	     compile_view "$d/reverse" "$name.c" "$log"; then
		ok "$name: the series in reverse order builds on 5.10"
	else
		cat "$d/reverse.log" >>"$log" 2>/dev/null
		not_ok "$name: the series in reverse order builds on 5.10" "$log"
	fi

	# 3. report mode lists exactly the expected unconverted sites.
	stage "$name" "$d/report"
	if check_report "$name" "$d/report" >"$log" 2>&1; then
		ok "$name: report mode lists exactly the expected sites"
	else
		not_ok "$name: report mode lists exactly the expected sites" "$log"
	fi

	# 4. both views compile with -Wall -Werror.
	if compile_view "$HERE" "$name.c" "$log" -DDMAREF_API_5_9; then
		ok "$name: input compiles against the 5.9 view"
	else
		not_ok "$name: input compiles against the 5.9 view" "$log"
	fi
	stage "$name" "$d/res" res
	# A result that keeps legacy calls for a human cannot build on 5.10.
	if [ "$left" -gt 0 ]; then
		skip "$name: result compiles against the 5.10+ view" "$kept"
	elif compile_view "$d/res" "$name.c" "$log"; then
		ok "$name: result compiles against the 5.10+ view"
	else
		not_ok "$name: result compiles against the 5.10+ view" "$log"
	fi

	# 4b. drivers that #include the fixture build against its result.
	local user
	for user in "$HERE/$name.users"/*.c; do
		{ [ -f "$user" ] && [ "$left" -eq 0 ]; } || continue
		if compile_view "$(dirname "$user")" "$(basename "$user")" "$log" \
			-iquote "$d/res"; then
			ok "$name: $(basename "$user") builds on the result"
		else
			not_ok "$name: $(basename "$user") builds on the result" "$log"
		fi
	done

	# 5. dmacheck: no legacy API left and no ownership finding.
	if [ "$left" -gt 0 ]; then
		skip "$name: dmacheck on the result" "$kept"
	elif [ ! -x "$BUILD/dmacheck" ]; then
		skip "$name: dmacheck on the result" "build/dmacheck is not built (make build/dmacheck)"
	else
		(cd "$d/res" && "$BUILD/dmacheck" -I "$TOP/include" "$name.c") >"$log" 2>&1
		local rc=$?
		if [ $rc -ne 0 ]; then
			not_ok "$name: dmacheck on the result (exit $rc)" "$log"
		elif grep -E "\[($OWNERSHIP)\]" "$log" >"$log.bad"; then
			not_ok "$name: dmacheck on the result" "$log.bad"
		else
			ok "$name: dmacheck on the result"
		fi
	fi

	# 6. runnable fixtures: same device-visible data before and after.
	[ -f "$HERE/$name.sim.c" ] || return 0
	if [ ! -f "$BUILD/libdmaref.a" ]; then
		skip "$name: legacy and converted drivers give the device the same data" \
			"build/libdmaref.a is not built (make build/libdmaref.a)"
		return 0
	fi
	if run_sim "$name" "$HERE" legacy -DDMAREF_API_5_9 &&
		run_sim "$name" "$d/res" converted &&
		diff -u "$work/$name.legacy.out" "$work/$name.converted.out" >"$log" 2>&1 &&
		[ -s "$work/$name.legacy.out" ]; then
		ok "$name: legacy and converted drivers give the device the same data"
	else
		cat "$work/$name.sim.log" >>"$log" 2>/dev/null
		not_ok "$name: legacy and converted drivers give the device the same data" "$log"
	fi

	# The harness has teeth: the result without its first hand-off to the
	# device must be caught (other data, or a libdmaref report).
	mkdir -p "$d/mutant"
	python3 - "$d/res/$name.c" "$d/mutant/$name.c" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
m = re.search(r'\n\s*dma_sync_single_for_device\([^;]*\);', src)
open(sys.argv[2], "w").write(src[:m.start()] + src[m.end():] if m else src)
PY
	run_sim "$name" "$d/mutant" mutant
	local mrc=$?
	if cmp -s "$d/res/$name.c" "$d/mutant/$name.c" || [ $mrc -eq 2 ] ||
	   { [ $mrc -eq 0 ] && cmp -s "$work/$name.legacy.out" "$work/$name.mutant.out"; }; then
		cat "$work/$name.sim.log" >>"$log" 2>/dev/null
		not_ok "$name: a result missing a sync is caught on the simulated device" "$log"
	else
		ok "$name: a result missing a sync is caught on the simulated device"
	fi
}

# Builds the harness <name>.sim.c around the driver in $2 and runs it.
run_sim() {
	local name=$1 dir=$2 tag=$3 bin=$work/$1.$3
	shift 3
	"$CC" -std=gnu11 -Wall -Werror -g -I "$TOP/include" -I "$dir" "$@" \
		-DDRIVER_FILE="\"$dir/$name.c\"" "$HERE/$name.sim.c" \
		"$BUILD/libdmaref.a" -lpthread -o "$bin" >>"$work/$name.sim.log" 2>&1 || return 2
	"$bin" >"$work/$name.$tag.out" 2>>"$work/$name.sim.log" || return 1
}

# The form every patch of the series keeps: the kernel's header, the four
# modes, rules guarded by "depends on", and a docs page.
check_form() {
	local p=$1 file=$TOP/cocci/$1 log=$work/form.diag field mode
	: >"$log"
	head -n 1 "$file" | grep -q '^// SPDX-License-Identifier: ' ||
		echo "no SPDX line first" >>"$log"
	grep -q '^///' "$file" || echo "no /// description" >>"$log"
	for field in Confidence Options Requires Keywords; do
		grep -q "^// *$field:" "$file" || echo "no // $field: line" >>"$log"
	done
	for mode in patch context org report; do
		grep -q "^virtual $mode\$" "$file" || echo "no virtual $mode" >>"$log"
	done
	# Every rule but the keyword gate (@legacy@) depends on it or on a mode.
	grep -E '^@[^@]' "$file" |
		grep -v -e '^@initialize' -e '^@legacy@' -e 'depends on' >>"$log"
	[ -f "$TOP/docs/cocci/${p%.cocci}.md" ] ||
		echo "no docs/cocci/${p%.cocci}.md" >>"$log"
	if [ -s "$log" ]; then
		not_ok "$p: kernel header, four modes, guarded rules, docs page" "$log"
	else
		ok "$p: kernel header, four modes, guarded rules, docs page"
	fi
}

# The generated parts of the patches (the MMIO list, the removed API,
# the facts reader) are what their sources give today.
if python3 "$TOP/cocci/gen-tables.py" --check >"$work/gen.diag" 2>&1; then
	ok "cocci/gen-tables.py --check: the generated parts of the patches are up to date"
else
	not_ok "cocci/gen-tables.py --check: the generated parts of the patches are up to date" "$work/gen.diag"
fi

for p in "${SERIES[@]}"; do
	if [ -f "$TOP/cocci/$p" ]; then
		check_form "$p"
	else
		n=$((n + 1)); failed=$((failed + 1))
		echo "not ok $n - $p: listed in cocci/series but cocci/$p does not exist"
	fi
done

names=()
for f in "$HERE"/*.c; do
	case $f in *.sim.c) continue ;; esac
	names+=("$(basename "$f" .c)")
done
if [ ${#names[@]} -eq 0 ]; then
	echo "cocci: no fixture in $HERE" >&2
	exit 1
fi
for name in "${names[@]}"; do
	if [ ! -f "$HERE/$name.res" ]; then
		not_ok "$name: $name.res is missing"
		continue
	fi
	run_fixture "$name"
done
echo "1..$n"
[ "$failed" -eq 0 ]
