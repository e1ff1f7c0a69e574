# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# TAP helpers for the install suites (tests/install/run.sh,
# tests/allocator/test_install.sh), sourced:
#
#   result DESCRIPTION GOOD [DETAIL...]   one TAP line; GOOD is 1 for ok,
#                                         the details go out as comments
#   run DESCRIPTION COMMAND...            a step that must exit 0
#   tap_end                               the plan line, then the exit
#                                         status (1 after any "not ok")

tap_n=0
tap_status=0

result() {
	local desc=$1 good=$2
	shift 2
	tap_n=$((tap_n + 1))
	if [ "$good" = 1 ]; then
		echo "ok $tap_n - $desc"
		return
	fi
	echo "not ok $tap_n - $desc"
	printf '%s\n' "$@" | sed 's/^/# /'
	tap_status=1
}

run() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		result "$desc" 1
	else
		result "$desc" 0 "$out"
	fi
}

tap_end() {
	echo "1..$tap_n"
	exit "$tap_status"
}
