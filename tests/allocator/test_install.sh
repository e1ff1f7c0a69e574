#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# libdmaref as a user gets it (issue 12): make install-allocator into a
# DESTDIR, build a tiny driver test against the installed library with
# nothing but pkg-config (PKG_CONFIG_PATH into the DESTDIR), run it, then
# make uninstall-allocator and check that nothing of ours is left and
# nothing else was touched.  TAP on stdout; run by tests/allocator/run.sh.
set -u

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
PREFIX=/usr/local
# The parent make's job server is not ours to use.
unset MAKEFLAGS MFLAGS MAKELEVEL

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
libdir=$dest$PREFIX/lib
pcdir=$libdir/pkgconfig

# shellcheck source=../tap.sh
. "$TOP/tests/tap.sh"

mk=(make -C "$TOP" --no-print-directory BUILD="$BUILD" DESTDIR="$dest"
    PREFIX="$PREFIX")

# Files that are not ours, where ours go: uninstall must leave them.
mkdir -p "$libdir" "$dest$PREFIX/share/doc/dmaconv"
echo other >"$libdir/libother.so"
echo other >"$dest$PREFIX/share/doc/dmaconv/other.md"

run "make install-allocator DESTDIR=... PREFIX=$PREFIX" "${mk[@]}" install-allocator

# The usual shared-library layout: real file, SONAME link, dev link.
real=libdmaref.so.$(sed -n 's/^ALLOC_VERSION[[:space:]]*:= *//p' \
	"$TOP/allocator/allocator.mk")
soname=$(readelf -d "$libdir/$real" 2>/dev/null |
	 sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
result "$real has SONAME libdmaref.so.0" \
	"$([ "$soname" = libdmaref.so.0 ] && echo 1)" "SONAME: '$soname'"
result "libdmaref.so -> libdmaref.so.0 -> $real" \
	"$([ "$(readlink "$libdir/libdmaref.so")" = libdmaref.so.0 ] &&
	   [ "$(readlink "$libdir/libdmaref.so.0")" = "$real" ] && echo 1)" \
	"$(ls -l "$libdir" 2>&1)"

# pkg-config names the installed places, with the PREFIX given to make.
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs libdmaref 2>&1)
flags=$(echo "$flags" | xargs)
want="-I$PREFIX/include/dmaconv -L$PREFIX/lib -ldmaref -lpthread"
result "pkg-config --cflags --libs libdmaref" \
	"$([ "$flags" = "$want" ] && echo 1)" "got:  $flags" "want: $want"

# The DESTDIR stands for the root: pkg-config's sysroot says so.
pc() {
	PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$dest pkg-config "$@" libdmaref
}
# shellcheck disable=SC2046 # the flags are words on purpose
run "tiny driver test builds with pkg-config alone" \
	cc -Wall -Werror $(pc --cflags) -o "$tmp/tiny" \
	"$TOP/tests/allocator/install/tiny_driver.c" $(pc --libs)

needed=$(readelf -d "$tmp/tiny" 2>/dev/null | grep -c 'NEEDED.*\[libdmaref.so.0\]')
result "tiny driver test needs libdmaref.so.0" \
	"$([ "$needed" = 1 ] && echo 1)" "$(readelf -d "$tmp/tiny" 2>&1 | grep NEEDED)"
run "tiny driver test runs against the installed library" \
	env LD_LIBRARY_PATH="$libdir" "$tmp/tiny"
loaded=$(LD_LIBRARY_PATH=$libdir ldd "$tmp/tiny" 2>&1 | grep libdmaref)
result "the library it loads is the installed one" \
	"$(case $loaded in *"$libdir/"*) echo 1 ;; esac)" "$loaded"

run "make uninstall-allocator" "${mk[@]}" uninstall-allocator
left=$(cd "$dest" && find . ! -type d ! -name libother.so ! -name other.md)
result "nothing of ours is left" "$([ -z "$left" ] && echo 1)" "$left"
result "our folders are gone" \
	"$([ ! -e "$dest$PREFIX/include/dmaconv" ] && echo 1)" \
	"$(find "$dest$PREFIX/include" 2>&1)"
result "files that are not ours are still there" \
	"$([ -f "$libdir/libother.so" ] &&
	   [ -f "$dest$PREFIX/share/doc/dmaconv/other.md" ] && echo 1)"

tap_end
