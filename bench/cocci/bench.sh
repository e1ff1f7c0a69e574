#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Times report mode of every semantic patch in cocci/series over a whole
# Linux tree, against bench/cocci/baseline.cocci run the same way, and
# prints both times and their ratio.
#
#   bench/cocci/bench.sh [TREE]
#
# TREE defaults to the Linux 6.1 tree of scripts/linux-tree.sh, a git
# repository, so spatch's keyword prefilter (--use-gitgrep, also what the
# tree's .cocciconfig asks for) works.  JOBS (default 2) is passed to
# spatch --jobs.  Targets (issue 4): under 2 minutes for the series and
# under 4x the baseline.
set -eu

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$TOP/build}
JOBS=${JOBS:-2}
tree=${1:-$("$TOP/scripts/linux-tree.sh" "$BUILD")}

if [ ! -d "$tree" ]; then
	echo "bench/cocci: $tree: no such folder" >&2
	exit 1
fi
tree=$(cd "$tree" && pwd)
# git grep in a folder that is not a repository of its own searches the
# enclosing repository (or fails): spatch then says "0 files match".
if [ "$(git -C "$tree" rev-parse --show-toplevel 2>/dev/null)" != "$tree" ]; then
	echo "bench/cocci: $tree is not the top of a git repository; --use-gitgrep would find no file (see docs/performance-cocci.md)" >&2
	exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs spatch in report mode with one semantic patch over the tree; adds
# the number of files spatch examined to $out/files.
run_patch() {
	local patch=$1 tag=$2
	(cd "$tree" && spatch --sp-file "$patch" -D report --dir . \
		--use-gitgrep --jobs "$JOBS" --very-quiet --include-headers \
		--no-includes --timeout 200) >"$out/$tag.out" 2>"$out/$tag.err" || {
		echo "bench/cocci: spatch failed on $patch:" >&2
		tail -n 5 "$out/$tag.err" >&2
		exit 1
	}
	sed -n 's/^\([0-9]*\) files match$/\1/p' "$out/$tag.err" >>"$out/files"
}

now() { date +%s.%N; }

: >"$out/files"
t0=$(now)
run_patch "$TOP/bench/cocci/baseline.cocci" baseline
t1=$(now)
base_files=$(paste -sd+ "$out/files" | bc)

: >"$out/files"
reports=0
t2=$(now)
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	run_patch "$TOP/cocci/$p" "$p"
	reports=$((reports + $(wc -l <"$out/$p.out")))
done <"$TOP/cocci/series"
t3=$(now)
series_files=$(paste -sd+ "$out/files" | bc)

awk -v b="$(echo "$t1 - $t0" | bc)" -v s="$(echo "$t3 - $t2" | bc)" \
    -v bf="$base_files" -v sf="$series_files" -v r="$reports" \
    -v j="$JOBS" -v tree="$tree" 'BEGIN {
	printf "cocci bench: %s, spatch --jobs %d, --use-gitgrep\n", tree, j
	printf "baseline (one line):  %7.2f s  (%d files examined)\n", b, bf
	printf "series, report mode:  %7.2f s  (%d files examined, %d report lines)\n", s, sf, r
	printf "ratio series/baseline: %.2f (target < 4; series target < 120 s)\n", s / b
}'
