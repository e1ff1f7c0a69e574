#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch Debian's sparse source package into build/sparse and build
# libsparse.a from it.  sparse's code is never committed here: Debian
# ships no libsparse, so every machine builds its own.
#
#   scripts/fetch-sparse.sh [--no-fetch] BUILD_DIR
#
# Prints nothing and exits 0 when BUILD_DIR/sparse/src/libsparse.a exists.
# With --no-fetch (a plain `make`), nothing is installed or downloaded:
# an already fetched source is built, else the script says which command
# installs it and fails.
set -eu

fetch=1
if [ "${1:-}" = --no-fetch ]; then
	fetch=0
	shift
fi
build=${1:-build}
dest=$build/sparse
lib=$dest/src/libsparse.a
[ -f "$lib" ] && exit 0

build_lib() {
	echo "fetch-sparse: building libsparse.a (sparse $(cat "$dest/VERSION"))" >&2
	# -fPIC so dmacheck can be linked either way; the Debian patch pins gcc-12.
	make -C "$dest/src" -s -j"$(nproc)" CC=gcc CFLAGS='-O2 -g -fPIC' libsparse.a sparse >"$dest/build.log" 2>&1 || {
		echo "fetch-sparse: building libsparse.a failed; see $dest/build.log" >&2
		exit 1
	}
	echo "fetch-sparse: built $lib" >&2
}

if [ "$fetch" = 0 ]; then
	if [ -d "$dest/src" ] && [ -f "$dest/VERSION" ]; then
		build_lib
		exit 0
	fi
	echo "fetch-sparse: $lib is not built and sparse's source is not fetched; run 'make deps' (installs the packages and runs 'apt-get source sparse')" >&2
	exit 1
fi

. "$(dirname "$0")/as-root.sh"

# apt-get source needs a deb-src line.  Add one for the suites the
# machine's own Debian list names, in the same format, if none exists.
has_deb_src() {
	grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/
}

add_deb_src() {
	local out=/etc/apt/sources.list.d/dmaconv-deb-src.sources tmp
	tmp=$(mktemp)
	# deb822 stanzas: copy every "Types: deb" stanza as deb-src.
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'BEGIN { RS=""; ORS="\n\n" }
		     /(^|\n)Types:[ \t]*deb([ \t]|\n|$)/ && /debian/ {
			sub(/Types:[ \t]*deb/, "Types: deb-src"); print }' "$f" >>"$tmp"
	done
	# one-line format
	if [ -f /etc/apt/sources.list ]; then
		sed -n 's/^deb \(.*debian.*\)$/deb-src \1/p' /etc/apt/sources.list >"$tmp.list"
		[ -s "$tmp.list" ] && as_root cp "$tmp.list" /etc/apt/sources.list.d/dmaconv-deb-src.list
		rm -f "$tmp.list"
	fi
	[ -s "$tmp" ] && as_root cp "$tmp" "$out"
	rm -f "$tmp"
	if ! has_deb_src; then
		echo "fetch-sparse: no Debian entry in /etc/apt/sources.list* to derive a deb-src line from" >&2
		exit 1
	fi
}

if ! has_deb_src; then
	echo "fetch-sparse: adding a deb-src entry for the machine's Debian suites" >&2
	add_deb_src
	as_root apt-get update -q >&2
fi

echo "fetch-sparse: fetching Debian's sparse source package into $dest" >&2
rm -rf "$dest"
mkdir -p "$dest"
if ! (cd "$dest" && apt-get source -q sparse >fetch.log 2>&1); then
	# The package lists may predate the deb-src entry.
	as_root apt-get update -q >&2
	if ! (cd "$dest" && apt-get source -q sparse >fetch.log 2>&1); then
		echo "fetch-sparse: 'apt-get source sparse' failed; see $dest/fetch.log" >&2
		exit 1
	fi
fi

src=$(find "$dest" -maxdepth 1 -type d -name 'sparse-*' | head -n 1)
if [ -z "$src" ]; then
	echo "fetch-sparse: no sparse-* folder after apt-get source; see $dest/fetch.log" >&2
	exit 1
fi
ln -sfn "$(basename "$src")" "$dest/src"
dpkg-parsechangelog -l "$src/debian/changelog" -S Version >"$dest/VERSION" 2>/dev/null ||
	basename "$src" | sed 's/^sparse-//' >"$dest/VERSION"

build_lib
