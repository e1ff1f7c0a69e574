#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The allocator suite: every cmocka test program of tests/allocator, built
# by make into $BUILD/tests/allocator (or $ALLOC_TEST_DIR, for the
# sanitizer builds), then every test_*.sh script (once: they do not depend
# on the build flavour).  Each prints TAP; a missing program is a failure.
#
#   tests/allocator/run.sh [FILE...]
#
# Given files below tests/allocator/ (make check-one T=...), it runs only
# the tests they hold: test_x.c its program (in every build), test_x.sh
# its script, a file of ring/ the ring scenario, a file of install/ the
# install test; any other file (helpers.h) is shared: everything runs.
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

# The tests the arguments name; empty: all of them.
declare -A only=()
for f in "$@"; do
	rel=${f#"$TOP"/tests/allocator/}
	case $rel in
	test_*.c | test_*.sh) only[${rel%.*}]=1 ;;
	ring/*) only[test_ring]=1 ;;
	install/*) only[test_install]=1 ;;
	*)
		only=()
		break
		;;
	esac
done

selected() {
	[ ${#only[@]} -eq 0 ] || [ -n "${only[$1]+set}" ]
}

# tap LABEL: prefixes each TAP test line with LABEL.
tap() {
	sed -E "s/^((not )?ok [0-9]+) - /\1 - $1/"
}

# run_set DIR LABEL: every test program of DIR, TAP names prefixed by LABEL.
run_set() {
	local dir=$1 label=$2 found=0 src name prog
	for src in "$TOP"/tests/allocator/test_*.c; do
		name=$(basename "$src" .c)
		selected "$name" || continue
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
		"$prog" | tap "$label$name: "
		[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
	done
	if [ "$found" -eq 0 ] && [ ${#only[@]} -eq 0 ]; then
		echo "not ok - allocator: no test program in $dir"
		status=1
	fi
}

# run_scripts: every test_*.sh, with the build it is given.
run_scripts() {
	local script name
	for script in "$TOP"/tests/allocator/test_*.sh; do
		[ -e "$script" ] || continue
		name=$(basename "$script" .sh)
		selected "$name" || continue
		"$script" | tap "$name: "
		[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
	done
}

run_set "$dir" ""
# make check also builds the suite under ASan/UBSan (cheap): run it too.
asan=$BUILD/san-asan/tests/allocator
if [ -z "${ALLOC_TEST_DIR:-}" ]; then
	[ -d "$asan" ] && run_set "$asan" "asan+ubsan "
	run_scripts
fi
exit $status
