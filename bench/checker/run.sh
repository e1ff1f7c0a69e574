#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmacheck's benchmarks (make bench-checker; figures in
# docs/performance-checker.md).
#
#  1. dmacheck against plain sparse, built from the same libsparse, on the
#     real kernel command lines of the check-kernel drivers (x86_64, MIPS
#     ip22, parisc): the same files with exactly the flags kbuild passes,
#     captured by running the kernel builds with sparse as CHECK.  One
#     run of each over every file, the two taking turns file by file;
#     the ratio's target is at most 1.3.
#  2. dmacheck on one generated function of 5k, 10k, 20k (and 40k) lines
#     with many branches, loops and buffers (quickest of three runs
#     each): under a second at 20k, and the analysis's time per line
#     (dmacheck --stats, apart from libsparse's parse and linearize) flat
#     across sizes (no path explosion).
#
# Environment: BUILD (default <top>/build), DMACHECK, SPARSE (the two
# checkers, default $BUILD/dmacheck and $BUILD/sparse/src/sparse).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$top/build}
BUILD=$(cd "$BUILD" && pwd)
DMACHECK=${DMACHECK:-$BUILD/dmacheck}
SPARSE=${SPARSE:-$BUILD/sparse/src/sparse}
gen=$BUILD/bench/gen-function
work=$BUILD/bench/checker
cmds=$work/kernel-cmds

die() {
	echo "bench-checker: $*" >&2
	exit 1
}

for tool in "$DMACHECK" "$SPARSE" "$gen"; do
	[ -x "$tool" ] || die "$tool not found (make bench builds it)"
done
mkdir -p "$work"

ns() {
	date +%s%N
}

secs() {	# secs <nanoseconds>
	awk -v n="$1" 'BEGIN { printf "%.3f", n / 1e9 }'
}

per_line() {	# per_line <nanoseconds> <lines>: microseconds per line
	awk -v t="$1" -v n="$2" 'BEGIN { printf "%.1f", t / 1e3 / n }'
}

# Run one checker on one captured command line, in kbuild's working
# folder, with kbuild's arguments; print the nanoseconds it took.
replay_one() {
	local tool=$1 rec=$2 cwd args t0 t1
	cwd=$(head -n 1 "$rec")
	mapfile -t args < <(tail -n +2 "$rec")
	t0=$(ns)
	(cd "$cwd" && "$tool" "${args[@]}" 2>/dev/null) || {
		echo "bench-checker: $(basename "$tool") failed on ${args[-1]}" >&2
		return 1
	}
	t1=$(ns)
	echo $((t1 - t0))
}

# One run of each checker over every captured file.  The two run file by
# file in turn, so load from other jobs on the shared machine falls on
# both alike; prints "<sparse ns> <dmacheck ns>".
replay() {
	local rec ts=0 td=0 t bad=0
	for rec in "$cmds"/*/records/*.cmd; do
		t=$(replay_one "$SPARSE" "$rec") && ts=$((ts + t)) || bad=1
		t=$(replay_one "$DMACHECK" "$rec") && td=$((td + t)) || bad=1
	done
	echo "$ts $td"
	return "$bad"
}

real_kernel() {
	local files ts td status=0
	echo "bench-checker: capturing kbuild's command lines (kernel builds with sparse as CHECK)" >&2
	KCHECK=$SPARSE KCHECK_OUT=$cmds BUILD=$BUILD \
		"$top/tests/kernel/check-kernel.sh" >"$work/capture.log" 2>&1 ||
		die "capturing the command lines failed; see $work/capture.log"
	files=$(find "$cmds" -mindepth 3 -maxdepth 3 -path "$cmds/*/records/*.cmd" | wc -l)
	[ "$files" -gt 0 ] || die "no command line captured; see $work/capture.log"

	replay >"$work/replay.out" || status=1
	read -r ts td <"$work/replay.out"
	echo "real kernel files ($files files, kbuild's flags, x86_64 + mips + parisc)"
	printf '  %-10s %8s s\n' sparse "$(secs "$ts")" dmacheck "$(secs "$td")"
	awk -v d="$td" -v s="$ts" 'BEGIN {
		r = d / s
		printf "  ratio      %8.2f  (target <= 1.30: %s)\n", r, r <= 1.3 ? "met" : "MISSED" }'
	return "$status"
}

# The quickest of three runs, in nanoseconds: on a shared machine the
# minimum is the figure least disturbed by other jobs.
best_of_3() {
	local tool=$1 file=$2 t0 t1 best=
	for _ in 1 2 3; do
		t0=$(ns)
		"$tool" "$file" 2>/dev/null || return 1
		t1=$(ns)
		[ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ] && best=$((t1 - t0))
	done
	echo "$best"
}

# dmacheck's own analysis time (its --stats line: parse, linearize and
# analysis), the quickest of three runs, in nanoseconds.
analysis_of_3() {
	local file=$1 t best=
	for _ in 1 2 3; do
		t=$("$DMACHECK" --stats "$file" 2>&1 >/dev/null |
			sed -nE 's/.*analysis ([0-9.]+)s.*/\1/p' | tail -n 1)
		[ -n "$t" ] || return 1
		t=$(awk -v t="$t" 'BEGIN { printf "%d", t * 1e9 }')
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	echo "$best"
}

generated() {
	local n f t_s t_d t_a warns status=0
	echo "generated function (one function, 32 buffers, if/else, loops, switches, gotos; quickest of 3)"
	printf '  %6s %9s %8s %10s %8s %10s %8s %8s\n' lines "sparse s" "us/line" \
		"dmacheck s" "us/line" "analysis s" "us/line" warnings
	for n in 5000 10000 20000 40000; do
		f=$work/gen-$n.c
		"$gen" "$n" >"$f" || die "gen-function $n failed"
		t_s=$(best_of_3 "$SPARSE" "$f") || die "sparse failed on $f"
		if ! t_d=$(best_of_3 "$DMACHECK" "$f"); then
			echo "bench-checker: dmacheck failed on $f" >&2
			status=1
			continue
		fi
		# Older dmacheck without --stats: no analysis column.
		t_a=$(analysis_of_3 "$f") || t_a=
		"$DMACHECK" "$f" 2>"$f.err"
		warns=$(grep -c ': warning: ' "$f.err")
		printf '  %6d %9s %8s %10s %8s %10s %8s %8d\n' "$(wc -l <"$f")" \
			"$(secs "$t_s")" "$(per_line "$t_s" "$n")" \
			"$(secs "$t_d")" "$(per_line "$t_d" "$n")" \
			"${t_a:+$(secs "$t_a")}" "${t_a:+$(per_line "$t_a" "$n")}" "$warns"
		[ "$n" -eq 20000 ] && awk -v t="$t_d" 'BEGIN {
			printf "  20k lines: %.3f s (target < 1 s: %s)\n", t / 1e9, t < 1e9 ? "met" : "MISSED" }'
	done
	echo "  (analysis: dmacheck's own work after libsparse's parse and linearize, from --stats;"
	echo "   flat us/line means linear growth)"
	return "$status"
}

{
	status=0
	echo "$("$DMACHECK" --version 2>&1 | head -n 1); plain sparse $("$SPARSE" --version 2>&1); $(date -u +%FT%TZ); $(nproc) cores"
	real_kernel || status=1
	generated || status=1
	exit "$status"
} | tee "$work/results.txt"
exit "${PIPESTATUS[0]}"
