#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmaconv series end to end: one mail per driver, kernel subjects, body,
# git am.
#
# Runs alone (tests/e2e/series.sh) or from run.sh with the other topics.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

S=$T/series-tree
mkdir -p "$S/drivers/net/drv_a" "$S/sound/drv_b"
cp "$FIX/drv_a/drv_a.c" "$S/drivers/net/drv_a/"
sed 's/drv_a/drv_b/g' "$FIX/drv_a/drv_a.c" >"$S/sound/drv_b/drv_b.c"
git -C "$S" init -q && git -C "$S" add -A && git -C "$S" -c user.name=t -c user.email=t@t commit -qm base
(cd "$S" && tiny "$DMACONV" convert -q -i . >/dev/null 2>&1)
run_in "$S" series tiny "$DMACONV" series -q --from "A U Thor <a@example.org>" -o "$T/patches"
ok "series: one patch per driver" "$([ "$rc" -eq 0 ] && [ "$(find "$T/patches" -mindepth 1 -maxdepth 1 | wc -l)" -eq 2 ]; echo $?)" "$T/series.err"
ok "series: subjects <subsystem>: <driver>: convert to dma_alloc_noncoherent" "$(grep -h '^Subject:' "$T/patches"/*.patch >"$T/subjects"; grep -q 'Subject: \[PATCH 1/2\] net: drv_a: convert to dma_alloc_noncoherent' "$T/subjects" && grep -q 'Subject: \[PATCH 2/2\] ALSA: drv_b: convert to dma_alloc_noncoherent' "$T/subjects"; echo $?)" "$T/subjects"
ok "series: body from the patch description and the site log" "$(grep -q 'Test patch for dmaconv' "$T/patches"/0001-*.patch && grep -q 'drv_a.c:16: dma_cache_sync() -> dma_sync_single_for_device() (tiny_sync, Low)' "$T/patches"/0001-*.patch && grep -q 'drv_a.c:22: tiny_sync: DMA_FROM_DEVICE' "$T/patches"/0001-*.patch; echo $?)" "$T/patches/0001-net-drv_a-convert-to-dma_alloc_noncoherent.patch"
git clone -q "$S" "$T/am-tree" 2>/dev/null
(cd "$T/am-tree" && git -c user.name=t -c user.email=t@t am -q "$T/patches"/*.patch >"$T/am.out" 2>&1)
am=$?
ok "series: the patches apply with git am, authored as given" "$([ "$am" -eq 0 ] && [ "$(git -C "$T/am-tree" log -1 --format=%an)" = "A U Thor" ] && cmp -s "$T/am-tree/sound/drv_b/drv_b.c" "$S/sound/drv_b/drv_b.c"; echo $?)" "$T/am.out"
