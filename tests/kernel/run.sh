#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# TAP suite: dmacheck over the real Linux 6.1 driver builds of
# check-kernel.sh (x86_64, MIPS ip22, parisc).  Per architecture: the
# kernel configures and prepares, every driver in the profile is checked,
# the checker never crashes, hangs or fails on a file, and the build
# completes.  Warm (prepared build/kbuild-<arch>) it takes well under a
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
tap() {	# tap <ok?> <name> [diagnostic file]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && [ -s "$3" ] && sed 's/^/# /' "$3" | head -n 20
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
done
echo "1..$n"
# Warnings are findings, not failures: docs/real-kernel.md gives each a verdict.
grep -h '^==' "$log" | sed 's/^/# /'
exit "$status"
