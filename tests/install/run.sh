#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole toolkit as a user installs it: make install into a DESTDIR,
# run dmacheck and dmaconv from there (they must find legacy-dma.h, the
# semantic patches and the docs of the install, not of this checkout:
# the checkout's cocci/ and include/ are hidden from them by running a
# copy of the install's bin/ under another prefix-shaped folder), then
# make uninstall and check that every file install put there is gone and
# files that are not ours are left.  TAP on stdout; run by tests/run.
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
PREFIX=/opt/dmaconv
# The parent make's job server is not ours to use.
unset MAKEFLAGS MFLAGS MAKELEVEL

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
root=$dest$PREFIX

# shellcheck source=../tap.sh
. "$TOP/tests/tap.sh"

mk=(make -C "$TOP" --no-print-directory BUILD="$BUILD" DESTDIR="$dest"
    PREFIX="$PREFIX")

# Files that are not ours, where ours go: uninstall must leave them.
mkdir -p "$root/bin" "$root/share/doc/dmaconv" "$root/include/dmaconv"
for f in bin/other share/doc/dmaconv/other.md include/dmaconv/other.h; do
	echo other >"$root/$f"
done
find "$dest" -type f | sort >"$tmp/before"

run "make install DESTDIR=... PREFIX=$PREFIX" "${mk[@]}" install
find "$dest" -type f | sort >"$tmp/after"
comm -13 "$tmp/before" "$tmp/after" >"$tmp/ours"

for f in bin/dmacheck bin/dmaconv include/dmaconv/legacy-dma.h \
	 share/dmaconv/cocci/series share/dmaconv/cocci/dma_cache_sync.cocci \
	 share/man/man1/dmacheck.1 share/man/man1/dmaconv.1; do
	result "installed: $f" "$([ -f "$root/$f" ] && echo 1 || echo 0)" \
		"missing: $root/$f"
done

# The install moved elsewhere (as a package would be unpacked): what the
# programs find must come from beside them, not from this checkout.
moved=$tmp/moved
cp -a "$root" "$moved"
ver=$("$moved/bin/dmacheck" --version 2>&1)
result "installed dmacheck runs: $ver" "$([[ $ver == dmacheck* ]] && echo 1 || echo 0)" "$ver"

mkdir -p "$tmp/k/linux"
cat >"$tmp/k/linux/dma-mapping.h" <<'H'
#ifndef _LINUX_DMA_MAPPING_H
#define _LINUX_DMA_MAPPING_H
struct device;
typedef unsigned long dma_addr_t;
typedef unsigned long size_t;
typedef unsigned int gfp_t;
enum dma_data_direction { DMA_BIDIRECTIONAL, DMA_TO_DEVICE, DMA_FROM_DEVICE, DMA_NONE };
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr,
				size_t size, enum dma_data_direction dir);
#endif
H
cat >"$tmp/legacy.c" <<'C'
#include <linux/dma-mapping.h>

void kick(struct device *dev, void *buf)
{
	dma_cache_sync(dev, buf, 64, DMA_TO_DEVICE);
}
C
out=$("$moved/bin/dmacheck" -I"$tmp/k" "$tmp/legacy.c" 2>&1)
result "installed dmacheck reads pre-5.10 code with the installed legacy-dma.h (legacy-api reported)" \
	"$(grep -q 'legacy-api' <<<"$out" && echo 1 || echo 0)" "$out"

cp -a "$TOP/examples" "$tmp/ex"
out=$(cd "$tmp" && DMACONV_DMACHECK="$moved/bin/dmacheck" \
	"$moved/bin/dmaconv" convert -q -o "$tmp/out" ex 2>&1)
rc=$?
# 5: a converted driver still uses the removed API (ringnic's DMA_WBACK).
result "installed dmaconv converts examples/ with the installed patches (exit $rc)" \
	"$([ -n "$(ls -A "$tmp/out" 2>/dev/null)" ] && { [ $rc -le 1 ] || [ $rc -eq 5 ]; } && echo 1 || echo 0)" "$out"

run "make uninstall DESTDIR=... PREFIX=$PREFIX" "${mk[@]}" uninstall
left=$(while read -r f; do [ -e "$f" ] && echo "$f"; done <"$tmp/ours")
result "uninstall removes each of the $(wc -l <"$tmp/ours") files install put there" \
	"$([ -z "$left" ] && echo 1 || echo 0)" "$left"
gone=$(while read -r f; do [ -e "$f" ] || echo "$f"; done <"$tmp/before")
result "uninstall leaves files that are not ours" \
	"$([ -z "$gone" ] && echo 1 || echo 0)" "$gone"
tap_end
