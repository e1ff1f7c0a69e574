#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmaconv review end to end: two folders (sites, rules, hand edits, left
# sites, regressions, verdicts; text, json, html), a patch file, a git range.
#
# Runs alone (tests/e2e/review.sh) or from run.sh with the other topics.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$T/rv/before/net/drv_a" "$T/rv/before/sound/drv_b"
cp "$FIX/drv_a/drv_a.c" "$T/rv/before/net/drv_a/"
sed 's/drv_a/drv_b/g' "$FIX/drv_a/drv_a.c" >"$T/rv/before/sound/drv_b/drv_b.c"
tiny "$DMACONV" convert -q -o "$T/rv/after" "$T/rv/before" >/dev/null 2>&1
# One hand edit that brings a new finding: a regression in drv_b.
# The same line is long: the HTML page must wrap it, not scroll sideways.
long=$(printf 'wide%.0s' $(seq 1 80))
sed -i "s/^\ta->buf\[0\] = 1;/\ta->buf[0] = 2; \/* REGRESS_ME $long *\//" "$T/rv/after/sound/drv_b/drv_b.c"
run_in "$T/rv" review tiny "$DMACONV" review -q before after
ok "review: exit 1 when a driver has a regression" "$([ "$rc" -eq 1 ]; echo $?)" "$T/review.err"
ok "review text: converted site with its rule and confidence" "$(has review.out "net/drv_a/drv_a.c:16 \[tiny_sync, confidence Low\]"; echo $?)" "$T/review.out"
ok "review text: a hand edit is marked as such" "$(has review.out "sound/drv_b/drv_b.c:15 \[hand edit"; echo $?)" "$T/review.out"
ok "review text: site left for a human with the reason" "$(has review.out "net/drv_a/drv_a.c:22:.*position decides"; echo $?)" "$T/review.out"
ok "review text: the new finding is a regression" "$(has review.out "REGRESSION sound/drv_b/drv_b.c:15:.*\[missing-sync-for-device\]"; echo $?)" "$T/review.out"
ok "review text: a verdict per driver (drv_a still uses the removed API: not ready)" "$(has review.out "verdict: not ready: 1 line(s) still use the API removed in Linux 5.10" && has review.out "drv_a.c:22: dma_cache_sync(a->dev, a->buf, 4, DMA_FROM_DEVICE);" && has review.out "verdict: not ready: 1 new dmacheck finding"; echo $?)" "$T/review.out"
run_in "$T/rv" reviewjson tiny "$DMACONV" review -q --format=json before after
ok "review json: drivers, subsystems, sites, rules, regressions" "$(json "$T/reviewjson.out" '[(x["subsystem"],x["driver"],len(x["sites"]),x["rules"],x["regressions"],len(x["before"]["findings"]),len(x["after"]["findings"])) for x in d["drivers"]]==[("net","drv_a",1,["tiny_sync"],0,2,1),("ALSA","drv_b",2,["hand edit","tiny_sync"],1,2,2)] and d["summary"]["regressions"]==1'; echo $?)" "$T/reviewjson.out"
run_in "$T/rv" reviewsarif tiny "$DMACONV" review -q -f sarif before after
ok "review -f sarif: SARIF 2.1.0 (required properties, rules, results on their lines)" "$(python3 "$E2E/sarif_check.py" "$T/reviewsarif.out" 'removed-api-left:net/drv_a/drv_a.c:22' 'left-for-human:net/drv_a/drv_a.c:22' 'regression:sound/drv_b/drv_b.c:15' >"$T/sarif.why" 2>&1; echo $?)" "$T/sarif.why"
# Absolute paths from another folder: the title names the trees, no temp path.
run_in / reviewhtml tiny "$DMACONV" review -q --format=html -o "$T/review.html" "$T/rv/before" "$T/rv/after"
ok "review html: one section per driver, the diff beside the findings" "$([ "$(grep -c '<section' "$T/review.html")" -eq 2 ] && grep -q 'class="del">-.*dma_cache_sync' "$T/review.html" && grep -q 'REGRESSION: <a href="#d1-f0-L15">sound/drv_b/drv_b.c:15</a>' "$T/review.html"; echo $?)" "$T/review.html"
ok "review html: the title names the trees, not a temporary path" "$(grep -q '<title>dmaconv review of before -&gt; after</title>' "$T/review.html" && ! grep -q "<h1>.*$T" "$T/review.html"; echo $?)" "$T/review.html"
ok "review html: every site and finding links to an anchor of its diff line" "$(python3 "$E2E/html_check.py" links "$T/review.html" >"$T/html.why" 2>&1; echo $?)" "$T/html.why"
if command -v chromium >/dev/null; then
	python3 "$E2E/html_check.py" chromium "$T/review.html" "$T/review.png" >"$T/chromium.why" 2>&1
	ok "review html in headless chromium (800 px): no sideways overflow, links resolve, screenshot" "$?" "$T/chromium.why"
else
	skip "review html in headless chromium" "chromium is not installed (apt-get install chromium)"
fi

# A git range and a patch file give the same sites as the folders.
G=$T/git-tree
mkdir -p "$G/drivers/net"
cp -r "$FIX/drv_a" "$G/drivers/net/"
git -C "$G" init -q
git -C "$G" add -A && git -C "$G" -c user.name=t -c user.email=t@t commit -qm base
(cd "$G" && tiny "$DMACONV" convert -q drivers >"$T/conv.patch" 2>/dev/null)
run_in "$G" reviewpatch tiny "$DMACONV" review -q --format=json "$T/conv.patch"
ok "review of a patch file: the site and its rule" "$(json "$T/reviewpatch.out" '[(s["file"],s["rule"]) for s in d["drivers"][0]["sites"]]==[("drivers/net/drv_a/drv_a.c","tiny_sync")]'; echo $?)" "$T/reviewpatch.err"
# drv_a keeps a legacy sync: convert exits 5, the conversion is written.
(cd "$G" && { tiny "$DMACONV" convert -q -i drivers >/dev/null 2>&1; [ $? -eq 5 ]; } && git -c user.name=t -c user.email=t@t commit -qam converted)
run_in "$G" reviewgit tiny "$DMACONV" review -q --format=json HEAD~1..HEAD
ok "review of a git range: the site and its rule" "$(json "$T/reviewgit.out" '[(s["file"],s["rule"]) for s in d["drivers"][0]["sites"]]==[("drivers/net/drv_a/drv_a.c","tiny_sync")]'; echo $?)" "$T/reviewgit.err"
run_in "$G" reviewgitbad tiny "$DMACONV" review -q HEAD~1..HEAD -- no-such-folder
ok "review of a git range limited to a missing path: exit 2, named" "$([ "$rc" -eq 2 ] && has reviewgitbad.err "no-such-folder: no such file or folder"; echo $?)" "$T/reviewgitbad.err"
run reviewbad tiny "$DMACONV" review -q "$T/does-not-exist"
ok "review of something that is none of the forms: exit 2" "$([ "$rc" -eq 2 ]; echo $?)" "$T/reviewbad.err"
