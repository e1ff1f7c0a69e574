#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench (tools part): dmaconv convert against the reference, spatch's
# own search (--dir, one run per semantic patch of cocci/series with its
# Options), with the same job count (DMACONV_BENCH_JOBS, default 1:
# dmaconv -jN, spatch --jobs N), over a tree that is not a git repository:
# three Linux 6.1 subtrees (already converted upstream) with COPIES copies
# of the examples/ drivers planted in them.  Prints both times and the
# ratio dmaconv/reference (the target is 1.2 or less); the figures go in
# docs/performance-tools.md.
set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
LINUX=$("$TOP/scripts/linux-tree.sh" "$BUILD") || exit 1
DIRS=(drivers/net/ethernet sound drivers/scsi)
COPIES=${DMACONV_BENCH_COPIES:-3}
JOBS=${DMACONV_BENCH_JOBS:-1}
OUT=$BUILD/bench/dmaconv
TREE=$OUT/tree

now() { date +%s.%N; }

rm -rf "$OUT"
mkdir -p "$TREE"
for d in "${DIRS[@]}"; do
	mkdir -p "$TREE/$(dirname "$d")"
	cp -r "$LINUX/$d" "$TREE/$d"
done
for i in $(seq 1 "$COPIES"); do
	for drv in net/ringnic scsi/scriptio sound/pcmduo misc/attrbuf; do
		dst=$TREE/${DIRS[$((i % 3))]}/legacy$i-$(basename "$drv")
		cp -r "$TOP/examples/$drv" "$dst"
	done
done
cd "$TREE" || exit 1
files=$(find "${DIRS[@]}" -name '*.[ch]' | wc -l)
echo "dmaconv bench: ${DIRS[*]} of Linux 6.1 + $((COPIES * 4)) legacy drivers ($files .c/.h files, no git), spatch $(spatch --version | head -1 | awk '{print $3}')"

t0=$(now)
"$BUILD/dmaconv" convert -q -j"$JOBS" "${DIRS[@]}" >"$OUT/dmaconv.diff" 2>"$OUT/dmaconv.err"
t1=$(now)

dirargs=()
for d in "${DIRS[@]}"; do dirargs+=(--dir "$d"); done
t2=$(now)
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	read -r -a opts < <(sed -n 's|^// Options:||p' "$TOP/cocci/$p")
	for d in "${DIRS[@]}"; do
		spatch --very-quiet -D patch --sp-file "$TOP/cocci/$p" \
			"${opts[@]}" --jobs "$JOBS" --dir "$d" >>"$OUT/spatch.diff" 2>/dev/null
	done
done <"$TOP/cocci/series"
t3=$(now)

awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v j="$JOBS" 'BEGIN {
	conv = b - a; ref = d - c
	printf "dmaconv convert -j%d (filter, units, model, patch [+ report] modes): %6.1f s\n", j, conv
	printf "reference: spatch --dir --jobs %d, one run per patch and folder:     %6.1f s\n", j, ref
	printf "ratio dmaconv/reference at -j%d: %.2f (target <= 1.2)\n", j, conv / ref
}'
echo "changed lines: dmaconv $(grep -c '^[-+][^-+]' "$OUT/dmaconv.diff"), reference (each patch on the original) $(grep -c '^[-+][^-+]' "$OUT/spatch.diff")"
