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

# Runs spatch in report mode with one semantic patch over $where (the tree
# by default); adds the number of files spatch examined to $out/files.
where=$tree
prefilter=--use-gitgrep
run_patch() {
	local patch=$1 tag=$2
	(cd "$where" && spatch --sp-file "$patch" -D report --dir . \
		"$prefilter" --jobs "$JOBS" --very-quiet --include-headers \
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

# Prints "seconds files report-lines" for the whole series.
run_series() {
	local p t reports=0
	: >"$out/files"
	t=$(now)
	while read -r p; do
		case $p in ''|'#'*) continue ;; esac
		run_patch "$TOP/cocci/$p" "$p"
		reports=$((reports + $(wc -l <"$out/$p.out")))
	done <"$TOP/cocci/series"
	echo "$(echo "$(now) - $t" | bc) $(paste -sd+ "$out/files" | bc) $reports"
}

read -r s sf reports < <(run_series)
b=$(echo "$t1 - $t0" | bc)

# Linux 6.1 has no legacy caller left: the tree figure measures the
# prefilter and the parse of the files that use the new API.  The legacy
# corpus (the test drivers, $COPIES copies of each) measures the analysis.
COPIES=${COPIES:-20}
where=$out/corpus
prefilter=--use-coccigrep
for i in $(seq 1 "$COPIES"); do
	mkdir -p "$where/d$i"
	for f in "$TOP"/tests/cocci/*.[ch]; do
		case $f in *.sim.c) continue ;; esac
		cp "$f" "$where/d$i/"
	done
done
: >"$out/files"
t4=$(now)
run_patch "$TOP/bench/cocci/baseline.cocci" corpus-baseline
cb=$(echo "$(now) - $t4" | bc)
cbf=$(paste -sd+ "$out/files" | bc)
read -r cs csf creports < <(run_series)

awk -v b="$b" -v s="$s" -v bf="$base_files" -v sf="$sf" -v r="$reports" \
    -v cb="$cb" -v cs="$cs" -v cbf="$cbf" -v csf="$csf" -v cr="$creports" \
    -v j="$JOBS" -v tree="$tree" -v n="$COPIES" 'BEGIN {
	printf "cocci bench: spatch --jobs %d, report mode\n", j
	printf "whole tree %s (--use-gitgrep):\n", tree
	printf "  baseline (one line):  %7.2f s  (%d files examined)\n", b, bf
	printf "  series:               %7.2f s  (%d files examined, %d report lines)\n", s, sf, r
	printf "  ratio series/baseline: %.2f (targets: series < 120 s, ratio < 4)\n", s / b
	printf "legacy corpus (tests/cocci drivers x %d, --use-coccigrep):\n", n
	printf "  baseline (one line):  %7.2f s  (%d files examined)\n", cb, cbf
	printf "  series:               %7.2f s  (%d files examined, %d report lines)\n", cs, csf, cr
	printf "  ratio series/baseline: %.2f\n", cs / cb
}'
