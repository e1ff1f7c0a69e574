#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: the main job on examples/.
#   1. dmaconv convert examples/ into $BUILD/demo/after (site log shown)
#   2. dmaconv review examples/ against it (text; HTML and JSON saved)
#   3. build every driver twice, legacy (5.9 API) and converted (5.10+),
#      run both on a simulated non-coherent device, compare what the
#      device saw and produced
#   4. a deliberately broken conversion (the converted ringnic with one
#      sync removed by examples/broken/ringnic-drop-sync.diff): caught by
#      dmacheck and by the simulated cache
#   5. a summary: each driver's review verdict and what libdmaref found
# Exits non-zero if a driver's runs differ, a converted driver does not
# build, a libdmaref report on a converted run is not explained below (or
# its named fix does not remove it), or the broken conversion goes
# unnoticed.
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

# What a human found behind the libdmaref reports of a converted run.
# Every report of that run must carry the class named here, or the demo
# fails; the fix is applied to a copy and must leave no report and the
# same device-visible data.  A fix is "patch DIFF" (against the converted
# driver) or "narrow" (convert again with dmaconv convert --narrow).
declare -A finding_class finding_kind finding_why finding_fix finding_apply
finding_class[scriptio]=cpu-write-device-owned
finding_kind[scriptio]="latent in the legacy driver, the legacy API cannot express ownership"
finding_why[scriptio]="scriptio_patch() stores script words into a DMA_BIDIRECTIONAL cache line the chip owns since the last hand-off (the probe's, then the previous patch's _for_device), the line the chip writes its status word into; the 5.9 dma_cache_sync() had no owner to break. The chip is idle whenever the driver patches here, so the data still match"
finding_fix[scriptio]="take the lines with dma_sync_single_for_cpu() before patching"
finding_apply[scriptio]="patch examples/fixes/scriptio-take-before-patch.diff"
finding_class[pcmduo]=cpu-write-device-owned
finding_kind[pcmduo]="not a driver bug: the conversion kept DMA_BIDIRECTIONAL for the playback buffer, which only flows to the chip"
finding_why[pcmduo]="pcmduo_play_period() refills a period the chip has read without a _for_cpu: the documented pattern for DMA_TO_DEVICE memory (upstream hal2), a rule break for DMA_BIDIRECTIONAL memory, which the device may write"
finding_fix[pcmduo]="allocate and sync the playback buffer DMA_TO_DEVICE and the capture buffer DMA_FROM_DEVICE, as upstream hal2 did: what 'dmaconv convert --narrow' does (the semantic patches' -D narrow)"
finding_apply[pcmduo]="narrow"

# What a human found behind a review finding (a regression), by driver and
# dmacheck class; a finding without a note is said to have none.
declare -A review_note
review_note[ringnic:ownership-imbalance]="ringnic_rx() takes the next receive descriptor with DMA_INV() (_for_cpu) to poll its status and, when the chip has not filled it, breaks out of the loop without handing it back: the chip may then write a descriptor the CPU owns. Carried over from the legacy driver; in this run libdmaref saw no device access to a descriptor the CPU held. Suggested fix, for a human: DMA_WBACK() the descriptor before the break (a clean line is not written back)"

summary=()

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

step "1. dmaconv convert examples/ -> ${DEMO#"$TOP"/}/after"
"$DMACONV" convert -j2 -o "$DEMO/after" --log "$DEMO/sites.log" examples
rc=$?
cat "$DEMO/sites.log"
# 5: a driver it changed still uses the removed API (the sites are named
# above, on stderr); its converted build then fails in step 3.
[ $rc -eq 5 ] && echo "(convert exit status 5: a converted driver still uses the removed API)"
[ $rc -eq 0 ] || [ $rc -eq 5 ] || fail "dmaconv convert exited with $rc"

step "2. dmaconv review examples/ ${DEMO#"$TOP"/}/after"
"$DMACONV" review -q examples "$DEMO/after" >"$DEMO/review.txt"
rc=$?
cat "$DEMO/review.txt"
echo "(review exit status $rc: 0 no regression, 1 regressions, 3 an input not processed)"
"$DMACONV" review -q --format=html -o "$DEMO/review.html" examples "$DEMO/after"
"$DMACONV" review -q --format=json -o "$DEMO/review.json" examples "$DEMO/after"
echo "saved: ${DEMO#"$TOP"/}/review.html, ${DEMO#"$TOP"/}/review.json"

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

# reports NAME VARIANT: the libdmaref report count of a run.
reports() {
	sed -n 's/^libdmaref reports: //p' "$DEMO/out/$1-$2.err"
}

# apply_fix NAME FOLDER: a copy of the converted driver with the fix named
# in finding_apply, in $DEMO/fixed/FOLDER.
apply_fix() {
	local name=$1 dir=$2 how arg
	read -r how arg <<<"${finding_apply[$name]}"
	rm -rf "$DEMO/fixed/$dir"
	mkdir -p "$DEMO/fixed/$dir"
	case $how in
	patch)
		cp "$DEMO/after/$dir"/* "$DEMO/fixed/$dir/" &&
			patch -s -p1 -d "$DEMO/fixed" <"$arg"
		;;
	narrow)
		cp "examples/$dir"/* "$DEMO/fixed/$dir/" || return 1
		"$DMACONV" convert -q --narrow -i "$DEMO/fixed/$dir" >/dev/null ||
			return 1
		;;
	*)
		echo "   unknown fix '$how'"
		return 1
		;;
	esac
}

# explain NAME FOLDER: every report of the converted run must be the
# recorded finding, and its fix must remove them all.
explain() {
	local name=$1 dir=$2 n matched class
	n=$(reports "$name" converted)
	[ "${n:-0}" -eq 0 ] && return 0
	class=${finding_class[$name]:-}
	if [ -z "$class" ]; then
		fail "$name: $n libdmaref report(s) on the converted run that nobody explained"
		return
	fi
	matched=$(grep -c "\[$class\]\$" "$DEMO/out/$name-converted.err")
	if [ "$matched" -ne "$n" ]; then
		fail "$name: $((n - matched)) of $n libdmaref report(s) are not the recorded finding [$class]"
		return
	fi
	echo "   explained: all $n report(s) [$class]: ${finding_kind[$name]}"
	echo "      why: ${finding_why[$name]}"
	echo "      fix: ${finding_fix[$name]}"
	if ! apply_fix "$name" "$dir" ||
	   ! build "$name" fixed "$DEMO/fixed/$dir"; then
		fail "$name: the fix (${finding_apply[$name]}) does not apply or build"
		return
	fi
	run "$name" fixed || fail "$name: the fixed run failed"
	if [ "$(reports "$name" fixed)" != 0 ] ||
	   ! cmp -s "$DEMO/out/$name-legacy.txt" "$DEMO/out/$name-fixed.txt"; then
		fail "$name: with the fix applied, reports remain ($(reports "$name" fixed)) or the data differ"
		return
	fi
	echo "      with the fix applied (${finding_apply[$name]}): libdmaref reports: 0, device-visible data match"
	summary+=("$name: $n libdmaref report(s) [$class] on the converted run: ${finding_kind[$name]}; fix: ${finding_fix[$name]} (shown above to remove them)")
}

step "3. legacy and converted drivers on a simulated non-coherent device"
for entry in "${drivers[@]}"; do
	read -r -a fields <<<"$entry"
	name=${fields[0]} dir=${fields[1]}
	legacy_args=("${fields[@]:2}")
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
		n=$(reports "$name" "$v")
		echo "   $v run: libdmaref reports: ${n:-?}"
		grep -m2 -v '^libdmaref reports' "$DEMO/out/$name-$v.err" | cut -c1-150 | sed 's/^/      /'
	done
	explain "$name" "$dir"
	lines=$(wc -l <"$DEMO/out/$name-legacy.txt")
	if cmp -s "$DEMO/out/$name-legacy.txt" "$DEMO/out/$name-converted.txt"; then
		echo "   device-visible data match: $lines lines (legacy${legacy_args:+ ${legacy_args[*]}} vs converted, non-coherent)"
		head -3 "$DEMO/out/$name-converted.txt" | cut -c1-100 | sed 's/^/   | /'
	else
		fail "$name: device-visible data differ"
		diff "$DEMO/out/$name-legacy.txt" "$DEMO/out/$name-converted.txt" | head -10 | sed 's/^/   /'
	fi
done

step "4. a broken conversion: the converted ringnic, one sync removed (examples/broken/ringnic-drop-sync.diff)"
BROKEN=${DEMO#"$TOP"/}/broken/net/ringnic
mkdir -p "$BROKEN"
if ! { cp "$DEMO/after/net/ringnic"/* "$BROKEN/" &&
	patch -s -p1 -d "$DEMO/broken" <examples/broken/ringnic-drop-sync.diff; }; then
	fail "examples/broken/ringnic-drop-sync.diff does not apply to the converted ringnic"
fi
echo "-- dmaconv check $BROKEN/ringnic.c"
"$DMACONV" check -q "$BROKEN/ringnic.c" -- -I"$BROKEN" >"$DEMO/out/broken.check"
rc=$?
cat "$DEMO/out/broken.check"
if [ $rc -eq 1 ] && grep -q '\[missing-sync-for-device\]' "$DEMO/out/broken.check"; then
	echo "   caught by dmacheck: missing-sync-for-device"
else
	fail "dmacheck did not report missing-sync-for-device (exit $rc)"
fi
echo "-- the broken driver on the simulated device"
if build ringnic broken "$BROKEN"; then
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

# review_findings: for each driver the review did not call ready, a line
# "V<TAB>name<TAB>verdict", then "R<TAB>name<TAB>finding" per regression.
review_findings() {
	awk -v OFS='\t' '
	     /^[^ ].*: [^ ]+ \(.*\)$/ { name = $(NF - 1); skip = 0; next }
	     /^  verdict: / {
		sub(/^  verdict: /, "")
		skip = $0 ~ /^ready/
		if (!skip)
			print "V", name, $0
		next
	     }
	     /^  REGRESSION / && !skip { sub(/^  REGRESSION /, ""); print "R", name, $0 }
	' "$DEMO/review.txt"
}

step "5. summary"
ready=$(grep -c '^  verdict: ready' "$DEMO/review.txt")
unread=0
echo "review: $ready of ${#drivers[@]} converted driver(s) ready"
while IFS=$'\t' read -r kind name text; do
	if [ "$kind" = V ]; then
		echo "- $name: review verdict: $text"
		continue
	fi
	class=$(printf '%s\n' "$text" | sed -n 's/.*\[\([a-z-]*\)\].*/\1/p')
	echo "  finding: $text"
	note=${review_note[$name:$class]:-}
	[ -n "$note" ] || unread=$((unread + 1))
	echo "    ${note:-not yet looked into by a human (see the review above)}"
done < <(review_findings)
for line in "${summary[@]}"; do
	echo "- $line"
done
echo
if [ $failed -eq 0 ]; then
	if [ $unread -eq 0 ]; then
		unread="each explained above"
	else
		unread="$unread review finding(s) not yet looked into"
	fi
	echo "demo: every converted driver builds and its device-visible data match the legacy run; $((${#drivers[@]} - ready)) review verdict(s) not ready and ${#summary[@]} converted run(s) with libdmaref reports, $unread; the broken conversion was caught"
else
	echo "demo: some steps FAILED (see above)"
fi
exit $failed
