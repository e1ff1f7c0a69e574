#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmaconv convert end to end: spatch missing, too old or given a patch it
# cannot read; the diff, the site log, odd paths, --in-place, a second run,
# a tree without git, a file spatch cannot parse; the keyword filter
# (the removed API of checker/api).
#
# Runs alone (tests/e2e/convert.sh) or from run.sh with the other topics.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ---- spatch missing or too old ------------------------------------------
mkdir -p "$T/bin-nospatch" "$T/bin-oldspatch"
for tool in diff git patch python3 env; do
	p=$(command -v $tool) && ln -sf "$p" "$T/bin-nospatch/$tool" && ln -sf "$p" "$T/bin-oldspatch/$tool"
done
printf '#!/bin/sh\necho "spatch version 1.0.0 compiled with OCaml version 4.0"\n' >"$T/bin-oldspatch/spatch"
chmod +x "$T/bin-oldspatch/spatch"
run nospatch env PATH="$T/bin-nospatch" DMACONV_COCCI_DIR="$TINY" "$DMACONV" convert "$FIX/drv_a"
ok "no spatch: exit 4, one line with the install command" "$([ "$rc" -eq 4 ] && has nospatch.err "apt-get install coccinelle" && [ "$(wc -l <"$T/nospatch.err")" -eq 1 ]; echo $?)" "$T/nospatch.err"
run oldspatch env PATH="$T/bin-oldspatch" DMACONV_COCCI_DIR="$TINY" "$DMACONV" convert "$FIX/drv_a"
ok "spatch 1.0.0: exit 4, too old, upgrade command" "$([ "$rc" -eq 4 ] && has oldspatch.err "1.0.0 is too old" && has oldspatch.err "apt-get install coccinelle"; echo $?)" "$T/oldspatch.err"

mkdir -p "$T/badcocci"
printf 'tiny_sync.cocci\n' >"$T/badcocci/series"
printf '@@\nexpression E;\n@@\n- foo(E\n' >"$T/badcocci/tiny_sync.cocci"
run badcocci env DMACONV_COCCI_DIR="$T/badcocci" "$DMACONV" convert "$FIX/drv_a"
ok "a semantic patch spatch cannot read: named once, exit 4" "$([ "$rc" -eq 4 ] && [ "$(grep -c 'cannot read this semantic patch' "$T/badcocci.err")" -eq 1 ] && has badcocci.err "badcocci/tiny_sync.cocci"; echo $?)" "$T/badcocci.err"
printf 'missing_one.cocci\n' >"$T/badcocci/series"
run nococci env DMACONV_COCCI_DIR="$T/badcocci" "$DMACONV" convert "$FIX/drv_a"
ok "a patch listed in series but missing: named, exit 4" "$([ "$rc" -eq 4 ] && has nococci.err "missing_one.cocci: listed in .*series but missing"; echo $?)" "$T/nococci.err"

# ---- convert with the test patch ---------------------------------------
# The test patch converts drv_a's DMA_TO_DEVICE sync and leaves its
# DMA_FROM_DEVICE one: a changed driver still on the removed API, exit 5.
run diff tiny "$DMACONV" convert "$FIX/drv_a"
ok "convert: unified diff on stdout" "$([ "$rc" -eq 5 ] && has diff.out "^+++ b/.*drv_a/drv_a.c" && has diff.out "^-.*dma_cache_sync(a->dev, a->buf, 4, DMA_TO_DEVICE);" && has diff.out "^+.*dma_sync_single_for_device(a->dev, a->buf, 4, DMA_TO_DEVICE);"; echo $?)" "$T/diff.err"
ok "convert: progress on stderr (files done/total)" "$(has diff.err "files 1/1 done"; echo $?)"
ok "convert: the input is left alone without --in-place" "$(grep -q "dma_cache_sync(a->dev, a->buf, 4, DMA_TO_DEVICE)" "$FIX/drv_a/drv_a.c"; echo $?)"
run log tiny "$DMACONV" convert -q --log "$T/log.json" --log-format=json "$FIX/drv_a"
ok "convert -q: on stderr only the site that keeps the driver on the removed API (exit 5)" "$([ "$rc" -eq 5 ] && [ "$(wc -l <"$T/log.err")" -eq 1 ] && has log.err "drv_a/drv_a.c:22: drv_a still uses the removed API: .*position decides"; echo $?)" "$T/log.err"
ok "site log: converted site with line, old and new call, rule, confidence" "$(json "$T/log.json" 'len(d["drivers"])==1 and [(s["line"],s["rule"],s["confidence"],"dma_cache_sync" in s["old"],"dma_sync_single_for_device" in s["new"]) for s in d["drivers"][0]["sites"]]==[(16,"tiny_sync","Low",True,True)]'; echo $?)" "$T/log.json"
ok "site log: the site left for a human, with the reason" "$(json "$T/log.json" '[(s["line"],"position decides" in s["reason"]) for s in d["drivers"][0]["left"]]==[(22,True)]'; echo $?)" "$T/log.json"

run_in "$TOP" relcocci env DMACONV_COCCI_DIR=tests/e2e/cocci DMACONV_DMACHECK="$FAKE" "$DMACONV" convert -q "$FIX/drv_a"
ok "a relative DMACONV_COCCI_DIR works from the work folders" "$([ "$rc" -eq 5 ] && has relcocci.out "^+.*dma_sync_single_for_device"; echo $?)" "$T/relcocci.err"

# Odd paths: spaces, quotes, a leading dash, in folders and file names.
odd="$T/odd dir/it's \"quoted\""
mkdir -p "$odd/-dash drv"
cp "$FIX/drv_a/drv_a.c" "$odd/-dash drv/-x drv.c"
run_in "$odd" odd tiny "$DMACONV" convert -q -o "$T/odd out" -- "-dash drv"
ok "convert -o with spaces, quotes and leading dashes" "$([ "$rc" -eq 5 ] && grep -q dma_sync_single_for_device "$T/odd out/-x drv.c"; echo $?)" "$T/odd.err"
ok "convert -o: the log names the odd file" "$(has odd.out "^-dash drv/-x drv.c:16: converted by tiny_sync (confidence Low)"; echo $?)" "$T/odd.out"
cp -r "$odd" "$T/odd2"
run oddinplace tiny "$DMACONV" convert -q --in-place "$T/odd2/-dash drv/-x drv.c"
ok "convert --in-place on a file argument with odd characters" "$([ "$rc" -eq 5 ] && grep -q dma_sync_single_for_device "$T/odd2/-dash drv/-x drv.c"; echo $?)" "$T/oddinplace.err"
run idem tiny "$DMACONV" convert -q "$T/odd2/-dash drv"
ok "a second run changes nothing (empty diff)" "$([ "$rc" -eq 0 ] && [ ! -s "$T/idem.out" ]; echo $?)" "$T/idem.out"

# A kernel-like tree that is not a git repository, whose .cocciconfig
# asks for --use-gitgrep: its files must still be processed.
mkdir -p "$T/nogit/drivers/net/drv_a"
cp "$FIX/drv_a/drv_a.c" "$T/nogit/drivers/net/drv_a/"
printf '[spatch]\n\toptions = --use-gitgrep\n' >"$T/nogit/.cocciconfig"
run_in "$T/nogit" nogit tiny "$DMACONV" convert -q .
ok "not a git repository, .cocciconfig with --use-gitgrep: still converted" "$([ "$rc" -eq 5 ] && has nogit.out "^+.*dma_sync_single_for_device"; echo $?)" "$T/nogit.err"
cp -r "$T/nogit" "$T/withgit"
git -C "$T/withgit" init -q && git -C "$T/withgit" add -A && git -C "$T/withgit" -c user.name=t -c user.email=t@t commit -qm base
run_in "$T/withgit" withgit tiny "$DMACONV" convert -q drivers
ok "the same tree as a git repository: converted the same way" "$([ "$rc" -eq 5 ] && has withgit.out "^+.*dma_sync_single_for_device"; echo $?)" "$T/withgit.err"

mkdir -p "$T/mixed"
cp -r "$FIX/drv_a" "$FIX/bad" "$T/mixed/"
run parse tiny "$DMACONV" convert -q "$T/mixed"
ok "a file spatch cannot parse: named on stderr, exit 3" "$([ "$rc" -eq 3 ] && has parse.err "bad/bad.c: spatch cannot parse" ; echo $?)" "$T/parse.err"
ok "...and the other files are still converted" "$(has parse.out "^+.*dma_sync_single_for_device"; echo $?)"

# The keyword filter is the checker's removed API: every call of
# checker/api/dma_api.def marked ERA_OLD (with its argument count) and
# every name of checker/api/removed.def makes its folder a driver; the
# calls of the same names with the 5.10 argument count do not.
F=$T/filter
sed -n 's/^API(\([a-z_0-9]*\),[[:space:]]*\([0-9]*\),.*\(ERA_[A-Z]*\))$/\1 \2 \3/p' \
	"$TOP/checker/api/dma_api.def" >"$T/filter.api"
removed=" $(awk '$3 == "ERA_OLD" { printf "%s ", $1 }' "$T/filter.api")"
while read -r name nargs era; do
	[[ $removed == *" $name "* ]] || continue
	mkdir -p "$F/$name-$nargs"
	args=$(seq -s ', ' "$nargs" | sed 's/[0-9]\+/a/g')
	printf 'void f(void *a)\n{\n\t%s(%s);\n}\n' "$name" "$args" >"$F/$name-$nargs/f.c"
	[ "$era" = ERA_OLD ] && echo "$name-$nargs"
done <"$T/filter.api" >"$T/filter.expected"
sed -n 's/^REMOVED(\([A-Za-z_0-9]*\))$/\1/p' "$TOP/checker/api/removed.def" >"$T/filter.names"
while read -r name; do
	mkdir -p "$F/$name"
	printf 'unsigned long f(void)\n{\n\treturn %s;\n}\n' "$name" >"$F/$name/f.c"
	echo "$name"
done <"$T/filter.names" >>"$T/filter.expected"
run filter tiny "$DMACONV" convert -q --log "$T/filter.json" --log-format=json "$F"
ok "convert: the drivers are the folders naming checker/api's removed API, nothing else" "$([ "$rc" -eq 0 ] && [ "$(wc -l <"$T/filter.expected")" -ge 4 ] && [ "$(find "$F" -name f.c | wc -l)" -gt "$(wc -l <"$T/filter.expected")" ] && json "$T/filter.json" 'sorted(x["folder"].split("/")[-1] for x in d["drivers"])==sorted(open("'"$T/filter.expected"'").read().split())'; echo $?)" "$T/filter.err"
