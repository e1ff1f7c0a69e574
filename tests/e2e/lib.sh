#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# What every e2e topic file shares, sourced once (by run.sh or by a topic
# file run alone): the paths, a scratch folder $T removed at exit, the TAP
# helpers, and the plan line "1..N" printed at exit with the status (0
# when no test failed).  The front end's own semantic patch
# (tests/e2e/cocci) and a dmacheck stand-in speaking the contract
# (tests/e2e/fake-dmacheck) make most tests independent of the other
# parts; the tests on examples/ use the real ones when they are built.
[ -z "${E2E_LIB:-}" ] || return 0
E2E_LIB=1
set -u

TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
DMACONV=$BUILD/dmaconv
E2E=$TOP/tests/e2e
# shellcheck disable=SC2034 # FIX is for the topic files
FIX=$E2E/fixtures
TINY=$E2E/cocci
FAKE=$E2E/fake-dmacheck
n=0
failures=0

if [ ! -x "$DMACONV" ]; then
	echo "not ok 1 - $DMACONV is built"
	exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/dmaconv-e2e.XXXXXX")

e2e_finish() {
	rm -rf "$T"
	echo "1..$n"
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}
trap e2e_finish EXIT

ok() {		# ok NAME CONDITION-EXIT-STATUS [diagnostic file]
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		failures=$((failures + 1))
		[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/# /' "$3" | head -20
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
# run NAME: runs the rest with stdout/stderr in $T/NAME.out/.err, sets rc
run() {
	local name=$1
	shift
	"$@" >"$T/$name.out" 2>"$T/$name.err"
	# shellcheck disable=SC2034 # rc is for the topic files
	rc=$?
}
# run_in DIR NAME COMMAND...: run, from DIR, without leaving this shell's
run_in() {
	local dir=$1
	shift
	pushd "$dir" >/dev/null || return
	run "$@"
	popd >/dev/null || return
}
has() { grep -q -- "$2" "$T/$1"; }
json() {	# json FILE PYTHON-EXPRESSION-ON-d: exit 0 when true
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"
}
# The tiny patch and the fake checker unless a test says otherwise.
tiny() { DMACONV_COCCI_DIR=$TINY DMACONV_DMACHECK=$FAKE "$@"; }
