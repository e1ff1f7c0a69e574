#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The model over the real Linux 6.1 drivers that were converted off
# dma_cache_sync() upstream, with the command lines kbuild gave the
# checker (recorded by tests/kernel/check-wrap.sh under
# $KRECORDS/<arch>/records, default $BUILD/check-kernel, as make
# check-kernel leaves them).  These files are already converted: the
# checks are that every allocation is found, every pointer or handle at
# a sync resolves to the right allocation, and the sense and CDB buffers
# 53c700 syncs through its block helper are streaming memory.  Prints
# "ok - ..." / "not ok - ..." lines, and the time against plain sparse.
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
export BUILD
KRECORDS=${KRECORDS:-$BUILD/check-kernel}
replay=$TOP/tests/model/replay.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

record() {	# record ARCH FILE-SUFFIX: the record of the file, or nothing
	local r
	for r in "$KRECORDS/$1"/records/*.cmd; do
		[ -f "$r" ] || continue
		[ "$(tail -n 1 "$r")" = "${2}" ] && { echo "$r"; return; }
		case "$(tail -n 1 "$r")" in */"$2") echo "$r"; return ;; esac
	done
}

# expect NAME ARCH FILE [FILE=other] -- python checks on the dump in d
expect() {
	local name=$1 arch=$2 file=$3 other=$4 check=$5 rec
	rec=$(record "$arch" "$file")
	if [ -z "$rec" ]; then
		echo "ok - 6.1 $name # SKIP no kbuild command line recorded for $file (run make check-kernel)"
		return
	fi
	if ! FILE=$other "$replay" "$rec" --dump --linearize >"$tmp/dump" 2>"$tmp/err"; then
		echo "not ok - 6.1 $name: dmamodel failed"
		sed 's/^/  /' "$tmp/err" | head -n 20
		return
	fi
	if python3 - "$tmp/dump" >"$tmp/why" 2>&1 <<PY
import re, sys
lines = open(sys.argv[1]).read().splitlines()
allocs = [l for l in lines if l.startswith("alloc #")]
info = [l for l in lines if l.startswith("  cpu_loc=")]
syncs = [l for l in lines if re.match(r"call dma_sync_single_for_(cpu|device) ", l)]
wrappers = [l for l in lines if l.startswith("wrapper ")]
def to(l):
    return re.sub(r" next=\w+$", "", l.rsplit(" -> ", 1)[1])
$check
PY
	then
		echo "ok - 6.1 $name"
	else
		echo "not ok - 6.1 $name"
		sed 's/^/  /' "$tmp/why" | tail -n 20
	fi
}

expect "sgiseeq: the ring block, VIRT_TO_DMA, every descriptor sync" mips \
	drivers/net/ethernet/seeq/sgiseeq.c "" '
assert len(allocs) == 1, allocs
assert "cpu_loc=struct sgiseeq_private.srings handle_loc=struct sgiseeq_private.srings_dma" in info[0], info
assert "translator=VIRT_TO_DMA" in info[0], info
assert len(syncs) == 2 and all(to(l) == "handle #1" for l in syncs), syncs
assert len(wrappers) >= 20 and all(to(l) == "alloc #1" for l in wrappers), [w for w in wrappers if to(w) != "alloc #1"]
'

expect "sgiwd93: the HPC chain, synced by its handle" mips drivers/scsi/sgiwd93.c "" '
assert len(allocs) == 1, allocs
assert "handle_loc=struct ip22_hostdata.dma" in info[0], info
assert syncs and all(to(l) == "handle #1" for l in syncs), syncs
'

expect "hal2: buffer and descriptors of a helper called for DAC and ADC" mips sound/mips/hal2.c "" '
assert len(allocs) == 2, allocs
assert "handle_loc=struct hal2_codec.buffer_dma" in info[0], info
assert "handle_loc=struct hal2_codec.desc_dma" in info[1], info
assert sorted(to(l) for l in syncs) == ["handle #1", "handle #1", "handle #2"], syncs
'

expect "53c700: the script block; sense and CDB buffers are streaming" parisc drivers/scsi/53c700.c "" '
assert len(allocs) == 2, allocs	# dma_alloc_coherent or dma_alloc_noncoherent: one block
assert all("handle_loc=struct NCR_700_Host_Parameters.pScript" in i for i in info), info
assert syncs and all(to(l) in ("handle #1", "handle #2") for l in syncs), syncs
stream = [w for w in wrappers if re.search(r"arg1 (SCp->sense_buffer|SCp->cmnd|slot->cmnd->cmnd) ->", w)]
assert len(stream) >= 3 and all(to(w).startswith("streaming") for w in stream), stream
rest = [w for w in wrappers if w not in stream]
assert rest and all(to(w) in ("alloc #1", "alloc #2") for w in rest), [w for w in rest if not to(w).startswith("alloc")]
'

expect "lasi_82596 (+ lib82596.c): the shared block, virt_to_dma, dma_sync_dev/cpu" parisc \
	drivers/net/ethernet/i825xx/lasi_82596.c "" '
assert len(allocs) == 1 and "lib82596.c" not in allocs[0], allocs
assert "handle_loc=struct i596_private.dma_addr" in info[0] and "translator=virt_to_dma" in info[0], info
assert len(wrappers) >= 30 and all(to(w) == "alloc #1" for w in wrappers), [w for w in wrappers if to(w) != "alloc #1"]
'

expect "sni_82596 (+ lib82596.c): the same block, coherent" parisc \
	drivers/net/ethernet/i825xx/lasi_82596.c \
	"$BUILD/linux-6.1/drivers/net/ethernet/i825xx/sni_82596.c" '
assert len(allocs) == 1 and "dma_alloc_coherent" in allocs[0], allocs
assert "handle_loc=struct i596_private.dma_addr" in info[0], info
'

# ---- include/dmaconv/legacy-dma.h in a 6.1 kbuild ----

rec=$(record mips drivers/net/ethernet/seeq/sgiseeq.c)
if [ -z "$rec" ]; then
	echo "ok - 6.1 legacy-dma.h in a kbuild # SKIP no kbuild command line recorded (run make check-kernel)"
else
	INCLUDE=$TOP/include/dmaconv/legacy-dma.h FILE=$TOP/tests/model/drivers/legacy61.c \
		"$replay" "$rec" --facts="$tmp/l61.json" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && python3 - "$tmp/l61.json" >"$tmp/why" 2>&1 <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
a = {x["cpu"]: x for x in f["allocations"]}
assert a["p->ring"]["legacy"] and not a["p->spare"]["legacy"], a
s = [(x["line"], x["call"], x["action"], x.get("fn")) for x in f["sites"]]
assert s == [(28, "dma_alloc_noncoherent", "alloc", "dma_alloc_noncoherent"),
             (34, "dma_cache_sync", "sync", "dma_sync_single_for_device"),
             (44, "dma_free_noncoherent", "free", "dma_free_noncoherent")], s
assert f["sites"][0]["column"] == 11, f["sites"][0]
sync = f["sites"][1]
assert sync["handle"] == "p->ring_dma" and sync["dev"] == "p->dev", sync
PY
	then
		echo "ok - 6.1 legacy-dma.h in a kbuild: old calls found, the 5-argument ones left"
	else
		echo "not ok - 6.1 legacy-dma.h in a kbuild: old calls found, the 5-argument ones left"
		cat "$tmp/err" "$tmp/why" 2>/dev/null | sed 's/^/  /' | tail -n 20
	fi
fi

# Files of one unit in one run, each including <linux/irq.h>: the
# force-included header must leave nothing in the scope sparse shares
# between them (a header pulling in the tree's own made the second file
# define struct irq_desc again).
if [ -z "$rec" ]; then
	echo "ok - 6.1 legacy-dma.h with two files in one run # SKIP no kbuild command line recorded (run make check-kernel)"
else
	mapfile -t lines <"$rec"
	args=("${lines[@]:1}")
	unset 'args[${#args[@]}-1]'
	(cd "${lines[0]}" && "${DMAMODEL:-$BUILD/tests/model/dmamodel}" --facts="$tmp/l61bc.json" "${args[@]}" \
		-include "$TOP/include/dmaconv/legacy-dma.h" \
		"$TOP/tests/model/drivers/legacy61b.c" "$TOP/tests/model/drivers/legacy61c.c") \
		>/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && ! grep -q 'error:' "$tmp/err" && python3 - "$tmp/l61bc.json" >"$tmp/why" 2>&1 <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
acts = sorted((s["file"].rsplit("/", 1)[1], s["call"], s["action"]) for s in f["sites"])
assert acts == [("legacy61b.c", "dma_alloc_attrs", "alloc"), ("legacy61b.c", "dma_cache_sync", "sync"),
                ("legacy61c.c", "dma_alloc_attrs", "alloc"), ("legacy61c.c", "dma_cache_sync", "sync")], acts
PY
	then
		echo "ok - 6.1 legacy-dma.h with two files in one run"
	else
		echo "not ok - 6.1 legacy-dma.h with two files in one run"
		cat "$tmp/err" "$tmp/why" 2>/dev/null | sed 's/^/  /' | tail -n 20
	fi
fi

# ---- time: what the model adds to dmacheck, against plain sparse ----

sparse=$BUILD/sparse/src/sparse
dmacheck=$BUILD/dmacheck
[ -x "$sparse" ] && [ -x "$dmacheck" ] || exit 0
clock() { date +%s.%N; }
sum() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { print c + b - a }'; }
ts=0 tc=0 tm=0 n=0
for f in drivers/net/ethernet/seeq/sgiseeq.c drivers/scsi/sgiwd93.c sound/mips/hal2.c \
	 drivers/scsi/53c700.c drivers/net/ethernet/i825xx/lasi_82596.c; do
	rec=
	for arch in mips parisc; do
		rec=$(record "$arch" "$f")
		[ -n "$rec" ] && break
	done
	[ -n "$rec" ] || continue
	t0=$(clock)
	DMAMODEL=$sparse "$replay" "$rec" >/dev/null 2>&1
	t1=$(clock)
	DMAMODEL=$dmacheck "$replay" "$rec" >/dev/null 2>&1
	t2=$(clock)
	ts=$(sum "$t0" "$t1" "$ts")
	tc=$(sum "$t1" "$t2" "$tc")
	m=$("$replay" "$rec" --quiet --facts=/dev/null --stats 2>&1 |
	    sed -n 's/.*model \([0-9.]*\)s.*/\1/p')
	tm=$(awk -v a="$tm" -v b="${m:-0}" 'BEGIN { print a + b }')
	n=$((n + 1))
done
[ "$n" -gt 0 ] && awk -v s="$ts" -v c="$tc" -v m="$tm" -v n="$n" 'BEGIN {
	printf "time over %d files: sparse %.2fs, dmacheck %.2fs, the model (collect, solve, plan) %.3fs: dmacheck + model = %.2fx sparse\n",
	       n, s, c, m, (c + m) / s }'
exit 0
