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

# ---- names a diff must quote -------------------------------------------
Q=$T/quoted
mkdir -p "$Q/d"
for name in 'a b.c' $'t\tb.c' 'é.c' 'q"x.c' $'n\nl.c' 'back\slash.c'; do
	cp "$FIX/drv_a/drv_a.c" "$Q/d/$name"
done
git -C "$Q" init -q && git -C "$Q" add -A && git -C "$Q" -c user.name=t -c user.email=t@t commit -qm legacy
run_in "$Q" quoted tiny "$DMACONV" convert -q d
ok "diff: odd names quoted as git does (\"a/d/t\\tb.c\", octal for non-ASCII, a tab after a blank)" "$([ "$rc" -eq 0 ] && has quoted.out '^+++ "b/d/t\\tb.c"$' && has quoted.out '^+++ "b/d/\\303\\251.c"$' && has quoted.out '^+++ "b/d/q\\"x.c"$' && has quoted.out '^+++ "b/d/n\\nl.c"$' && has quoted.out '^+++ "b/d/back\\\\slash.c"$' && grep -q $'^+++ b/d/a b.c\t$' "$T/quoted.out"; echo $?)" "$T/quoted.out"
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
ok "good numbers still taken (-j 2 --timeout=30)" "$([ "$rc" -eq 0 ] && has numok.out dma_sync_single_for_device; echo $?)" "$T/numok.err"
