#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The allocator suite: every cmocka test program of tests/allocator, built
# by make into $BUILD/tests/allocator (or $ALLOC_TEST_DIR, for the
# sanitizer builds).  Each prints TAP; a missing program is a failure.
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
dir=${ALLOC_TEST_DIR:-$BUILD/tests/allocator}
export CMOCKA_MESSAGE_OUTPUT=TAP
# Leaks of the tests' own deliberately leaked buffers are the library's
# business (it reports them); keep LeakSanitizer for real ones.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1}

status=0

# run_set DIR LABEL: every test program of DIR, TAP names prefixed by LABEL.
run_set() {
	local dir=$1 label=$2 found=0 src name prog
	for src in "$TOP"/tests/allocator/test_*.c; do
		name=$(basename "$src" .c)
		prog=$dir/$name
		# The TSan build only has the threaded tests.
		if [ -n "${ALLOC_TEST_DIR:-}" ] && [ ! -x "$prog" ]; then
			continue
		fi
		found=$((found + 1))
		if [ ! -x "$prog" ]; then
			echo "not ok - $label$name: $prog not built (run make)"
			status=1
			continue
		fi
		"$prog" | sed -E "s/^((not )?ok [0-9]+) - /\1 - $label$name: /"
		[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
	done
	if [ "$found" -eq 0 ]; then
		echo "not ok - allocator: no test program in $dir"
		status=1
	fi
}

run_set "$dir" ""
# make check also builds the suite under ASan/UBSan (cheap): run it too.
asan=$BUILD/san-asan/tests/allocator
if [ -z "${ALLOC_TEST_DIR:-}" ] && [ -d "$asan" ]; then
	run_set "$asan" "asan+ubsan "
fi
exit $status
