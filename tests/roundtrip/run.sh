#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The round trip: the drivers upstream converted off dma_cache_sync() and
# DMA_ATTR_NON_CONSISTENT in 5.10, taken back to the legacy API from
# Debian's Linux 6.1 and converted forward again, compared with 6.1 site
# by site, and built (docs/roundtrip.md).  Nothing of the kernel is kept
# in the repository: the trees are made under $BUILD/roundtrip at test
# time.
#
#   1. tests/roundtrip/reverse.py writes the legacy files ($RT/legacy, the
#      tree's own folders);
#   2. the mapping: every legacy site has its expectation (what 6.1 does
#      there, tests/roundtrip/expect/<driver>.json) and every expectation
#      its legacy site and 6.1 site;
#   3. the forward conversion of a copy ($RT/converted): the series of
#      semantic patches over each driver's file groups, with
#      -D facts=<driver>.json when facts exist ($ROUNDTRIP_FACTS/, then
#      tests/roundtrip/facts/), or ROUNDTRIP_CONVERT="cmd" to let another
#      converter do it (run as: cmd DRIVER TREE FACTS-OR-EMPTY FILE...);
#   4. the comparison, per driver, and the figure;
#   5. each converted file built in place of the 6.1 one, as an external
#      module against the configured kbuild-<arch> folder, with
#      C=2 CHECK=build/dmacheck: it must build, and dmacheck must find
#      nothing the 6.1 file does not have.
#
# Comparisons and builds of a driver converted without facts are TODO:
# the semantic patches alone convert only what the code proves.
# Prints TAP; exits non-zero when a test fails.
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
HERE=$TOP/tests/roundtrip
SRC=$BUILD/linux-6.1
RT=$BUILD/roundtrip
SPATCH=${SPATCH:-spatch}
KCHECK=${KCHECK:-$BUILD/dmacheck}
declare -A KCROSS=([mips]=mips-linux-gnu- [parisc]=hppa-linux-gnu-)

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
todo() { n=$((n + 1)); echo "not ok $n - $1 # TODO $2"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -s "${2:-/dev/null}" ] && sed 's/^/#   /' "$2" | head -n 30
	return 0
}
# TAP lines from compare.py, numbered here.
number() {
	local line
	while IFS= read -r line; do
		case $line in
		"ok - "*) n=$((n + 1)); echo "ok $n - ${line#ok - }" ;;
		"not ok - "*"# TODO"*) n=$((n + 1)); echo "not ok $n - ${line#not ok - }" ;;
		"not ok - "*) n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - ${line#not ok - }" ;;
		*) echo "$line" ;;
		esac
	done
}

if [ ! -d "$SRC/drivers" ]; then
	skip "round trip" "no Linux 6.1 tree at $SRC (scripts/deps.sh kernel)"
	echo "1..$n"
	exit 0
fi
command -v "$SPATCH" >/dev/null || { echo "roundtrip: spatch not found" >&2; exit 1; }

mapfile -t DRV < <(python3 -c "
import sys; sys.path.insert(0, '$HERE')
from drivers import DRIVERS; print('\n'.join(DRIVERS))")
mapfile -t SERIES < <(grep -v '^[[:space:]]*\(#\|$\)' "$TOP/cocci/series")
drv_field() {
	python3 -c "
import sys; sys.path.insert(0, '$HERE')
from drivers import DRIVERS
v = DRIVERS['$1']['$2']
print('\n'.join(v) if isinstance(v, list) and (not v or isinstance(v[0], str)) else
      '\n\n'.join('\n'.join(g) for g in v) if isinstance(v, list) else v)"
}
facts_of() {
	local f
	for f in "${ROUNDTRIP_FACTS:-/nonexistent}/$1.json" "$HERE/facts/$1.json"; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	return 0
}

# 1. The legacy tree.
rm -rf "$RT/legacy" "$RT/converted"
mkdir -p "$RT"
if python3 "$HERE/reverse.py" --src "$SRC" --out "$RT/legacy" >"$RT/reverse.log" 2>&1; then
	ok "reverse.py puts the removed API back into the 6.1 files of ${#DRV[@]} drivers"
else
	not_ok "reverse.py puts the removed API back into the 6.1 files of ${#DRV[@]} drivers" "$RT/reverse.log"
	echo "1..$n"
	exit 1
fi

# 2. The mapping.
python3 "$HERE/compare.py" --src "$SRC" --legacy "$RT/legacy" --tap >"$RT/mapping.tap"
number <"$RT/mapping.tap"

# 3. The forward conversion.
cp -a "$RT/legacy" "$RT/converted"
with_facts=()
for d in "${DRV[@]}"; do
	facts=$(facts_of "$d")
	[ -n "$facts" ] && with_facts+=("$d")
	log=$RT/convert-$d.log
	: >"$log"
	mapfile -t files < <(drv_field "$d" files)
	if [ -n "${ROUNDTRIP_CONVERT:-}" ]; then
		# shellcheck disable=SC2086 # a command line on purpose
		(cd "$RT/converted" && $ROUNDTRIP_CONVERT "$d" "$RT/converted" "$facts" "${files[@]}") >>"$log" 2>&1
		rc=$?
	else
		drv_field "$d" groups >"$RT/groups-$d"
		rc=0
		for p in "${SERIES[@]}"; do
			(cd "$RT/converted" && "$SPATCH" --very-quiet --no-includes --include-headers \
				--sp-file "$TOP/cocci/$p" -D patch ${facts:+-D facts="$facts"} \
				--in-place --file-groups "$RT/groups-$d") >>"$log" 2>&1 || rc=1
		done
	fi
	# spatch names a file it could not read or parse, and goes on.
	grep -q '^EXN' "$log" && rc=1
	if [ $rc -eq 0 ]; then
		ok "$d: converted forward${facts:+ with $(basename "$facts")}"
	else
		not_ok "$d: converted forward" "$log"
	fi
done

# 4. Site by site.
python3 "$HERE/compare.py" --src "$SRC" --legacy "$RT/legacy" --converted "$RT/converted" \
	--with-facts "$(IFS=,; echo "${with_facts[*]}")" --report "$RT/sites.json" --tap "${DRV[@]}" |
	grep -v ' - .*map onto their 6.1 sites$' >"$RT/sites.tap"
number <"$RT/sites.tap"

# 5. Builds: the converted files in place of the 6.1 ones.
# The files of driver $1 from tree $2 in an external module folder $3.
stage_module() {
	local d=$1 tree=$2 dir=$3 f o
	rm -rf "$dir"; mkdir -p "$dir"
	for f in $(drv_field "$d" files); do cp "$tree/$f" "$dir/"; done
	for f in $(drv_field "$d" also); do cp "$SRC/$f" "$dir/$(basename "${f%_shipped}")"; done
	: >"$dir/Kbuild"
	for o in $(drv_field "$d" objs); do echo "obj-m += $o" >>"$dir/Kbuild"; done
}

# Builds the objects of driver $1 in folder $2; the checker's findings go
# to $2.findings (file name, check id and message; no line numbers).
build_module() {
	local d=$1 dir=$2 arch o rc=0
	arch=$(drv_field "$d" arch)
	for o in $(drv_field "$d" objs); do
		make -C "$SRC" O="$BUILD/kbuild-$arch" ARCH="$arch" \
			CROSS_COMPILE="${KCROSS[$arch]}" M="$dir" C=2 CHECK="$KCHECK" \
			"$o" >"$dir.log" 2>&1 || rc=1
	done
	# Paths and line numbers differ between the two builds (also inside
	# the messages, which name where a buffer was written or allocated).
	grep -E '\[[a-z-]+\]$' "$dir.log" |
		sed -E -e 's|^.*/([^/:]+):[0-9]+:[0-9]+: |\1: |' \
		       -e 's|/[^ ]*/([^/ :]+):[0-9]+|\1|g' | sort -u >"$dir.findings"
	return $rc
}

for d in "${DRV[@]}"; do
	objs=$(drv_field "$d" objs)
	arch=$(drv_field "$d" arch)
	if [ -z "$objs" ]; then
		skip "$d: the converted files build" "not in the configured kbuild folders (docs/roundtrip.md)"
		continue
	fi
	if [ ! -f "$BUILD/kbuild-$arch/.config" ] || ! command -v "${KCROSS[$arch]}gcc" >/dev/null; then
		skip "$d: the converted files build" "no prepared build/kbuild-$arch or ${KCROSS[$arch]}gcc (make check-kernel prepares it)"
		continue
	fi
	if [ ! -x "$KCHECK" ]; then
		skip "$d: the converted files build" "build/dmacheck is not built"
		continue
	fi
	mapfile -t conv < <(drv_field "$d" files | sed "s|^|$RT/converted/|")
	left=$(grep -l -E '\bdma_cache_sync\(|DMA_ATTR_NON_CONSISTENT' "${conv[@]}" 2>/dev/null)
	if [ -n "$left" ] && [[ " ${with_facts[*]} " != *" $d "* ]]; then
		todo "$d: the converted files build with no new dmacheck finding" \
			"legacy sites left without the driver model's facts"
		continue
	fi
	stage_module "$d" "$SRC" "$RT/build/$d/6.1"
	stage_module "$d" "$RT/converted" "$RT/build/$d/converted"
	build_module "$d" "$RT/build/$d/6.1" || true
	if ! build_module "$d" "$RT/build/$d/converted"; then
		grep -E 'error|Error' "$RT/build/$d/converted.log" | head -n 20 >"$RT/build/$d/errors"
		not_ok "$d: the converted files build ($arch)" "$RT/build/$d/errors"
		continue
	fi
	ok "$d: the converted files build ($arch)"
	comm -13 "$RT/build/$d/6.1.findings" "$RT/build/$d/converted.findings" >"$RT/build/$d/new"
	# Findings that are dmacheck's own limits, not the conversion's, are
	# listed with their reason in expect/<driver>.known-findings (one
	# "finding<TAB>reason" a line) and shown as a TODO for the checker.
	known=$HERE/expect/$d.known-findings
	: >"$RT/build/$d/known"
	if [ -f "$known" ]; then
		cut -f1 "$known" | sort -u >"$RT/build/$d/known.list"
		comm -12 "$RT/build/$d/new" "$RT/build/$d/known.list" >"$RT/build/$d/known"
		comm -23 "$RT/build/$d/new" "$RT/build/$d/known.list" >"$RT/build/$d/new.left"
		mv "$RT/build/$d/new.left" "$RT/build/$d/new"
	fi
	if [ -s "$RT/build/$d/new" ]; then
		not_ok "$d: dmacheck finds nothing in the converted files that 6.1 does not have" "$RT/build/$d/new"
	else
		ok "$d: dmacheck finds nothing in the converted files that 6.1 does not have"
	fi
	if [ -s "$RT/build/$d/known" ]; then
		not_ok "$d: dmacheck follows the converted handles as well as 6.1's" "$RT/build/$d/known"
	elif [ -f "$known" ]; then
		ok "$d: dmacheck follows the converted handles as well as 6.1's"
	fi
done

echo "1..$n"
[ "$failed" -eq 0 ]
