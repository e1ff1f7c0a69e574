#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# TAP suite: dmacheck over the real Linux 6.1 driver builds of
# check-kernel.sh (x86_64, MIPS ip22, parisc).  Per architecture: the
# kernel configures and prepares, every driver in the profile is checked,
# the checker never crashes, hangs or fails on a file, the build
# completes, and the real driver bugs listed in tests/kernel/verdicts are
# reported.  Warm (prepared build/kbuild-<arch>) it takes well under a
# minute; cold about a minute more (figures in docs/real-kernel.md).
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
. "$TOP/tests/kernel/profiles.sh"

log=$BUILD/check-kernel/run.log
mkdir -p "$BUILD/check-kernel"
BUILD=$BUILD "$TOP/tests/kernel/check-kernel.sh" >"$log" 2>&1
status=$?

n=0
failed=0
tap() {	# tap <ok?> <name> [diagnostic file or text]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
		return
	fi
	echo "not ok $n - $2"
	failed=1
	if [ -f "${3:-}" ]; then
		sed 's/^/# /' "$3" | head -n 20
	elif [ -n "${3:-}" ]; then
		echo "# $3"
	fi
}

value() {	# value <arch> <key>: a verdict from check-kernel.sh's result file
	awk -v k="$2" '$1 == k { print $2 }' "$BUILD/check-kernel/$1/result" 2>/dev/null
}

for arch in $KARCHES; do
	dir=$BUILD/check-kernel/$arch
	if [ -z "$(value "$arch" configure)" ]; then
		# check-kernel.sh stopped before this architecture.
		tap 1 "$arch: check-kernel ran" "$log"
		continue
	fi
	tap "$(value "$arch" configure)" "$arch: configure and modules_prepare" \
		"$dir/configure.log"
	[ "$(value "$arch" configure)" = 0 ] || continue
	tap "$(value "$arch" coverage)" \
		"$arch: every driver checked ($(value "$arch" files) files)" "$log"
	tap "$([ "$(value "$arch" failed)" = 0 ]; echo $?)" \
		"$arch: no crash, hang, internal error or unprocessed file" \
		"$dir/failures.log"
	tap "$(value "$arch" build)" "$arch: the checked build completes" "$log"
	# A warning nobody has judged yet is work for a human, not a failure.
	unreviewed=$(grep -c '^unreviewed' "$dir/verdicts.out" 2>/dev/null)
	n=$((n + 1))
	if [ "${unreviewed:-0}" -eq 0 ]; then
		echo "ok $n - $arch: every warning has a verdict in tests/kernel/verdicts"
	else
		echo "not ok $n - $arch: every warning has a verdict in tests/kernel/verdicts # TODO $unreviewed unreviewed"
		grep '^unreviewed' "$dir/verdicts.out" | cut -f 2 | sed 's/^/# /'
	fi
	# Real bugs in these drivers (tests/kernel/verdicts): a known one that
	# is no longer reported is a regression; one never reported is a TODO.
	while read -r state verdict pos check; do
		name="$arch: reports the real bug at ${pos%%|*} [$check]"
		if [ "$verdict" = missed-bug ] && [ "$state" = missing ]; then
			n=$((n + 1))
			echo "not ok $n - $name # TODO not found yet"
		else
			tap "$([ "$state" = found ]; echo $?)" "$name" \
				"not in $dir/warnings.log any more (verdicts: tests/kernel/verdicts, docs/real-kernel.md)"
		fi
	done < <(cat "$dir/expected.out" 2>/dev/null)
done
echo "1..$n"
# Warnings are findings, not failures: docs/real-kernel.md gives each a verdict.
grep -h '^==' "$log" | sed 's/^/# /'
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
