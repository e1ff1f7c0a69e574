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
found=0
for src in "$TOP"/tests/allocator/test_*.c; do
	name=$(basename "$src" .c)
	prog=$dir/$name
	# The TSan build only has the threaded tests.
	if [ -n "${ALLOC_TEST_DIR:-}" ] && [ ! -x "$prog" ]; then
		continue
	fi
	found=$((found + 1))
	if [ ! -x "$prog" ]; then
		echo "not ok - $name: $prog not built (run make)"
		status=1
		continue
	fi
	"$prog" || status=1
done
if [ "$found" -eq 0 ]; then
	echo "not ok - allocator: no test program in $dir"
	status=1
fi
exit $status
