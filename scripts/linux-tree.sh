#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Unpack Debian's linux-source-6.1 once into BUILD/linux-6.1 and make it a
# git repository, so spatch's --use-gitgrep (the kernel's .cocciconfig)
# finds files there.  Prints the tree's path on stdout.  Safe to call from
# several jobs at once: the first unpacks, the others wait.
#
#   scripts/linux-tree.sh BUILD
set -eu

build=${1:-build}
mkdir -p "$build"
build=$(cd "$build" && pwd)
tree=$build/linux-6.1
top=$(cd "$(dirname "$0")/.." && pwd)

exec 9>"$build/.linux-tree.lock"
flock 9

if [ ! -f "$tree/.dmaconv-ready" ]; then
	"$top/scripts/deps.sh" kernel
	tarball=$(find /usr/src -maxdepth 1 -name "linux-source-6.1.tar.*" 2>/dev/null | head -n 1)
	if [ -z "$tarball" ]; then
		echo "linux-tree: /usr/src/linux-source-6.1.tar.* not found after installing linux-source-6.1" >&2
		exit 1
	fi
	echo "linux-tree: unpacking $tarball into $tree" >&2
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp"
	tar -xaf "$tarball" -C "$tree.tmp" --strip-components=1
	echo "linux-tree: making it a git repository (for spatch --use-gitgrep)" >&2
	# Debian's packaging .gitignore ignores the whole top level: add with -f.
	(cd "$tree.tmp" && git init -q && git add -A -f . >/dev/null &&
	 git -c user.name=dmaconv -c user.email=dmaconv@localhost \
		commit -q -m "linux-source-6.1 as unpacked")
	mv "$tree.tmp" "$tree"
	touch "$tree/.dmaconv-ready"
fi
echo "$tree"
