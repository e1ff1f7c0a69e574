#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The CHECK= command check-kernel.sh hands to kbuild.  It runs the real
# checker ($KCHECK_TOOL, normally build/dmacheck) with exactly the
# arguments kbuild gave, passes its stderr and exit status through, and
# keeps a record of the invocation under $KCHECK_RECORDS so the run can be
# summarised (files checked, failures, warnings by check id) and replayed
# by the benchmarks:
#
#	<n>.cmd  working folder, then one argument per line
#	<n>.err  everything the checker printed on stderr
#	<n>.rc   its exit status (124: killed by the per-file time limit)
set -u

tool=${KCHECK_TOOL:?check-wrap: KCHECK_TOOL is not set}
records=${KCHECK_RECORDS:?check-wrap: KCHECK_RECORDS is not set}
# Above dmacheck's own per-file limit (300 s), which reports itself.
limit=${KCHECK_FILE_TIMEOUT:-360}

rec=$(mktemp "$records/XXXXXXXX") || exit 1
{ pwd; printf '%s\n' "$@"; } >"$rec.cmd"

# A checker that hangs must not hang the kernel build: the time limit
# turns it into a recorded failure.
timeout --kill-after=10 "$limit" "$tool" "$@" 2>"$rec.err"
rc=$?
echo "$rc" >"$rec.rc"
rm -f "$rec"
cat "$rec.err" >&2
exit "$rc"
