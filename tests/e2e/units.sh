#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Driver units (model/unit.c) in dmaconv convert, with the real parts
# (cocci/series and build/dmacheck): two drivers of one folder
# (fixtures/units/scsi: a 53c700-style core and an sgiwd93-style host,
# with the same buffer member names) each get their own facts, helpers
# and directions, and both build; a Makefile that is not Kbuild is named
# once and its folder converted per file; a unit whose facts cannot be
# made converts without them and the log says why; exit 5 names the
# sites of a changed driver that still uses the removed API.
#
# Runs alone (tests/e2e/units.sh) or from run.sh with the other topics.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

U=$FIX/units
# The converted file $1 builds against the project's kernel headers (5.10+).
builds() {
	gcc -fsyntax-only -std=gnu11 -Wall -Wno-unused-parameter \
		-Werror=implicit-function-declaration -I"$TOP/include" \
		-I"$(dirname "$1")" "$1" >>"$T/units-build.err" 2>&1
}
# Lines of the files $2... that name $1.
names() { local w=$1; shift; grep -l -- "$w" "$@" 2>/dev/null | sed 's|.*/||' | sort | tr '\n' ' '; }

if [ -f "$TOP/cocci/series" ] && [ -x "$BUILD/dmacheck" ]; then
	# shellcheck disable=SC2154 # rc is set by run (lib.sh)
	run units "$DMACONV" convert --narrow -o "$T/u" --log "$T/u.json" --log-format=json "$U/scsi"
	ok "units: a folder with two Kbuild objects is two drivers, each named" "$([ "$rc" -eq 0 ] && json "$T/u.json" 'sorted(x["driver"] for x in d["drivers"])==["core7","sgiwd"]'; echo $?)" "$T/units.err"
	ok "units: the log names each unit and what its facts hold" "$(has units.err "units/scsi: unit core7 (core7.c)$" && has units.err "units/scsi: unit sgiwd (sgiwd.c): facts for [0-9]* site(s)"; echo $?)" "$T/units.err"
	S=$T/u
	# sgiwd's sync through a local gets a translation helper of its own;
	# core7's header sync is the handle plus the offset (no helper
	# needed); neither driver names the other's helper or struct.
	ok "units: each driver's helper is its own, defined and called in its own files" "$([ "$(names sgiwd_cpu_to_dma "$S"/*)" = "sgiwd.c sgiwd.h " ] && [ -z "$(names 'sgiwd_\|ip22_hostdata' "$S"/core7.*)" ] && [ -z "$(names 'core7_' "$S"/sgiwd.*)" ] && grep -q 'hostdata->dma + word' "$S/core7.h"; echo $?)" "$T/units.err"
	: >"$T/units-build.err"
	ok "units: both converted drivers build against the kernel headers (gcc -fsyntax-only)" "$(builds "$S/core7.c" && builds "$S/sgiwd.c"; echo $?)" "$T/units-build.err"
	ok "units: no removed API left in either driver" "$(! grep -q 'dma_cache_sync\|DMA_ATTR_NON_CONSISTENT' "$S"/*; echo $?)"
	ok "units: --narrow: the core's buffer takes its own syncs' direction, not its neighbour's" "$(json "$T/u.json" 'all("DMA_TO_DEVICE" in s["new"] for x in d["drivers"] if x["driver"]=="core7" for s in x["sites"] if "noncoherent" in s["new"]) and all("DMA_BIDIRECTIONAL" in s["new"] for x in d["drivers"] if x["driver"]=="sgiwd" for s in x["sites"] if "alloc_noncoherent" in s["new"])'; echo $?)" "$T/u.json"
	# A Makefile that is not Kbuild, and a dmacheck that writes no facts.
	run badmk env DMACONV_DMACHECK="$FAKE" "$DMACONV" convert -o "$T/b" "$U/badmk"
	ok "units: a Makefile that is not Kbuild: one error naming it, each .c file its own unit" "$([ "$(grep -c 'badmk/Makefile:3: not a Kbuild line' "$T/badmk.err")" -eq 1 ] && has badmk.err "badmk: unit one (one.c)$"; echo $?)" "$T/badmk.err"
	ok "units: no facts: the log says why, and the unit still converts" "$([ "$rc" -eq 0 ] && has badmk.err "unit one (one.c): no facts (dmacheck wrote no facts file" && grep -q dma_alloc_coherent "$T/b/one.c"; echo $?)" "$T/badmk.err"
	# A changed driver with a site left: exit 5, the site named.
	# (without the model's facts ringnic's sync macros cannot be converted)
	run left "$DMACONV" convert -q --no-facts -o "$T/l" "$TOP/examples/net/ringnic"
	ok "units: convert exits 5 when a changed driver still uses the removed API, naming the site" "$([ "$rc" -eq 5 ] && has left.err "ringnic/ringnic.c:19: ringnic still uses the removed API: dma_cache_sync: not converted"; echo $?)" "$T/left.err"
else
	for t in "units: two drivers" "units: log" "units: helpers" "units: build" "units: no legacy" "units: narrow" "units: bad Makefile" "units: no facts" "units: exit 5"; do
		skip "$t" "cocci/series or build/dmacheck not there yet"
	done
fi
