#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench (tools part): dmaconv convert against the reference, spatch's
# own search (--dir, one run per semantic patch of cocci/series with its
# Options), over the same Linux 6.1 subtrees, one job each.  Prints both
# times and their ratio; figures go in docs/performance-tools.md.
set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
LINUX=$("$TOP/scripts/linux-tree.sh" "$BUILD") || exit 1
DIRS=(${DMACONV_BENCH_DIRS:-drivers/net/ethernet sound drivers/scsi})
OUT=$BUILD/bench/dmaconv
mkdir -p "$OUT"

now() { date +%s.%N; }

cd "$LINUX" || exit 1
files=$(find "${DIRS[@]}" -name '*.[ch]' | wc -l)
echo "dmaconv bench: Linux 6.1 ${DIRS[*]} ($files .c/.h files), spatch $(spatch --version | head -1 | awk '{print $3}')"

t0=$(now)
"$BUILD/dmaconv" convert -q -j1 "${DIRS[@]}" >"$OUT/dmaconv.diff" 2>"$OUT/dmaconv.err"
t1=$(now)

dirargs=()
for d in "${DIRS[@]}"; do dirargs+=(--dir "$d"); done
t2=$(now)
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	read -r -a opts < <(sed -n 's|^// Options:||p' "$TOP/cocci/$p")
	spatch --very-quiet -D patch --sp-file "$TOP/cocci/$p" "${opts[@]}" \
		"${dirargs[@]}" >"$OUT/spatch-$p.diff" 2>/dev/null
done <"$TOP/cocci/series"
t3=$(now)

awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
	conv = b - a; ref = d - c
	printf "dmaconv convert (keyword filter, parse check, patch + report modes): %.1f s\n", conv
	printf "reference: spatch --dir, one run per patch:                        %.1f s\n", ref
	printf "ratio reference/dmaconv: %.2f\n", ref / conv
}'
echo "diff lines: dmaconv $(wc -l <"$OUT/dmaconv.diff"), reference $(cat "$OUT"/spatch-*.diff | wc -l)"
