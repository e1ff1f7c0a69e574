#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmaconv's promises when things go wrong (docs/reliability.md): names a
# diff must quote, numbers read strictly, all-or-nothing writes per
# driver with -i and -o, staged names that cannot collide, the lock on a
# tree, symbolic links, and what a killed run leaves behind.  The fault
# injection over every I/O call is tests/faults/.
#
# Runs alone (tests/e2e/reliability.sh) or from run.sh with the other
# topics.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The tiny patch leaves drv_a's DMA_FROM_DEVICE site for a human, so a
# conversion that did its job exits 5 (a changed driver still uses the
# removed API, dmaconv(1)); the tests here are about the files.
converted() { [ "$rc" -eq 0 ] || [ "$rc" -eq 5 ]; }

# ---- names a diff must quote -------------------------------------------
Q=$T/quoted
mkdir -p "$Q/d"
for name in 'a b.c' $'t\tb.c' 'é.c' 'q"x.c' $'n\nl.c' 'back\slash.c'; do
	cp "$FIX/drv_a/drv_a.c" "$Q/d/$name"
done
git -C "$Q" init -q && git -C "$Q" add -A && git -C "$Q" -c user.name=t -c user.email=t@t commit -qm legacy
run_in "$Q" quoted tiny "$DMACONV" convert -q d
ok "diff: odd names quoted as git does (\"a/d/t\\tb.c\", octal for non-ASCII, a tab after a blank)" "$(converted && has quoted.out '^+++ "b/d/t\\tb.c"$' && has quoted.out '^+++ "b/d/\\303\\251.c"$' && has quoted.out '^+++ "b/d/q\\"x.c"$' && has quoted.out '^+++ "b/d/n\\nl.c"$' && has quoted.out '^+++ "b/d/back\\\\slash.c"$' && grep -q $'^+++ b/d/a b.c\t$' "$T/quoted.out"; echo $?)" "$T/quoted.out"
ok "diff with odd names: git apply takes it" "$(git -C "$Q" apply --check "$T/quoted.out" 2>"$T/quoted.git"; echo $?)" "$T/quoted.git"
ok "diff with odd names: patch -p1 takes it and converts all six files" "$(cd "$Q" && patch -s -p1 <"$T/quoted.out" >"$T/quoted.patch" 2>&1 && [ "$(find d -type f -exec grep -q dma_sync_single_for_device {} \; -print0 | tr -cd '\0' | wc -c)" -eq 6 ]; echo $?)" "$T/quoted.patch"

# ---- numbers read strictly ---------------------------------------------
numbad=0
for args in "convert --timeout=abc" "convert --timeout=-1" "convert --timeout=" "convert --timeout=99999999999999999999" \
	"convert -j 2x" "convert -j 0" "convert -j -1" "convert -j 1e3" "convert --jobs=+2" "convert --jobs=2k" \
	"review -j 2x" "review --jobs=0" "review --jobs=99999999999"; do
	read -r cmd opt val <<<"$args"
	if [ -n "$val" ]; then
		set -- "$opt" "$val"
	else
		val=${opt#*=}
		set -- "$opt"
	fi
	"$DMACONV" "$cmd" "$@" x y >"$T/num.out" 2>"$T/num.err"
	r=$?
	if [ "$r" -ne 2 ] || [ "$(wc -l <"$T/num.err")" -ne 1 ] || ! grep -qF -- "'$val' is not a whole number" "$T/num.err"; then
		echo "# $args: exit $r: $(cat "$T/num.err")"
		numbad=$((numbad + 1))
	fi
done
ok "13 bad numbers to --timeout/--jobs of convert and review: one line naming option and value, exit 2" "$numbad"
run numok tiny "$DMACONV" convert -q -j 2 --timeout=30 "$FIX/drv_a"
ok "good numbers still taken (-j 2 --timeout=30)" "$(converted && has numok.out dma_sync_single_for_device; echo $?)" "$T/numok.err"

# ---- staged names cannot collide ---------------------------------------
C=$T/collide/drv
mkdir -p "$C"
sed 's/^struct drv_a {/struct drv_blank {/' "$FIX/drv_a/drv_a.c" >"$C/a b.c"
sed 's/^struct drv_a {/struct drv_plain {/' "$FIX/drv_a/drv_a.c" >"$C/dmaconv-input-0.c"
run collide tiny "$DMACONV" convert -q -i "$C"
ok "'a b.c' and a real dmaconv-input-0.c in one driver: each converted with its own text (issue 11: one was lost)" "$(converted && grep -q 'struct drv_blank' "$C/a b.c" && grep -q 'struct drv_plain' "$C/dmaconv-input-0.c" && grep -q dma_sync_single_for_device "$C/a b.c" && grep -q dma_sync_single_for_device "$C/dmaconv-input-0.c"; echo $?)" "$T/collide.err"

# ---- all or nothing per driver -----------------------------------------
# A driver whose header cannot be replaced (immutable: even root cannot),
# and whose .c file can: neither may change.
A=$T/atomic/drv
mkdir -p "$A"
# drv.c includes drv.h: one driver unit (a header no file includes would
# be a unit of its own, written on its own).
sed 's|^#include <linux/io.h>$|&\n#include "drv.h"|' "$FIX/drv_a/drv_a.c" >"$A/drv.c"
printf '#define DRV_SYNC(d, p) dma_cache_sync(d, p, 4, DMA_TO_DEVICE)\n' >"$A/drv.h"
cp -r "$A" "$T/atomic/before"
if chattr +i "$A/drv.h" 2>/dev/null; then
	run atomic tiny "$DMACONV" convert -q -i "$A"
	chattr -i "$A/drv.h"
	ok "-i, header that cannot be replaced: exit 3, one line naming it with the errno text" "$([ "$rc" -eq 3 ] && [ "$(grep -c "^dmaconv convert:" "$T/atomic.err")" -eq 1 ] && has atomic.err "drv/drv.h: cannot replace: Operation not permitted; no file of .*drv was changed"; echo $?)" "$T/atomic.err"
	ok "...and the .c file is byte-identical too, no temporary file left" "$(diff -r "$T/atomic/before" "$A" >/dev/null && [ -z "$(find "$T/atomic" -name '.dmaconv*')" ]; echo $?)"
else
	skip "-i, header that cannot be replaced" "chattr +i does not work here"
	skip "...and the .c file is byte-identical too" "chattr +i does not work here"
fi
run atomicok tiny "$DMACONV" convert -q -i "$A"
ok "the same driver once the header can be written: both files converted, modes kept" "$(converted && grep -q dma_sync_single_for_device "$A/drv.c" && grep -q dma_sync_single_for_device "$A/drv.h" && [ "$(stat -c %a "$A/drv.h")" = "$(stat -c %a "$T/atomic/before/drv.h")" ]; echo $?)" "$T/atomicok.err"
# -o: a file of the output that is a folder: nothing of the driver written.
O=$T/atomic-out
mkdir -p "$O/drv.h"
run atomico tiny "$DMACONV" convert -q -o "$O" "$T/atomic/before"
ok "-o, an output file that is a folder: exit 3, one line, no other file of the driver written" "$([ "$rc" -eq 3 ] && [ "$(grep -c "^dmaconv convert:" "$T/atomico.err")" -eq 1 ] && has atomico.err "drv.h: not a regular file" && [ ! -e "$O/drv.c" ]; echo $?)" "$T/atomico.err"

# ---- symbolic links ----------------------------------------------------
L=$T/links
mkdir -p "$L/tree/drv" "$L/tree/other" "$L/outside"
git -C "$L/tree" init -q
cp "$FIX/drv_a/drv_a.c" "$L/outside/victim.c"
cp "$FIX/drv_a/drv_a.c" "$L/tree/other/target.c"
ln -s ../../outside/victim.c "$L/tree/drv/out.c"
ln -s ../other/target.c "$L/tree/drv/in.c"
run linkout tiny "$DMACONV" convert -q -i "$L/tree/drv/out.c"
ok "-i on a link to a file outside the tree: refused with a message, exit 2, target untouched" "$([ "$rc" -eq 2 ] && has linkout.err "out.c: leads to .*victim.c, outside the tree" && cmp -s "$L/outside/victim.c" "$FIX/drv_a/drv_a.c"; echo $?)" "$T/linkout.err"
run linkin tiny "$DMACONV" convert -i "$L/tree/drv/in.c"
ok "-i on a link to a file inside the tree: its target converted, the link still a link" "$(converted && has linkin.err "a symbolic link to .*target.c, converted there" && grep -q dma_sync_single_for_device "$L/tree/other/target.c" && [ -L "$L/tree/drv/in.c" ]; echo $?)" "$T/linkin.err"
mkdir -p "$L/walk/drv"
cp "$FIX/drv_a/drv_a.c" "$L/walk/drv/real.c"
ln -s ../../outside/victim.c "$L/walk/drv/outside.c"
ln -s nowhere.c "$L/walk/drv/dangling.c"
ln -s loop.c "$L/walk/drv/loop.c"
ln -s .. "$L/walk/drv/up"
run linkwalk tiny "$DMACONV" convert -q -i "$L/walk"
ok "folder mode: the links skipped are listed (outside, dangling, a loop, a folder), nothing written through them" "$(converted && has linkwalk.err "outside.c: symbolic link skipped: leads outside the tree" && has linkwalk.err "dangling.c: symbolic link skipped: dangling" && has linkwalk.err "loop.c: symbolic link skipped: a loop" && has linkwalk.err "up: symbolic link skipped: a folder link" && cmp -s "$L/outside/victim.c" "$FIX/drv_a/drv_a.c" && grep -q dma_sync_single_for_device "$L/walk/drv/real.c"; echo $?)" "$T/linkwalk.err"
mkdir -p "$L/o"
ln -s "$L/outside" "$L/o/drv"
run linko tiny "$DMACONV" convert -q -o "$L/o" "$L/walk"
ok "-o through a folder link in the output: refused, nothing written through it" "$([ "$rc" -eq 3 ] && has linko.err "drv/real.c: a symbolic link on the way" && [ ! -e "$L/outside/real.c" ]; echo $?)" "$T/linko.err"

# ---- the lock, SIGKILL, SIGTERM ----------------------------------------
# A spatch that sleeps in patch mode (tests/faults/fake-spatch): a run
# stays in its workers long enough to be caught there.
S=$T/slow
mkdir -p "$S/bin" "$S/tmp"
cp "$TOP/tests/faults/fake-spatch" "$S/bin/spatch"
mkdir -p "$S/tree/drv"
cp "$FIX/drv_a/drv_a.c" "$S/tree/drv/"
cp -r "$S/tree" "$S/before"
git -C "$S/tree" init -q
# alive PATTERN: the processes of this test still running
alive() { pgrep -f -- "$1" >/dev/null; }
slow_run() {
	PATH="$S/bin:$PATH" TMPDIR="$S/tmp" FAKE_SPATCH_SLEEP=$1 DMACONV_COCCI_DIR=$TINY "$DMACONV" convert -q -i "$S/tree" >/dev/null 2>"$T/slow.err" &
	slow_pid=$!
	for _ in $(seq 100); do
		pgrep -f "^sleep $1\$" >/dev/null && break
		sleep 0.1
	done
}
slow_run 61
run second tiny "$DMACONV" convert -q -i "$S/tree"
ok "a second dmaconv on the same tree: refused, naming the first one's pid, exit 3" "$([ "$rc" -eq 3 ] && has second.err "another dmaconv (pid $slow_pid) is writing this tree" && diff -r "$S/before/drv" "$S/tree/drv" >/dev/null; echo $?)" "$T/second.err"
kill -KILL "$slow_pid"
wait "$slow_pid" 2>/dev/null
gone=1
for _ in $(seq 50); do
	alive "^sleep 61\$" || { gone=0; break; }
	sleep 0.1
done
ok "SIGKILL of dmaconv during a conversion: its spatch is gone within 5 s" "$gone"
pkill_ours() { local p; for p in $(pgrep -f "^sleep $1\$"); do kill "$p"; done; }
[ "$gone" -eq 0 ] || pkill_ours 61
ok "...its temporary folder is still there, the originals untouched" "$([ -n "$(ls -A "$S/tmp")" ] && diff -r "$S/before/drv" "$S/tree/drv" >/dev/null; echo $?)"
run after env PATH="$S/bin:$PATH" TMPDIR="$S/tmp" DMACONV_COCCI_DIR="$TINY" "$DMACONV" convert -i "$S/tree"
ok "the next run removes the killed run's temporary folder, says so, takes over the lock, converts" "$(converted && has after.err "removed 1 temporary folder(s) of killed dmaconv run(s) in .* (pid $slow_pid)" && has after.err "took over the lock a killed dmaconv (pid $slow_pid) left" && [ -z "$(ls -A "$S/tmp")" ] && grep -q dma_sync_single_for_device "$S/tree/drv/drv_a.c" && [ ! -e "$S/tree/.git/dmaconv.lock" ]; echo $?)" "$T/after.err"
rm -rf "$S/tree/drv" && cp -r "$S/before/drv" "$S/tree/"
slow_run 62
kill -TERM "$slow_pid"
wait "$slow_pid" 2>/dev/null
gone=1
for _ in $(seq 50); do
	alive "^sleep 62\$" || { gone=0; break; }
	sleep 0.1
done
[ "$gone" -eq 0 ] || pkill_ours 62
ok "SIGTERM during a conversion: spatch gone, temporary folder and lock removed, originals untouched" "$([ "$gone" -eq 0 ] && [ -z "$(ls -A "$S/tmp")" ] && [ ! -e "$S/tree/.git/dmaconv.lock" ] && diff -r "$S/before/drv" "$S/tree/drv" >/dev/null; echo $?)" "$T/slow.err"
