#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end tests of dmaconv (TAP): every command on examples/ and on
# fixtures with odd paths; the reports' content (sites, rules, left
# sites, regressions); bad input.  The front end's own semantic patch
# (tests/e2e/cocci) and a dmacheck stand-in speaking the contract
# (tests/e2e/fake-dmacheck) make most tests independent of the other
# parts; the tests on examples/ use the real ones when they are built.
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
DMACONV=$BUILD/dmaconv
E2E=$TOP/tests/e2e
FIX=$E2E/fixtures
TINY=$E2E/cocci
FAKE=$E2E/fake-dmacheck
T=$(mktemp -d "${TMPDIR:-/tmp}/dmaconv-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
failures=0

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

if [ ! -x "$DMACONV" ]; then
	echo "not ok 1 - $DMACONV is built"
	exit 1
fi
# The tiny patch and the fake checker unless a test says otherwise.
tiny() { DMACONV_COCCI_DIR=$TINY DMACONV_DMACHECK=$FAKE "$@"; }

# ---- help, usage errors -------------------------------------------------
run help "$DMACONV" --help
ok "dmaconv --help lists the four commands" $([ $rc -eq 0 ] && has help.out convert && has help.out check && has help.out review && has help.out series; echo $?)
for c in convert check review series; do
	run help-$c "$DMACONV" $c --help
	ok "dmaconv $c --help" $([ $rc -eq 0 ] && has help-$c.out "usage: dmaconv $c" && has help-$c.out "Exit status"; echo $?)
done
run nocmd "$DMACONV"
ok "no command: usage on stderr, exit 2" $([ $rc -eq 2 ] && has nocmd.err usage; echo $?)
run unknown "$DMACONV" frobnicate
ok "unknown command: exit 2, named" $([ $rc -eq 2 ] && has unknown.err "unknown command 'frobnicate'"; echo $?)
for c in convert check review series; do
	run badopt-$c tiny "$DMACONV" $c --no-such-option
	ok "$c: unknown option exits 2" $([ $rc -eq 2 ] && has badopt-$c.err "no-such-option"; echo $?)
done
run nopath tiny "$DMACONV" convert
ok "convert without PATH: exit 2" $([ $rc -eq 2 ] && has nopath.err "no PATH"; echo $?)
run missing tiny "$DMACONV" convert "$T/no such dir"
ok "convert on a missing path: exit 2, path named" $([ $rc -eq 2 ] && has missing.err "no such dir: no such file or folder"; echo $?)
run missing-check tiny "$DMACONV" check "$T/nothing.c"
ok "check on a missing file: exit 2, file named" $([ $rc -eq 2 ] && has missing-check.err "nothing.c: no such file"; echo $?)
run badfmt tiny "$DMACONV" review --format=pdf a b
ok "review --format=pdf: exit 2" $([ $rc -eq 2 ] && has badfmt.err "unknown format 'pdf'"; echo $?)

# ---- spatch missing or too old ------------------------------------------
mkdir -p "$T/bin-nospatch" "$T/bin-oldspatch"
for tool in diff git patch python3 env; do
	p=$(command -v $tool) && ln -sf "$p" "$T/bin-nospatch/$tool" && ln -sf "$p" "$T/bin-oldspatch/$tool"
done
printf '#!/bin/sh\necho "spatch version 1.0.0 compiled with OCaml version 4.0"\n' >"$T/bin-oldspatch/spatch"
chmod +x "$T/bin-oldspatch/spatch"
run nospatch env PATH="$T/bin-nospatch" DMACONV_COCCI_DIR=$TINY "$DMACONV" convert "$FIX/drv_a"
ok "no spatch: exit 4, one line with the install command" $([ $rc -eq 4 ] && has nospatch.err "apt-get install coccinelle" && [ "$(wc -l <"$T/nospatch.err")" -eq 1 ]; echo $?) "$T/nospatch.err"
run oldspatch env PATH="$T/bin-oldspatch" DMACONV_COCCI_DIR=$TINY "$DMACONV" convert "$FIX/drv_a"
ok "spatch 1.0.0: exit 4, too old, upgrade command" $([ $rc -eq 4 ] && has oldspatch.err "1.0.0 is too old" && has oldspatch.err "apt-get install coccinelle"; echo $?) "$T/oldspatch.err"

mkdir -p "$T/badcocci"
printf 'tiny_sync.cocci\n' >"$T/badcocci/series"
printf '@@\nexpression E;\n@@\n- foo(E\n' >"$T/badcocci/tiny_sync.cocci"
run badcocci env DMACONV_COCCI_DIR="$T/badcocci" "$DMACONV" convert "$FIX/drv_a"
ok "a semantic patch spatch cannot read: named once, exit 4" $([ $rc -eq 4 ] && [ "$(grep -c 'cannot read this semantic patch' "$T/badcocci.err")" -eq 1 ] && has badcocci.err "badcocci/tiny_sync.cocci"; echo $?) "$T/badcocci.err"
printf 'missing_one.cocci\n' >"$T/badcocci/series"
run nococci env DMACONV_COCCI_DIR="$T/badcocci" "$DMACONV" convert "$FIX/drv_a"
ok "a patch listed in series but missing: named, exit 4" $([ $rc -eq 4 ] && has nococci.err "missing_one.cocci: listed in .*series but missing"; echo $?) "$T/nococci.err"

# ---- convert with the test patch ---------------------------------------
run diff tiny "$DMACONV" convert "$FIX/drv_a"
ok "convert: unified diff on stdout" $([ $rc -eq 0 ] && has diff.out "^+++ b/.*drv_a/drv_a.c" && has diff.out "^-.*dma_cache_sync(a->dev, a->buf, 4, DMA_TO_DEVICE);" && has diff.out "^+.*dma_sync_single_for_device(a->dev, a->buf, 4, DMA_TO_DEVICE);"; echo $?) "$T/diff.err"
ok "convert: progress on stderr (files done/total)" $(has diff.err "files 1/1 done"; echo $?)
ok "convert: the input is left alone without --in-place" $(grep -q "dma_cache_sync(a->dev, a->buf, 4, DMA_TO_DEVICE)" "$FIX/drv_a/drv_a.c"; echo $?)
run log tiny "$DMACONV" convert -q --log "$T/log.json" --log-format=json "$FIX/drv_a"
ok "convert -q: nothing on stderr" $([ $rc -eq 0 ] && [ ! -s "$T/log.err" ]; echo $?) "$T/log.err"
ok "site log: converted site with line, old and new call, rule, confidence" $(json "$T/log.json" 'len(d["drivers"])==1 and [(s["line"],s["rule"],s["confidence"],"dma_cache_sync" in s["old"],"dma_sync_single_for_device" in s["new"]) for s in d["drivers"][0]["sites"]]==[(16,"tiny_sync","Low",True,True)]'; echo $?) "$T/log.json"
ok "site log: the site left for a human, with the reason" $(json "$T/log.json" '[(s["line"],"position decides" in s["reason"]) for s in d["drivers"][0]["left"]]==[(22,True)]'; echo $?) "$T/log.json"

run_in "$TOP" relcocci env DMACONV_COCCI_DIR=tests/e2e/cocci DMACONV_DMACHECK=$FAKE "$DMACONV" convert -q "$FIX/drv_a"
ok "a relative DMACONV_COCCI_DIR works from the work folders" $([ $rc -eq 0 ] && has relcocci.out "^+.*dma_sync_single_for_device"; echo $?) "$T/relcocci.err"

# Odd paths: spaces, quotes, a leading dash, in folders and file names.
odd="$T/odd dir/it's \"quoted\""
mkdir -p "$odd/-dash drv"
cp "$FIX/drv_a/drv_a.c" "$odd/-dash drv/-x drv.c"
run_in "$odd" odd tiny "$DMACONV" convert -q -o "$T/odd out" -- "-dash drv"
ok "convert -o with spaces, quotes and leading dashes" $([ $rc -eq 0 ] && grep -q dma_sync_single_for_device "$T/odd out/-x drv.c"; echo $?) "$T/odd.err"
ok "convert -o: the log names the odd file" $(has odd.out "^-dash drv/-x drv.c:16: converted by tiny_sync (confidence Low)"; echo $?) "$T/odd.out"
cp -r "$odd" "$T/odd2"
run oddinplace tiny "$DMACONV" convert -q --in-place "$T/odd2/-dash drv/-x drv.c"
ok "convert --in-place on a file argument with odd characters" $([ $rc -eq 0 ] && grep -q dma_sync_single_for_device "$T/odd2/-dash drv/-x drv.c"; echo $?) "$T/oddinplace.err"
run idem tiny "$DMACONV" convert -q "$T/odd2/-dash drv"
ok "a second run changes nothing (empty diff)" $([ $rc -eq 0 ] && [ ! -s "$T/idem.out" ]; echo $?) "$T/idem.out"

# A kernel-like tree that is not a git repository, whose .cocciconfig
# asks for --use-gitgrep: its files must still be processed.
mkdir -p "$T/nogit/drivers/net/drv_a"
cp "$FIX/drv_a/drv_a.c" "$T/nogit/drivers/net/drv_a/"
printf '[spatch]\n\toptions = --use-gitgrep\n' >"$T/nogit/.cocciconfig"
run_in "$T/nogit" nogit tiny "$DMACONV" convert -q .
ok "not a git repository, .cocciconfig with --use-gitgrep: still converted" $([ $rc -eq 0 ] && has nogit.out "^+.*dma_sync_single_for_device"; echo $?) "$T/nogit.err"
cp -r "$T/nogit" "$T/withgit"
git -C "$T/withgit" init -q && git -C "$T/withgit" add -A && git -C "$T/withgit" -c user.name=t -c user.email=t@t commit -qm base
run_in "$T/withgit" withgit tiny "$DMACONV" convert -q drivers
ok "the same tree as a git repository: converted the same way" $([ $rc -eq 0 ] && has withgit.out "^+.*dma_sync_single_for_device"; echo $?) "$T/withgit.err"

mkdir -p "$T/mixed"
cp -r "$FIX/drv_a" "$FIX/bad" "$T/mixed/"
run parse tiny "$DMACONV" convert -q "$T/mixed"
ok "a file spatch cannot parse: named on stderr, exit 3" $([ $rc -eq 3 ] && has parse.err "bad/bad.c: spatch cannot parse" ; echo $?) "$T/parse.err"
ok "...and the other files are still converted" $(has parse.out "^+.*dma_sync_single_for_device"; echo $?)

# ---- check ---------------------------------------------------------------
run check tiny "$DMACONV" check -q "$FIX/drv_a"
ok "check: findings in gcc format, exit 1" $([ $rc -eq 1 ] && has check.out "drv_a/drv_a.c:16:2: warning: dma_cache_sync() was removed in Linux 5.10 \[legacy-api\]"; echo $?) "$T/check.out"
FAKE_DMACHECK_LOG=$T/plain.log run checkargs tiny "$DMACONV" check -q "$FIX/drv_a/drv_a.c" -- -Wno-legacy-api
ok "check outside a kernel tree: -f json, include/, 5.9 view, extra flags" $(json "$T/checkargs.out" 'True' 2>/dev/null; python3 - "$T/plain.log" "$TOP/include" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).readline())
sys.exit(0 if (a[:2] == ["-f", "json"] and "-DDMAREF_API_5_9" in a and
              "-I" + sys.argv[2] in a and "-Wno-legacy-api" in a) else 1)
PY
echo $?) "$T/plain.log"
mkdir -p "$T/hdr"
printf '#include "hdr drv.h"\nint drv(void) { return 0; }\n' >"$T/hdr/drv.c"
printf 'static inline void h(void *d, void *p) { dma_cache_sync(d, p, 4, DMA_TO_DEVICE); }\n' >"$T/hdr/hdr drv.h"
FAKE_DMACHECK_LOG=$T/hdr.log run checkhdr tiny "$DMACONV" check -q "$T/hdr/drv.c"
ok "check: a file including a local header in the old API gets the 5.9 view" $(grep -q 'DMAREF_API_5_9' "$T/hdr.log"; echo $?) "$T/hdr.log"
run checkjson tiny "$DMACONV" check -q --format=json "$FIX/drv_a"
ok "check --format=json: findings with check ids" $(json "$T/checkjson.out" '[f["check"] for f in d["findings"]]==["legacy-api","legacy-api"]'; echo $?) "$T/checkjson.out"
printf 'int clean(void) { return 0; }\n' >"$T/clean.c"
run checkclean tiny "$DMACONV" check -q "$T/clean.c"
ok "check: no finding, exit 0" $([ $rc -eq 0 ] && [ ! -s "$T/checkclean.out" ]; echo $?)
printf 'int broken(void) { PARSE_ERROR }\n' >"$T/perr.c"
run checkperr tiny "$DMACONV" check -q "$T/perr.c"
ok "check: a file dmacheck cannot check is named, exit 3" $([ $rc -eq 3 ] && has checkperr.out "perr.c: dmacheck: parse error"; echo $?) "$T/checkperr.out"
run nodmacheck env DMACONV_DMACHECK="$T/no-dmacheck" "$DMACONV" check -q "$FIX/drv_a"
ok "check: dmacheck missing, exit 4" $([ $rc -eq 4 ] && has nodmacheck.err "dmacheck not found"; echo $?) "$T/nodmacheck.err"

# A configured kernel tree with compile_commands.json: the kernel's flags.
K="$T/linux tree"
mkdir -p "$K/arch" "$K/drivers/net/drv_a"
touch "$K/Kbuild" "$K/Kconfig" "$K/Makefile" "$K/arch/Kconfig" "$K/.config"
cp "$FIX/drv_a/drv_a.c" "$K/drivers/net/drv_a/"
python3 - "$K" <<'PY'
import json, sys
k = sys.argv[1]
json.dump([{"directory": k, "file": "drivers/net/drv_a/drv_a.c",
            "command": "gcc -Wp,-MMD,x.d -nostdinc -D'KBUILD_MODNAME=\"drv a\"' "
                       "-I\"%s/include\" -c -o drivers/net/drv_a/drv_a.o "
                       "drivers/net/drv_a/drv_a.c" % k}],
          open(k + "/compile_commands.json", "w"))
PY
FAKE_DMACHECK_LOG=$T/kernel.log run kcheck tiny "$DMACONV" check -q "$K/drivers/net/drv_a/drv_a.c"
ok "check in a kernel tree: the compile command's flags, not -c/-o" $([ $rc -eq 1 ] && python3 - "$T/kernel.log" "$K" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).readline())
k = sys.argv[2]
sys.exit(0 if ('-DKBUILD_MODNAME="drv a"' in a and "-I%s/include" % k in a
              and "-nostdinc" in a and "-c" not in a and "-o" not in a
              and a[-1].endswith("drv_a.c")) else 1)
PY
echo $?) "$T/kernel.log"
ok "check in a kernel tree: findings read from dmacheck's text output" $(has kcheck.out "drv_a.c:16:2: warning: .*\[legacy-api\]"; echo $?) "$T/kcheck.out"

# A configured kernel tree without compile_commands.json: kbuild runs the
# checker (make C=2 CHECK=...), here a make stand-in that records its
# command line and prints what kbuild would.
K2="$T/kernel two"
mkdir -p "$K2/arch" "$K2/drivers/net/drv_a" "$T/bin-make" "$T/kobj"
touch "$K2/Kbuild" "$K2/Kconfig" "$K2/Makefile" "$K2/arch/Kconfig" "$T/kobj/.config"
cp "$FIX/drv_a/drv_a.c" "$K2/drivers/net/drv_a/"
cat >"$T/bin-make/make" <<'SH'
#!/bin/sh
printf '%s\n' "$@" >"$FAKE_MAKE_LOG"
echo "  CHECK   drivers/net/drv_a/drv_a.c"
echo "drivers/net/drv_a/drv_a.c:16:2: warning: dma_cache_sync() was removed in Linux 5.10 [legacy-api]" >&2
SH
chmod +x "$T/bin-make/make"
FAKE_MAKE_LOG=$T/make.log run kmake env PATH="$T/bin-make:$PATH" DMACONV_DMACHECK=$FAKE "$DMACONV" check -q --kernel-build="$T/kobj" "$K2/drivers/net/drv_a/drv_a.c"
ok "check in a configured kernel tree: make -C TREE O=... C=2 CHECK=dmacheck file.o" $([ $rc -eq 1 ] && [ "$(cat "$T/make.log")" = "$(printf '%s\n' -C "$K2" "O=$T/kobj" C=2 "CHECK=$FAKE" drivers/net/drv_a/drv_a.o)" ]; echo $?) "$T/make.log"
ok "check in a configured kernel tree: kbuild's warnings become findings" $(has kmake.out "^drivers/net/drv_a/drv_a.c:16:2: warning: .*\[legacy-api\]"; echo $?) "$T/kmake.out"
rm "$T/kobj/.config"
FAKE_DMACHECK_LOG=$T/unconf.log run kunconf tiny "$DMACONV" check --kernel-build="$T/kobj" "$K2/drivers/net/drv_a/drv_a.c"
ok "check in a kernel tree without .config: says so, uses include/" $([ $rc -eq 1 ] && has kunconf.err "without .config" && grep -q -- "-I$TOP/include" "$T/unconf.log"; echo $?) "$T/kunconf.err"

# ---- review --------------------------------------------------------------
mkdir -p "$T/rv/before/net/drv_a" "$T/rv/before/sound/drv_b"
cp "$FIX/drv_a/drv_a.c" "$T/rv/before/net/drv_a/"
sed 's/drv_a/drv_b/g' "$FIX/drv_a/drv_a.c" >"$T/rv/before/sound/drv_b/drv_b.c"
tiny "$DMACONV" convert -q -o "$T/rv/after" "$T/rv/before" >/dev/null
# One hand edit that brings a new finding: a regression in drv_b.
sed -i 's/^\ta->buf\[0\] = 1;/\ta->buf[0] = 2; \/* REGRESS_ME *\//' "$T/rv/after/sound/drv_b/drv_b.c"
run_in "$T/rv" review tiny "$DMACONV" review -q before after
ok "review: exit 1 when a driver has a regression" $([ $rc -eq 1 ]; echo $?) "$T/review.err"
ok "review text: converted site with its rule and confidence" $(has review.out "net/drv_a/drv_a.c:16 \[tiny_sync, confidence Low\]"; echo $?) "$T/review.out"
ok "review text: a hand edit is marked as such" $(has review.out "sound/drv_b/drv_b.c:15 \[hand edit"; echo $?) "$T/review.out"
ok "review text: site left for a human with the reason" $(has review.out "net/drv_a/drv_a.c:22:.*position decides"; echo $?) "$T/review.out"
ok "review text: the new finding is a regression" $(has review.out "REGRESSION sound/drv_b/drv_b.c:15:.*\[missing-sync-for-device\]"; echo $?) "$T/review.out"
ok "review text: a verdict per driver" $(has review.out "verdict: needs a human" && has review.out "verdict: not ready: 1 new dmacheck finding"; echo $?) "$T/review.out"
run_in "$T/rv" reviewjson tiny "$DMACONV" review -q --format=json before after
ok "review json: drivers, subsystems, sites, rules, regressions" $(json "$T/reviewjson.out" '[(x["subsystem"],x["driver"],len(x["sites"]),x["rules"],x["regressions"],len(x["before"]["findings"]),len(x["after"]["findings"])) for x in d["drivers"]]==[("net","drv_a",1,["tiny_sync"],0,2,1),("ALSA","drv_b",2,["hand edit","tiny_sync"],1,2,2)] and d["summary"]["regressions"]==1'; echo $?) "$T/reviewjson.out"
run_in "$T/rv" reviewhtml tiny "$DMACONV" review -q --format=html -o "$T/review.html" before after
ok "review html: one section per driver, the diff beside the findings" $([ "$(grep -c '<section' "$T/review.html")" -eq 2 ] && grep -q 'class="del">-.*dma_cache_sync' "$T/review.html" && grep -q 'REGRESSION: sound/drv_b/drv_b.c:15' "$T/review.html"; echo $?) "$T/review.html"

# A git range and a patch file give the same sites as the folders.
G=$T/git-tree
mkdir -p "$G/drivers/net"
cp -r "$FIX/drv_a" "$G/drivers/net/"
git -C "$G" init -q
git -C "$G" add -A && git -C "$G" -c user.name=t -c user.email=t@t commit -qm base
(cd "$G" && tiny "$DMACONV" convert -q drivers >"$T/conv.patch")
run_in "$G" reviewpatch tiny "$DMACONV" review -q --format=json "$T/conv.patch"
ok "review of a patch file: the site and its rule" $(json "$T/reviewpatch.out" '[(s["file"],s["rule"]) for s in d["drivers"][0]["sites"]]==[("drivers/net/drv_a/drv_a.c","tiny_sync")]'; echo $?) "$T/reviewpatch.err"
(cd "$G" && tiny "$DMACONV" convert -q -i drivers >/dev/null && git -c user.name=t -c user.email=t@t commit -qam converted)
run_in "$G" reviewgit tiny "$DMACONV" review -q --format=json HEAD~1..HEAD
ok "review of a git range: the site and its rule" $(json "$T/reviewgit.out" '[(s["file"],s["rule"]) for s in d["drivers"][0]["sites"]]==[("drivers/net/drv_a/drv_a.c","tiny_sync")]'; echo $?) "$T/reviewgit.err"
run_in "$G" reviewgitbad tiny "$DMACONV" review -q HEAD~1..HEAD -- no-such-folder
ok "review of a git range limited to a missing path: exit 2, named" $([ $rc -eq 2 ] && has reviewgitbad.err "no-such-folder: no such file or folder"; echo $?) "$T/reviewgitbad.err"
run reviewbad tiny "$DMACONV" review -q "$T/does-not-exist"
ok "review of something that is none of the forms: exit 2" $([ $rc -eq 2 ]; echo $?) "$T/reviewbad.err"

# ---- series --------------------------------------------------------------
S=$T/series-tree
mkdir -p "$S/drivers/net/drv_a" "$S/sound/drv_b"
cp "$FIX/drv_a/drv_a.c" "$S/drivers/net/drv_a/"
sed 's/drv_a/drv_b/g' "$FIX/drv_a/drv_a.c" >"$S/sound/drv_b/drv_b.c"
git -C "$S" init -q && git -C "$S" add -A && git -C "$S" -c user.name=t -c user.email=t@t commit -qm base
(cd "$S" && tiny "$DMACONV" convert -q -i . >/dev/null)
run_in "$S" series tiny "$DMACONV" series -q --from "A U Thor <a@example.org>" -o "$T/patches"
ok "series: one patch per driver" $([ $rc -eq 0 ] && [ "$(ls "$T/patches" | wc -l)" -eq 2 ]; echo $?) "$T/series.err"
ok "series: subjects <subsystem>: <driver>: convert to dma_alloc_noncoherent" $(grep -h '^Subject:' "$T/patches"/*.patch >"$T/subjects"; grep -q 'Subject: \[PATCH 1/2\] net: drv_a: convert to dma_alloc_noncoherent' "$T/subjects" && grep -q 'Subject: \[PATCH 2/2\] ALSA: drv_b: convert to dma_alloc_noncoherent' "$T/subjects"; echo $?) "$T/subjects"
ok "series: body from the patch description and the site log" $(grep -q 'Test patch for dmaconv' "$T/patches"/0001-*.patch && grep -q 'drv_a.c:16: dma_cache_sync() -> dma_sync_single_for_device() (tiny_sync, Low)' "$T/patches"/0001-*.patch && grep -q 'drv_a.c:22: tiny_sync: DMA_FROM_DEVICE' "$T/patches"/0001-*.patch; echo $?) "$T/patches/0001-net-drv_a-convert-to-dma_alloc_noncoherent.patch"
git clone -q "$S" "$T/am-tree" 2>/dev/null
(cd "$T/am-tree" && git -c user.name=t -c user.email=t@t am -q "$T/patches"/*.patch >"$T/am.out" 2>&1)
ok "series: the patches apply with git am, authored as given" $([ $? -eq 0 ] && [ "$(git -C "$T/am-tree" log -1 --format=%an)" = "A U Thor" ] && cmp -s "$T/am-tree/sound/drv_b/drv_b.c" "$S/sound/drv_b/drv_b.c"; echo $?) "$T/am.out"

# ---- the real parts on examples/ ----------------------------------------
if [ -f "$TOP/cocci/series" ] && [ -x "$BUILD/dmacheck" ]; then
	run exconv "$DMACONV" convert -q -j2 -o "$T/ex" --log "$T/ex.json" --log-format=json "$TOP/examples"
	ok "examples: every driver converted by the real series" $(json "$T/ex.json" 'sorted(x["driver"] for x in d["drivers"] if x["sites"])==["attrbuf","pcmduo","ringnic","scriptio"]'; echo $?) "$T/exconv.err"
	ok "examples: rules are the series' patch names" $(json "$T/ex.json" 'set(s["rule"] for x in d["drivers"] for s in x["sites"]) <= set(l.strip().replace(".cocci","") for l in open("'"$TOP"'/cocci/series") if l.strip() and not l.startswith("#"))'; echo $?) "$T/ex.json"
	ok "examples: attrbuf (no syncs) becomes coherent" $(json "$T/ex.json" 'any("dma_alloc_coherent" in s["new"] for x in d["drivers"] if x["driver"]=="attrbuf" for s in x["sites"])'; echo $?) "$T/ex.json"
	ok "examples: pcmduo's syncs become _for_device / _for_cpu" $(json "$T/ex.json" '[s["new"].split("(")[0] for x in d["drivers"] if x["driver"]=="pcmduo" for s in x["sites"] if "sync" in s["new"]][0]=="dma_sync_single_for_device"'; echo $?) "$T/ex.json"
	ok "examples: header inline and macro sites converted (one group per driver)" $(json "$T/ex.json" 'sorted((s["file"].split("/")[-1],s["line"]) for x in d["drivers"] for s in x["sites"] if s["file"].endswith(".h") and s["rule"]=="dma_cache_sync" and "dma_cache_sync" in s["old"])==[("scriptio.h",48),("scriptio.h",57)] and any("ringnic_ring_to_dma" in s["new"] and s["file"].endswith("ringnic.h") for x in d["drivers"] for s in x["sites"])'; echo $?) "$T/ex.json"
	ok "examples: a site converted on an assumption is left for a human (ringnic DMA_INV default)" $(json "$T/ex.json" 'any(l["line"]==22 and "check by hand" in l["reason"] and "by default" in l["reason"] for x in d["drivers"] if x["driver"]=="ringnic" for l in x["left"])'; echo $?) "$T/ex.json"
	run exreview "$DMACONV" review -q --format=json "$TOP/examples" "$T/ex"
	ok "examples: review keeps the sites converted on an assumption for a human" $(json "$T/exreview.out" '[l["line"] for x in d["drivers"] if x["driver"]=="ringnic" for l in x["left"] if "check by hand" in l["reason"]]==[19,22]'; echo $?) "$T/exreview.out"
	run exnarrow "$DMACONV" convert -q --narrow --log "$T/exnarrow.json" --log-format=json -o "$T/exn" "$TOP/examples/sound/pcmduo"
	ok "examples: convert --narrow gives one-way buffers their direction (pcmduo)" $(json "$T/exnarrow.json" 'sorted(set(s["new"].split(",")[-2].strip() for x in d["drivers"] for s in x["sites"] if "alloc_noncoherent" in s["new"]))==["DMA_FROM_DEVICE","DMA_TO_DEVICE"]'; echo $?) "$T/exnarrow.json"
	ok "examples: review has legacy-api findings before, none after for pcmduo" $(json "$T/exreview.out" 'all(any(f["check"]=="legacy-api" for f in x["before"]["findings"]) for x in d["drivers"]) and not any(f["check"]=="legacy-api" for x in d["drivers"] if x["driver"]=="pcmduo" for f in x["after"]["findings"])'; echo $?) "$T/exreview.err"
	X=$T/ex-git
	mkdir -p "$X"
	cp -r "$TOP/examples/net" "$TOP/examples/scsi" "$TOP/examples/sound" "$TOP/examples/misc" "$X/"
	git -C "$X" init -q && git -C "$X" add -A && git -C "$X" -c user.name=t -c user.email=t@t commit -qm legacy
	"$DMACONV" convert -q -i "$X" >/dev/null
	run_in "$X" exseries "$DMACONV" series -q -o "$T/ex-patches"
	ok "examples: series writes one patch per driver with kernel subjects" $([ $rc -eq 0 ] && grep -h '^Subject:' "$T/ex-patches"/*.patch | sed 's/^Subject: \[PATCH [0-9]\/4\] //' | sort >"$T/ex-subjects" && [ "$(cat "$T/ex-subjects")" = "$(printf '%s\n' 'ALSA: pcmduo: convert to dma_alloc_noncoherent' 'misc: attrbuf: convert to dma_alloc_noncoherent' 'net: ringnic: convert to dma_alloc_noncoherent' 'scsi: scriptio: convert to dma_alloc_noncoherent')" ]; echo $?) "$T/ex-subjects"
	# The broken conversion: dmaconv's ringnic with one sync removed.
	mkdir -p "$T/broken" && cp -r "$T/ex/net" "$T/broken/" &&
		patch -s -p1 -d "$T/broken" <"$TOP/examples/broken/ringnic-drop-sync.diff"
	run broken "$DMACONV" check -q "$T/broken/net/ringnic/ringnic.c" -- -I"$T/broken/net/ringnic"
	ok "examples: the broken conversion is caught (missing-sync-for-device)" $([ $rc -eq 1 ] && has broken.out "\[missing-sync-for-device\]"; echo $?) "$T/broken.out"
else
	for t in "examples: real series" "examples: rules" "examples: attrbuf" "examples: pcmduo" "examples: headers" "examples: left for a human" "examples: review left" "examples: narrow" "examples: review" "examples: series" "examples: broken"; do
		skip "$t" "cocci/series or build/dmacheck not there yet"
	done
fi

echo "1..$n"
[ $failures -eq 0 ]
