#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmaconv with the real parts (cocci/series and build/dmacheck) on
# examples/: convert, --narrow, review, series, and the broken conversion
# caught.  Skipped until both are there.
#
# Runs alone (tests/e2e/examples.sh) or from run.sh with the other topics.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -f "$TOP/cocci/series" ] && [ -x "$BUILD/dmacheck" ]; then
	run exconv "$DMACONV" convert -q -j2 -o "$T/ex" --log "$T/ex.json" --log-format=json "$TOP/examples"
	ok "examples: every driver converted by the real series" "$(json "$T/ex.json" 'sorted(x["driver"] for x in d["drivers"] if x["sites"])==["attrbuf","pcmduo","ringnic","scriptio"]'; echo $?)" "$T/exconv.err"
	ok "examples: rules are the series' patch names" "$(json "$T/ex.json" 'set(s["rule"] for x in d["drivers"] for s in x["sites"]) <= set(l.strip().replace(".cocci","") for l in open("'"$TOP"'/cocci/series") if l.strip() and not l.startswith("#"))'; echo $?)" "$T/ex.json"
	ok "examples: attrbuf (no syncs) becomes coherent" "$(json "$T/ex.json" 'any("dma_alloc_coherent" in s["new"] for x in d["drivers"] if x["driver"]=="attrbuf" for s in x["sites"])'; echo $?)" "$T/ex.json"
	ok "examples: pcmduo's syncs become _for_device / _for_cpu" "$(json "$T/ex.json" '[s["new"].split("(")[0] for x in d["drivers"] if x["driver"]=="pcmduo" for s in x["sites"] if "sync" in s["new"]][0]=="dma_sync_single_for_device"'; echo $?)" "$T/ex.json"
	ok "examples: header inline and macro sites converted (one group per driver)" "$(json "$T/ex.json" 'sorted((s["file"].split("/")[-1],s["line"]) for x in d["drivers"] for s in x["sites"] if s["file"].endswith(".h") and s["rule"]=="dma_cache_sync" and "dma_cache_sync" in s["old"])==[("scriptio.h",48),("scriptio.h",57)] and any("ringnic_ring_to_dma" in s["new"] and s["file"].endswith("ringnic.h") for x in d["drivers"] for s in x["sites"])'; echo $?)" "$T/ex.json"
	# With the model's facts every site of the demo converts: the sync
	# macros and the header helpers through a translation helper of
	# the driver's own, nothing left, nothing converted on a doubt.
	ok "examples: with the model's facts every site converts, none left or in doubt" "$(json "$T/ex.json" 'all(x["left"]==[] for x in d["drivers"]) and sum(len(x["sites"]) for x in d["drivers"])==21'; echo $?)" "$T/ex.json"
	ok "examples: ringnic's DMA_WBACK and DMA_INV macros sync through ringnic_ring_to_dma()" "$(json "$T/ex.json" 'sorted((s["line"], "_for_cpu(" in s["new"]) for x in d["drivers"] if x["driver"]=="ringnic" for s in x["sites"] if "ringnic_ring_to_dma(lp" in s["new"])==[(19,False),(22,True)]'; echo $?)" "$T/ex.json"
	run exreview "$DMACONV" review -q --format=json "$TOP/examples" "$T/ex"
	# The receive loop takes each descriptor for the CPU and leaves the
	# last one (not done yet) taken when it returns: the converted code
	# says so, where dma_cache_sync() had no owner to check.
	ok "examples: review shows ringnic's receive loop leaving its last descriptor taken (not ready), the others ready" "$(json "$T/exreview.out" '[(x["driver"], x["verdict"]) for x in d["drivers"]]==[("attrbuf","ready"),("ringnic","not ready"),("scriptio","ready"),("pcmduo","ready")] and [(f["line"], f["check"]) for x in d["drivers"] if x["driver"]=="ringnic" for f in x["after"]["findings"]]==[(104,"ownership-imbalance")]'; echo $?)" "$T/exreview.out"
	run exnarrow "$DMACONV" convert -q --narrow --log "$T/exnarrow.json" --log-format=json -o "$T/exn" "$TOP/examples/sound/pcmduo"
	ok "examples: convert --narrow gives one-way buffers their direction (pcmduo)" "$(json "$T/exnarrow.json" 'sorted(set(s["new"].split(",")[-2].strip() for x in d["drivers"] for s in x["sites"] if "alloc_noncoherent" in s["new"]))==["DMA_FROM_DEVICE","DMA_TO_DEVICE"]'; echo $?)" "$T/exnarrow.err"
	ok "examples: review has legacy-api findings before, none after for pcmduo" "$(json "$T/exreview.out" 'all(any(f["check"]=="legacy-api" for f in x["before"]["findings"]) for x in d["drivers"]) and not any(f["check"]=="legacy-api" for x in d["drivers"] if x["driver"]=="pcmduo" for f in x["after"]["findings"])'; echo $?)" "$T/exreview.err"
	X=$T/ex-git
	mkdir -p "$X"
	cp -r "$TOP/examples/net" "$TOP/examples/scsi" "$TOP/examples/sound" "$TOP/examples/misc" "$X/"
	git -C "$X" init -q && git -C "$X" add -A && git -C "$X" -c user.name=t -c user.email=t@t commit -qm legacy
	"$DMACONV" convert -q -i "$X" >/dev/null 2>&1
	# The real tree's checkpatch.pl and get_maintainer.pl when it is there.
	kernel=()
	[ -f "$BUILD/linux-6.1/scripts/checkpatch.pl" ] && kernel=(--kernel "$BUILD/linux-6.1")
	run_in "$X" exseries "$DMACONV" series "${kernel[@]}" -o "$T/ex-patches"
	ok "examples: series writes a patch per converted driver, subjects by outcome" "$([ "$rc" -eq 0 ] && find "$T/ex-patches" -name '0*.patch' ! -name '0000-*' -exec grep -h '^Subject:' {} + | sed 's/^Subject: \[PATCH[^]]*\] //' | sort >"$T/ex-subjects" && [ "$(cat "$T/ex-subjects")" = "$(printf '%s\n' 'ALSA: pcmduo: use dma_alloc_noncoherent()' 'misc: attrbuf: use dma_alloc_coherent()' 'net: ringnic: use dma_alloc_noncoherent()' 'scsi: scriptio: use dma_alloc_noncoherent()')" ]; echo $?)" "$T/ex-subjects"
	if [ ${#kernel[@]} -gt 0 ]; then
		# Known gap (docs/dmaconv.md): ringnic's one-line sync macros
		# grow past 100 columns once converted (spatch does not break a
		# macro body): those are the only two warnings, pinned so that
		# a fix or any new warning shows here.
		ok "examples: checkpatch.pl --strict: no error, no warning but ringnic's two long macro lines" "$(has exseries.err 'checkpatch.pl --strict on 4 patch(es): 0 error(s), 2 warning(s)' && has exseries.err 'ringnic-use-dma_alloc_noncoherent.patch: 0 error(s), 2 warning(s)' && has exseries.err 'scriptio-use-dma_alloc_noncoherent.patch: 0 error(s), 0 warning(s)' && has exseries.err 'pcmduo-use-dma_alloc_noncoherent.patch: 0 error(s), 0 warning(s)' && has exseries.err 'attrbuf-use-dma_alloc_coherent.patch: 0 error(s), 0 warning(s)'; echo $?)" "$T/exseries.err"
	else
		skip "examples: checkpatch.pl --strict on the patches" "no Linux tree at $BUILD/linux-6.1"
	fi
	# The broken conversion: dmaconv's ringnic with one sync removed.
	mkdir -p "$T/broken" && cp -r "$T/ex/net" "$T/broken/" &&
		patch -s -p1 -d "$T/broken" <"$TOP/examples/broken/ringnic-drop-sync.diff"
	run broken "$DMACONV" check -q "$T/broken/net/ringnic/ringnic.c" -- -I"$T/broken/net/ringnic"
	ok "examples: the broken conversion is caught (missing-sync-for-device)" "$([ "$rc" -eq 1 ] && has broken.out "\[missing-sync-for-device\]"; echo $?)" "$T/broken.out"
else
	for t in "examples: real series" "examples: rules" "examples: attrbuf" "examples: pcmduo" "examples: headers" "examples: all converted" "examples: ringnic macros" "examples: review ringnic" "examples: narrow" "examples: review" "examples: series" "examples: checkpatch" "examples: broken"; do
		skip "$t" "cocci/series or build/dmacheck not there yet"
	done
fi
