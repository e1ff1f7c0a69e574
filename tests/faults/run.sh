#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fault injection for dmaconv convert -i and -o (TAP; docs/reliability.md,
# "dmaconv").  A converting run over a copy of examples/ is made once with
# the shim (faultshim.c, LD_PRELOAD) counting its I/O calls; then once per
# call N, with the Nth call failing (ENOSPC, EIO, EACCES in turn), and once
# per call N with a SIGKILL at the Nth call followed by a run that only
# recovers.  The copy holds scriptio (a .c file and a header, both
# changed) and pcmduo (its .c file changed).  After each:
#
#   every driver is byte-identical to the original or wholly converted
#   (never mixed, never truncated); the input of -o is untouched;
#   exit 0 only when every driver is converted, else one error line;
#   no .dmaconv-* file in the tree, no temporary folder in $TMPDIR.
#
# Then a full file system: a 1 MiB tmpfs (needs root and a mount
# namespace, else skipped with the reason), and a driver too big for it.
#
# spatch is tests/faults/fake-spatch (the tiny patch's rewrite in perl):
# the calls counted are dmaconv's own, and the real spatch would make the
# ~450 runs take an hour.  FAULT_JOBS=N runs N at a time (default twice the CPUs).
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
DMACONV=$BUILD/dmaconv
here=$TOP/tests/faults
jobs=${FAULT_JOBS:-$(( $(nproc) * 2 ))}
n=0
failures=0

T=$(mktemp -d "${TMPDIR:-/tmp}/dmaconv-faults.XXXXXX")
finish() {
	rm -rf "$T"
	echo "1..$n"
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}
trap finish EXIT
ok() {		# ok NAME STATUS [diagnostic file]
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		failures=$((failures + 1))
		[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/# /' "$3" | head -30
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

if [ ! -x "$DMACONV" ]; then
	ok "$DMACONV is built" 1
	exit 1
fi
if ! ${CC:-cc} -shared -fPIC -O1 -o "$T/faultshim.so" "$here/faultshim.c" -ldl 2>"$T/cc.err"; then
	ok "the fault shim builds" 1 "$T/cc.err"
	exit 1
fi
mkdir -p "$T/bin"
cp "$here/fake-spatch" "$T/bin/spatch"
export PATH="$T/bin:$PATH" DMACONV_COCCI_DIR="$TOP/tests/e2e/cocci" \
	DMACONV_DMACHECK="$TOP/tests/e2e/fake-dmacheck" SHIM="$T/faultshim.so" \
	DMACONV T
drivers="scsi/scriptio sound/pcmduo"
export drivers

fresh() {	# fresh DIR: a copy of the example drivers
	rm -rf "$1"
	mkdir -p "$1"
	cp -r "$TOP/examples/scsi" "$TOP/examples/sound" "$1/"
}
fresh "$T/orig"
# The reference runs are laid out as every run below ($T/w/NAME/{tree,
# out,tmp}): the depth of a path decides how many mkdir calls make it.
for mode in i o; do
	w=$T/w/ref-$mode-0
	mkdir -p "$w/tmp"
	cp -r "$T/orig" "$w/tree"
	if [ "$mode" = i ]; then
		(cd "$w/tree" && TMPDIR=$w/tmp FAULT_COUNT=$T/count.i LD_PRELOAD=$SHIM "$DMACONV" convert -q -i . >/dev/null 2>>"$T/ref.err")
	else
		cp -r "$T/orig" "$w/out"
		TMPDIR=$w/tmp FAULT_COUNT=$T/count.o LD_PRELOAD=$SHIM "$DMACONV" convert -q -o "$w/out" "$w/tree" >/dev/null 2>>"$T/ref.err"
	fi
done
mv "$T/w/ref-i-0/tree" "$T/ref"
calls_i=$(cat "$T/count.i" 2>/dev/null || echo 0)
calls_o=$(cat "$T/count.o" 2>/dev/null || echo 0)
ok "reference runs: -i converts 2 drivers ($calls_i I/O calls), -o the same ($calls_o calls)" "$([ "$calls_i" -gt 20 ] && [ "$calls_o" -gt 20 ] && ! grep -v 'still uses the removed API' "$T/ref.err" | grep -q . && ! diff -rq "$T/orig" "$T/ref" >/dev/null && diff -r "$T/ref" "$T/w/ref-o-0/out" >/dev/null; echo $?)" "$T/ref.err"
rm -rf "$T/w"

# state DIR DRIVER: orig, conv, or what is wrong.
state() {
	local d=$1/$2 f same_o=1 same_c=1
	for f in "$T/orig/$2"/*; do
		cmp -s "$f" "$d/${f##*/}" || same_o=0
		cmp -s "$T/ref/$2/${f##*/}" "$d/${f##*/}" || same_c=0
	done
	if [ "$same_c" -eq 1 ]; then echo conv
	elif [ "$same_o" -eq 1 ]; then echo orig
	else echo MIXED; fi
}
export -f state

# one MODE ACTION N: one run with a fault at call N; prints one line,
# "ok ..." or "bad ...", to $T/res/MODE-ACTION-N.
one() {
	local mode=$1 action=$2 k=$3 w=$T/w/$1-$2-$3 rc d s states="" bad="" errs
	local codes=(ENOSPC EIO EACCES) killed=0
	local err=${codes[$((k % 3))]}
	exec 2>/dev/null	# no "Killed" from this shell: every run has its own
	mkdir -p "$w/tmp"
	cp -r "$T/orig" "$w/tree"
	[ "$mode" = o ] && cp -r "$T/orig" "$w/out"
	local -a env=(TMPDIR="$w/tmp" LD_PRELOAD="$SHIM" FAULT_AT="$k" FAULT_ERRNO="$err" FAULT_LOG="$w/fault")
	[ "$action" = kill ] && env+=(FAULT_KILL=1)
	if [ "$mode" = i ]; then
		(cd "$w/tree" && env "${env[@]}" "$DMACONV" convert -q -i . >/dev/null 2>"$w/err")
	else
		env "${env[@]}" "$DMACONV" convert -q -o "$w/out" "$w/tree" >/dev/null 2>"$w/err"
	fi
	rc=$?
	# 5: converted, but the e2e test patches leave sites for a human
	# (dmaconv(1)); for the files that is a run that succeeded.
	[ "$rc" -eq 5 ] && rc=0
	[ "$rc" -eq 137 ] && killed=1
	local target=$w/tree
	[ "$mode" = o ] && target=$w/out
	if [ "$action" = kill ]; then
		# A run that only recovers (the fake spatch changes nothing);
		# what the killed run left must be undone or complete.
		if [ "$mode" = i ]; then
			(cd "$w/tree" && TMPDIR="$w/tmp" FAKE_SPATCH_NOOP=1 "$DMACONV" convert -q -i . >/dev/null 2>"$w/err2")
		else
			TMPDIR="$w/tmp" "$DMACONV" convert -q -o "$w/out" "$w/tree" >/dev/null 2>"$w/err2"
		fi
		case $? in 0|5) ;; *) bad+=" recovery-run-failed" ;; esac
	fi
	for d in $drivers; do
		s=$(state "$target" "$d")
		states+=" $s"
		[ "$s" = MIXED ] && bad+=" $d:mixed"
		[ "$action" = fail ] && [ "$rc" -eq 0 ] && [ "$s" != conv ] && bad+=" $d:exit-0-but-not-converted"
	done
	[ "$mode" = o ] && ! diff -r "$T/orig" "$w/tree" >/dev/null && bad+=" input-changed"
	[ "$mode" = o ] && [ "$action" = kill ] && ! diff -r "$T/ref" "$w/out" >/dev/null && bad+=" not-converted-after-rerun"
	if [ "$action" = fail ] && [ "$rc" -ne 0 ]; then
		errs=$(wc -l <"$w/err")
		[ "$errs" -eq 1 ] || bad+=" $errs-error-lines"
	fi
	[ -s "$w/fault" ] || bad+=" fault-not-reached"
	[ -z "$(find "$target" -name '.dmaconv*')" ] || bad+=" temp-files-left"
	[ -z "$(ls -A "$w/tmp")" ] || bad+=" temp-folders-left"
	local what
	what=$(cut -d' ' -f2 "$w/fault" 2>/dev/null | head -1)
	if [ -n "$bad" ]; then
		echo "bad $mode $action $k ${what:-none} rc=$rc$bad ($(head -c 300 "$w/err" | tr '\n' '|'))"
	else
		echo "ok $mode $action $k ${what:-none} rc=$rc killed=$killed$states"
		rm -rf "$w"
	fi >"$T/res/$mode-$action-$k"
}
export -f one

mkdir -p "$T/res" "$T/w"
# The Nth call of every run is the Nth of the reference: same layout.
{
	for k in $(seq 1 "$calls_i"); do echo "i fail $k"; echo "i kill $k"; done
	for k in $(seq 1 "$calls_o"); do echo "o fail $k"; echo "o kill $k"; done
} | xargs -P "$jobs" -L 1 bash -c 'one "$@"' _

for mode in i o; do
	for action in fail kill; do
		total=$(cat "$T/res/$mode-$action-"* | wc -l)
		held=$(cat "$T/res/$mode-$action-"* | grep -c '^ok')
		cat "$T/res/$mode-$action-"* | grep '^bad' >"$T/bad-$mode-$action"
		ops=$(cat "$T/res/$mode-$action-"* | awk '{print $5}' | sort | uniq -c | awk '{printf "%s %s, ", $1, $2}')
		word=$([ "$action" = fail ] && echo "failed" || echo "SIGKILL at")
		ok "convert -$mode, $word each of $total I/O calls (${ops%, }): $held held" "$([ "$total" -gt 0 ] && [ "$held" -eq "$total" ]; echo $?)" "$T/bad-$mode-$action"
		echo "# figures: mode=-$mode action=$action faults=$total held=$held"
	done
done

# ---- a full file system --------------------------------------------------
if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
	skip "a full tmpfs: every original intact, one line naming the file and ENOSPC" "needs root and mount namespaces (unshare -m)"
else
	# A 1 MiB tmpfs holding the drivers, the biggest file padded so that
	# the converted copies cannot all fit beside the originals.
	cat >"$T/full.sh" <<-'EOS'
	set -u
	mount -t tmpfs -o size=1m tmpfs "$1" || exit 99
	cp -r "$T/orig/." "$1/"
	head -c 600000 /dev/zero | tr '\0' ' ' >>"$1/scsi/scriptio/scriptio.c"
	cp "$1/scsi/scriptio/scriptio.c" "$T/full-padded.c"
	# Fill what is left but 100 KiB.
	avail=$(df -k --output=avail "$1" | tail -1)
	head -c $(( (avail - 100) * 1024 )) /dev/zero >"$1/filler" 2>/dev/null
	(cd "$1" && TMPDIR=$T "$DMACONV" convert -q -i . >/dev/null 2>"$T/full.err")
	echo $? >"$T/full.rc"
	cmp -s "$1/scsi/scriptio/scriptio.c" "$T/full-padded.c" && cmp -s "$1/scsi/scriptio/scriptio.h" "$T/orig/scsi/scriptio/scriptio.h" && echo intact >"$T/full.state"
	find "$1" -name '.dmaconv*' >"$T/full.left"
	EOS
	mkdir -p "$T/mnt"
	unshare -m bash "$T/full.sh" "$T/mnt"
	src=$?
	if [ "$src" -eq 99 ]; then
		skip "a full tmpfs: every original intact, one line naming the file and ENOSPC" "cannot mount a tmpfs here"
	else
		ok "a full tmpfs: scriptio's originals byte-identical, one line naming the file and ENOSPC, exit non-zero, no temp file" "$([ "$(cat "$T/full.rc")" -ne 0 ] && [ -f "$T/full.state" ] && [ "$(wc -l <"$T/full.err")" -eq 1 ] && grep -q 'scriptio.*No space left on device' "$T/full.err" && [ ! -s "$T/full.left" ]; echo $?)" "$T/full.err"
	fi
fi
