#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: the main job on examples/.
#   1. dmaconv convert examples/ into $BUILD/demo/after (site log shown)
#   2. dmaconv review examples/ against it (text; HTML and JSON saved)
#   3. build every driver twice, legacy (5.9 API) and converted (5.10+),
#      run both on a simulated non-coherent device, compare what the
#      device saw and produced
#   4. a deliberately broken conversion (examples/broken/ringnic.c, one
#      sync missing): caught by dmacheck and by the simulated cache
# Exits non-zero if a driver's runs differ, a converted driver does not
# build, or the broken conversion goes unnoticed.
set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
CC=${CC:-gcc}
DMACONV=$BUILD/dmaconv
LIB=$BUILD/libdmaref.a
DEMO=$BUILD/demo
# A call left in the old API must not build against the 5.10+ view.
CFLAGS_DEMO=(-std=gnu11 -O1 -g -Wall -Wno-unused-parameter
	     -Werror=implicit-function-declaration -I"$TOP/include"
	     -I"$TOP/examples/harness")
failed=0

# name  folder below examples/  extra arguments for the legacy run
drivers=(
	"ringnic net/ringnic"
	"scriptio scsi/scriptio"
	"pcmduo sound/pcmduo"
	"attrbuf misc/attrbuf --coherent"
)

step() { printf '\n==== %s\n' "$*"; }
fail() { echo "demo: FAILED: $*"; failed=1; }

for need in "$DMACONV" "$LIB"; do
	if [ ! -e "$need" ]; then
		echo "demo: $need is missing; run 'make' first" >&2
		exit 2
	fi
done

cd "$TOP" || exit 2
rm -rf "$DEMO"
mkdir -p "$DEMO/bin" "$DEMO/out"

step "1. dmaconv convert examples/ -> ${DEMO#$TOP/}/after"
"$DMACONV" convert -j2 -o "$DEMO/after" --log "$DEMO/sites.log" examples
rc=$?
cat "$DEMO/sites.log"
[ $rc -eq 0 ] || fail "dmaconv convert exited with $rc"

step "2. dmaconv review examples/ ${DEMO#$TOP/}/after"
"$DMACONV" review -q examples "$DEMO/after"
rc=$?
echo "(review exit status $rc: 0 no regression, 1 regressions, 3 an input not processed)"
"$DMACONV" review -q --format=html -o "$DEMO/review.html" examples "$DEMO/after"
"$DMACONV" review -q --format=json -o "$DEMO/review.json" examples "$DEMO/after"
echo "saved: ${DEMO#$TOP/}/review.html, ${DEMO#$TOP/}/review.json"

# build NAME VARIANT SOURCE-FOLDER [extra cflags]
build() {
	local name=$1 variant=$2 dir=$3
	shift 3
	"$CC" "${CFLAGS_DEMO[@]}" "$@" -I"$dir" -o "$DEMO/bin/$name-$variant" \
		"examples/harness/${name}_hw.c" examples/harness/hw.c \
		"$dir/$name.c" "$LIB" -lpthread 2>"$DEMO/out/$name-$variant.build"
}

# run NAME VARIANT [harness arguments]
run() {
	local name=$1 variant=$2
	shift 2
	"$DEMO/bin/$name-$variant" "$@" >"$DEMO/out/$name-$variant.txt" \
		2>"$DEMO/out/$name-$variant.err"
}

step "3. legacy and converted drivers on a simulated non-coherent device"
for entry in "${drivers[@]}"; do
	set -- $entry
	name=$1 dir=$2
	shift 2
	legacy_args=("$@")
	printf -- '-- %s\n' "$name"
	if ! build "$name" legacy "examples/$dir" -DDMAREF_API_5_9; then
		fail "$name: the legacy driver does not build:"
		sed 's/^/   /' "$DEMO/out/$name-legacy.build" | head -5
		continue
	fi
	run "$name" legacy "${legacy_args[@]}" || fail "$name: the legacy run failed: $(tail -1 "$DEMO/out/$name-legacy.err")"
	if ! build "$name" converted "$DEMO/after/$dir"; then
		fail "$name: the converted driver does not build (see the review's sites left for a human):"
		grep -m5 error "$DEMO/out/$name-converted.build" | sed 's/^/   /'
		continue
	fi
	run "$name" converted || fail "$name: the converted run failed: $(tail -1 "$DEMO/out/$name-converted.err")"
	for v in legacy converted; do
		n=$(sed -n 's/^libdmaref reports: //p' "$DEMO/out/$name-$v.err")
		echo "   $v run: libdmaref reports: ${n:-?}"
		grep -m2 -v '^libdmaref reports' "$DEMO/out/$name-$v.err" | cut -c1-150 | sed 's/^/      /'
	done
	lines=$(wc -l <"$DEMO/out/$name-legacy.txt")
	if cmp -s "$DEMO/out/$name-legacy.txt" "$DEMO/out/$name-converted.txt"; then
		echo "   device-visible data match: $lines lines (legacy${legacy_args:+ ${legacy_args[*]}} vs converted, non-coherent)"
		head -3 "$DEMO/out/$name-converted.txt" | cut -c1-100 | sed 's/^/   | /'
	else
		fail "$name: device-visible data differ"
		diff "$DEMO/out/$name-legacy.txt" "$DEMO/out/$name-converted.txt" | head -10 | sed 's/^/   /'
	fi
done

step "4. a broken conversion: examples/broken/ringnic.c (one sync removed)"
echo "-- dmaconv check examples/broken/ringnic.c"
"$DMACONV" check -q examples/broken/ringnic.c -- -Iexamples/net/ringnic \
	>"$DEMO/out/broken.check"
rc=$?
cat "$DEMO/out/broken.check"
if [ $rc -eq 1 ] && grep -q '\[missing-sync-for-device\]' "$DEMO/out/broken.check"; then
	echo "   caught by dmacheck: missing-sync-for-device"
else
	fail "dmacheck did not report missing-sync-for-device (exit $rc)"
fi
echo "-- the broken driver on the simulated device"
if build ringnic broken examples/broken -Iexamples/net/ringnic; then
	run ringnic broken
	if cmp -s "$DEMO/out/ringnic-legacy.txt" "$DEMO/out/ringnic-broken.txt"; then
		fail "the simulated cache did not show the missing sync"
	else
		echo "   caught by the simulated cache: the chip sent stale data"
		diff "$DEMO/out/ringnic-legacy.txt" "$DEMO/out/ringnic-broken.txt" |
			head -8 | cut -c1-100 | sed 's/^/   /'
		grep -m3 -v '^libdmaref reports' "$DEMO/out/ringnic-broken.err" | cut -c1-160 | sed 's/^/   libdmaref: /'
	fi
else
	fail "the broken conversion does not build"
	head -5 "$DEMO/out/ringnic-broken.build"
fi

echo
if [ $failed -eq 0 ]; then
	echo "demo: every converted driver matches its legacy run; the broken conversion was caught"
else
	echo "demo: some steps FAILED (see above)"
fi
exit $failed
