#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz dmacheck's front end and its JSON/SARIF writers (fuzz_front.c)
# for a bounded time, then run every regression input once.  TAP on
# stdout; the figures (executions, time, crashes, invalid outputs) on the
# last "# fuzz:" line.
#
#	tests/fuzz/run.sh [SECONDS]          (default 30; make check-fuzz: 300)
#
# Environment: BUILD, TOP; FUZZ_OUT (default $BUILD/fuzz/out) keeps the
# generated corpus, the log and any crashing input (crash-*).
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
FUZZ=${FUZZ:-$BUILD/fuzz/dmacheck-fuzz}
secs=${1:-30}
out=${FUZZ_OUT:-$BUILD/fuzz/out}
here=$TOP/tests/fuzz
export TOP

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }

if [ ! -x "$FUZZ" ]; then
	echo "1..1"
	echo "ok 1 - fuzzing # SKIP $FUZZ not built (make check-fuzz)"
	exit 0
fi
mkdir -p "$out/corpus"

# Every input that once failed stays a test.
for f in "$here"/regressions/*; do
	[ -f "$f" ] || continue
	if "$FUZZ" "$f" >"$out/regression.log" 2>&1; then
		ok "regression $(basename "$f")"
	else
		sed 's/^/# /' "$out/regression.log" | tail -20
		not_ok "regression $(basename "$f")"
	fi
done

start=$(date +%s)
ASAN_OPTIONS=detect_leaks=0 "$FUZZ" -max_total_time="$secs" -max_len=4096 -timeout=60 \
	-rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$out/" \
	"$out/corpus" "$here/corpus" >"$out/log" 2>&1
rc=$?
end=$(date +%s)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n 1)
crashes=$(grep -c "^==[0-9]*==ERROR\|^fuzz: .*crashed\|^fuzz: .*timed out\|deadly signal" "$out/log")
invalid=$(grep -c "^fuzz: invalid" "$out/log")
echo "# fuzz: ${execs:-0} executions in $((end - start)) s, $crashes crashes, $invalid invalid outputs (log: $out/log)"
if [ $rc -eq 0 ] && [ "${execs:-0}" -gt 0 ] && [ "$crashes" -eq 0 ] && [ "$invalid" -eq 0 ]; then
	ok "fuzzing the front end for $secs s: ${execs} executions, no crash, no invalid output"
else
	grep -A5 "^fuzz: \|ERROR" "$out/log" | head -40 | sed 's/^/# /'
	not_ok "fuzzing the front end for $secs s (a crashing input is in $out/crash-*: add it to tests/fuzz/regressions/)"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
