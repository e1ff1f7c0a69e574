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
#   3. the real pipeline, per driver unit: the kbuild command line of
#      each of its files (the 6.1 files built as an external module
#      against the configured kbuild-<arch> folder, C=2 with
#      CHECK=tests/kernel/check-wrap.sh recording what kbuild gave the
#      checker), the driver model on the legacy files of the unit in
#      one run (build/tests/model/dmamodel --facts, those flags,
#      -include include/dmaconv/legacy-dma.h), then the series of
#      semantic patches over the unit's file groups with -D facts=;
#      ROUNDTRIP_FACTS=dir takes <driver>.json from dir instead of the
#      model (the hand-written tests/cocci/roundtrip-facts/: what the
#      patches alone reach), ROUNDTRIP_CONVERT="cmd" lets another
#      converter do it (run as: cmd DRIVER TREE FACTS-OR-EMPTY FILE...);
#   4. idempotence: the same pipeline over a copy of the converted tree
#      changes nothing;
#   5. the comparison, per driver, and the figure;
#   6. each converted file built in place of the 6.1 one, as an external
#      module against the configured kbuild-<arch> folder, with
#      C=2 CHECK=build/dmacheck: it must build, and dmacheck must find
#      nothing the 6.1 file does not have.
#
# A driver converted without facts (no kbuild folder to take its
# command line from) is compared and built as a TODO: the semantic
# patches alone convert only what the code proves.
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
v = DRIVERS['$1'].get('$2', [])
print('\n'.join(v) if isinstance(v, list) and (not v or isinstance(v[0], str)) else
      '\n\n'.join('\n'.join(g) for g in v) if isinstance(v, list) else v)"
}
DMAMODEL=${DMAMODEL:-$BUILD/tests/model/dmamodel}
SPARSE=${SPARSE:-$BUILD/sparse/src/sparse}
LEGACY_H=$TOP/include/dmaconv/legacy-dma.h

# 1. The legacy tree: the reverse transformation, plus the unchanged
# files of each unit (headers, the generated 53c700_d.h), so that the
# unit is whole in its folder as in a real tree.
rm -rf "$RT/legacy" "$RT/converted" "$RT/again" "$RT/facts"
mkdir -p "$RT/facts"
if python3 "$HERE/reverse.py" --src "$SRC" --out "$RT/legacy" >"$RT/reverse.log" 2>&1; then
	ok "reverse.py puts the removed API back into the 6.1 files of ${#DRV[@]} drivers"
else
	not_ok "reverse.py puts the removed API back into the 6.1 files of ${#DRV[@]} drivers" "$RT/reverse.log"
	echo "1..$n"
	exit 1
fi
for d in "${DRV[@]}"; do
	for f in $(drv_field "$d" also); do
		mkdir -p "$(dirname "$RT/legacy/${f%_shipped}")"
		cp "$SRC/$f" "$RT/legacy/${f%_shipped}"
	done
done

# 2. The mapping.
python3 "$HERE/compare.py" --src "$SRC" --legacy "$RT/legacy" --tap >"$RT/mapping.tap"
number <"$RT/mapping.tap"

# The files of driver $1 from tree $2 in an external module folder $3.
stage_module() {
	local d=$1 tree=$2 dir=$3 f o
	rm -rf "$dir"; mkdir -p "$dir"
	for f in $(drv_field "$d" files); do cp "$tree/$f" "$dir/"; done
	for f in $(drv_field "$d" also); do cp "$SRC/$f" "$dir/$(basename "${f%_shipped}")"; done
	: >"$dir/Kbuild"
	for o in $(drv_field "$d" objs); do echo "obj-m += $o" >>"$dir/Kbuild"; done
}

# Builds the objects of driver $1 in folder $2 with C=2; the checker's
# findings go to $2.findings (file name, check id and message; no line
# numbers), and with a third argument every command line kbuild gave
# the checker is recorded in that folder (tests/kernel/check-wrap.sh).
build_module() {
	local d=$1 dir=$2 records=${3:-} arch o rc=0 check=$KCHECK
	arch=$(drv_field "$d" arch)
	if [ -n "$records" ]; then
		rm -rf "$records"; mkdir -p "$records"
		check=$TOP/tests/kernel/check-wrap.sh
	fi
	for o in $(drv_field "$d" objs); do
		KCHECK_TOOL=$KCHECK KCHECK_RECORDS=$records \
		make -C "$SRC" O="$BUILD/kbuild-$arch" ARCH="$arch" \
			CROSS_COMPILE="${KCROSS[$arch]}" M="$dir" C=2 CHECK="$check" \
			"$o" >"$dir.log" 2>&1 || rc=1
	done
	# Paths and line numbers differ between the two builds (also inside
	# the messages, which name where a buffer was written or allocated).
	grep -E '\[[a-z-]+\]$' "$dir.log" |
		sed -E -e 's|^.*/([^/:]+):[0-9]+:[0-9]+: |\1: |' \
		       -e 's|/[^ ]*/([^/ :]+):[0-9]+|\1|g' | sort -u >"$dir.findings"
	return $rc
}

# Why driver $1 cannot be built here (empty: it can).
no_build() {
	local d=$1 arch
	arch=$(drv_field "$d" arch)
	if [ ! -f "$BUILD/kbuild-$arch/.config" ] || ! command -v "${KCROSS[$arch]}gcc" >/dev/null; then
		echo "no prepared build/kbuild-$arch or ${KCROSS[$arch]}gcc (make check-kernel prepares it)"
	elif [ ! -x "$KCHECK" ]; then
		echo "build/dmacheck is not built"
	elif [ -z "$(drv_field "$d" objs)" ]; then
		echo "not in the configured kbuild folders (docs/roundtrip.md)"
	fi
}

# The recorded kbuild command line of the first file driver $1 builds
# (or of driver flags_from's, for a driver the configuration does not
# build: its own folder and extra flags then replace the other's).
record_of() {
	local d=$1 from f r
	from=$(drv_field "$d" flags_from)
	[ -n "$from" ] || from=$d
	f=$(drv_field "$from" model | head -n 1)
	for r in "$RT/build/$from/records"/*.cmd; do
		[ -f "$r" ] || continue
		case "$(tail -n 1 "$r")" in */"$(basename "$f")") echo "$r"; return ;; esac
	done
}

# The driver model's facts for driver $1 on tree $2 (absolute), into
# file $3: one dmamodel run over the unit's files with the recorded
# kbuild flags of its first file, run from kbuild's folder as kbuild
# runs the checker.  Errors in $3.log.
model_facts() {
	local d=$1 tree=$2 out=$3 rec dir f from
	local -a lines args files extra
	rec=$(record_of "$d")
	[ -n "$rec" ] || { echo "no recorded kbuild command line" >"$out.log"; return 1; }
	mapfile -t lines <"$rec"
	dir=${lines[0]}
	args=("${lines[@]:1}")
	unset 'args[${#args[@]}-1]'
	from=$(drv_field "$d" flags_from)
	if [ -n "$from" ]; then
		# another unit's line: its folder, base name and module name go
		mapfile -t args < <(printf '%s\n' "${args[@]}" | python3 -c "
import sys
a = sys.stdin.read().split('\n')[:-1]
out = []
i = 0
while i < len(a):
    if a[i] == '-I' and i + 1 < len(a) and not a[i + 1].endswith('/include'):
        i += 2
        continue
    if a[i].startswith(('-DKBUILD_BASENAME=', '-DKBUILD_MODNAME=', '-D__KBUILD_MODNAME=',
                        '-Wp,-MMD')):
        i += 1
        continue
    out.append(a[i])
    i += 1
print('\n'.join(out))")
		mapfile -t extra < <(drv_field "$d" cflags | sed "s|@SRC@|$SRC|g")
		f=$(drv_field "$d" model | head -n 1)
		args+=("${extra[@]}" -I "$tree/$(dirname "$f")")
	fi
	mapfile -t files < <(drv_field "$d" model | sed "s|^|$tree/|")
	local t0 t1 t2
	t0=$(date +%s.%N)
	(cd "$dir" && "$DMAMODEL" --stats --facts="$out" --unit="$d" "${args[@]}" \
		-include "$LEGACY_H" "${files[@]}") >"$out.log" 2>&1 || return 1
	t1=$(date +%s.%N)
	# What the model costs: plain sparse on the same files with the same
	# flags, right after (docs/roundtrip.md's figures).
	[ -x "$SPARSE" ] || return 0
	(cd "$dir" && "$SPARSE" "${args[@]}" -include "$LEGACY_H" "${files[@]}") >/dev/null 2>&1
	t2=$(date +%s.%N)
	sed -n 's/^dmamodel: parse+evaluate \([0-9.]*\)s, model \([0-9.]*\)s$/\1 \2/p' "$out.log" |
		awk -v d="$d" -v n=${#files[@]} -v a="$t0" -v b="$t1" -v c="$t2" '{
			printf "%s (%d file%s): dmamodel %.2fs (sparse inside %.2fs, the model %.3fs), plain sparse %.2fs: the model is %.1f%% of sparse\n",
			       d, n, (n > 1 ? "s" : ""), b - a, $1, $2, c - b, 100 * $2 / (c - b) }' >"$out.time"
	return 0
}

# The series of semantic patches over driver $1's file groups in tree
# $2, with facts file $3 (or none); spatch's messages in $4.
series() {
	local d=$1 tree=$2 facts=$3 log=$4 p rc=0
	drv_field "$d" groups >"$RT/groups-$d"
	for p in "${SERIES[@]}"; do
		(cd "$tree" && "$SPATCH" --very-quiet --no-includes --include-headers \
			--sp-file "$TOP/cocci/$p" -D patch ${facts:+-D facts="$facts"} \
			--in-place --file-groups "$RT/groups-$d") >>"$log" 2>&1 || rc=1
	done
	# spatch names a file it could not read or parse, and goes on.
	grep -q '^EXN' "$log" && rc=1
	return $rc
}

# 3. The real pipeline: kbuild's command lines, the model, the series.
cp -a "$RT/legacy" "$RT/converted"
with_facts=()
for d in "${DRV[@]}"; do
	why=$(no_build "$d")
	if [ -z "$why" ]; then
		stage_module "$d" "$SRC" "$RT/build/$d/6.1"
		if build_module "$d" "$RT/build/$d/6.1" "$RT/build/$d/records"; then
			ok "$d: the 6.1 files build (kbuild's command lines recorded)"
		else
			not_ok "$d: the 6.1 files build (kbuild's command lines recorded)" "$RT/build/$d/6.1.log"
		fi
	fi
	facts=
	if [ -n "${ROUNDTRIP_FACTS:-}" ]; then
		[ -f "$ROUNDTRIP_FACTS/$d.json" ] && facts=$ROUNDTRIP_FACTS/$d.json
	elif [ -z "$(record_of "$d")" ]; then
		skip "$d: the driver model's facts" "no kbuild command line to take its flags from: $(no_build "$d")"
	elif model_facts "$d" "$RT/legacy" "$RT/facts/$d.json"; then
		facts=$RT/facts/$d.json
		ok "$d: the driver model's facts ($(python3 -c "
import json, collections, sys
f = json.load(open(sys.argv[1]))
c = collections.Counter(s['action'] for s in f['sites'])
print(', '.join('%d %s' % (v, k) for k, v in sorted(c.items())))" "$facts"))"
		[ -s "$facts.time" ] && sed 's/^/# time: /' "$facts.time"
	else
		not_ok "$d: the driver model's facts" "$RT/facts/$d.json.log"
	fi
	[ -n "$facts" ] && with_facts+=("$d")
	log=$RT/convert-$d.log
	: >"$log"
	mapfile -t files < <(drv_field "$d" files)
	if [ -n "${ROUNDTRIP_CONVERT:-}" ]; then
		# shellcheck disable=SC2086 # a command line on purpose
		(cd "$RT/converted" && $ROUNDTRIP_CONVERT "$d" "$RT/converted" "$facts" "${files[@]}") >>"$log" 2>&1
		rc=$?
	else
		series "$d" "$RT/converted" "$facts" "$log"
		rc=$?
	fi
	if [ $rc -eq 0 ]; then
		ok "$d: converted forward${facts:+ with $(basename "$(dirname "$facts")")/$(basename "$facts")}"
	else
		not_ok "$d: converted forward" "$log"
	fi
done

# 4. Idempotence: the pipeline again over the converted tree.
cp -a "$RT/converted" "$RT/again"
for d in "${DRV[@]}"; do
	facts=
	if [ -n "${ROUNDTRIP_FACTS:-}" ]; then
		[ -f "$ROUNDTRIP_FACTS/$d.json" ] && facts=$ROUNDTRIP_FACTS/$d.json
	elif [[ " ${with_facts[*]} " == *" $d "* ]]; then
		model_facts "$d" "$RT/again" "$RT/facts/$d.again.json" && facts=$RT/facts/$d.again.json
	fi
	log=$RT/again-$d.log
	: >"$log"
	mapfile -t files < <(drv_field "$d" files)
	if [ -n "${ROUNDTRIP_CONVERT:-}" ]; then
		# shellcheck disable=SC2086 # a command line on purpose
		(cd "$RT/again" && $ROUNDTRIP_CONVERT "$d" "$RT/again" "$facts" "${files[@]}") >>"$log" 2>&1
	else
		series "$d" "$RT/again" "$facts" "$log"
	fi
	: >"$RT/again-$d.diff"
	for f in "${files[@]}"; do
		diff -u "$RT/converted/$f" "$RT/again/$f" >>"$RT/again-$d.diff"
	done
	if [ -s "$RT/again-$d.diff" ]; then
		not_ok "$d: converting the converted files again changes nothing" "$RT/again-$d.diff"
	else
		ok "$d: converting the converted files again changes nothing"
	fi
done

# 5. Site by site.
python3 "$HERE/compare.py" --src "$SRC" --legacy "$RT/legacy" --converted "$RT/converted" \
	--with-facts "$(IFS=,; echo "${with_facts[*]}")" --report "$RT/sites.json" --tap "${DRV[@]}" |
	grep -v ' - .*map onto their 6.1 sites$' >"$RT/sites.tap"
number <"$RT/sites.tap"

# 6. Builds: the converted files in place of the 6.1 ones.
for d in "${DRV[@]}"; do
	arch=$(drv_field "$d" arch)
	why=$(no_build "$d")
	if [ -n "$why" ]; then
		skip "$d: the converted files build" "$why"
		continue
	fi
	mapfile -t conv < <(drv_field "$d" files | sed "s|^|$RT/converted/|")
	left=$(grep -l -E '\bdma_cache_sync\(|DMA_ATTR_NON_CONSISTENT' "${conv[@]}" 2>/dev/null)
	if [ -n "$left" ] && [[ " ${with_facts[*]} " != *" $d "* ]]; then
		todo "$d: the converted files build with no new dmacheck finding" \
			"legacy sites left without the driver model's facts"
		continue
	fi
	stage_module "$d" "$RT/converted" "$RT/build/$d/converted"
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
