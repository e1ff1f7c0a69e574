#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages a dmaconv target needs, skipping what is
# already there, so a second run needs no network and returns at once.
#
#   scripts/deps.sh base     build tools, cmocka, Coccinelle, dpkg-dev
#   scripts/deps.sh kernel   linux-source-6.1 and the cross compilers
#   scripts/deps.sh lint     shellcheck (make lint)
#   scripts/deps.sh fuzz     clang and its libFuzzer runtime (make check-fuzz)
#   scripts/deps.sh browser  Debian's chromium (the review HTML test)
#
set -eu

declare -A PROFILE=(
	[base]="build-essential pkg-config libcmocka-dev coccinelle dpkg-dev"
	[lint]="shellcheck"
	[fuzz]="clang libclang-rt-14-dev"
	[browser]="chromium"
	[kernel]="linux-source-6.1 gcc-mips-linux-gnu gcc-hppa-linux-gnu bc flex bison libssl-dev libelf-dev xz-utils"
)

. "$(dirname "$0")/as-root.sh"

missing=()
for profile in "${@:-base}"; do
	pkgs=${PROFILE[$profile]:-}
	if [ -z "$pkgs" ]; then
		echo "deps: unknown profile '$profile' (known: ${!PROFILE[*]})" >&2
		exit 2
	fi
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
	done
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists; refresh only when we must install.
as_root apt-get update -q >&2 || true
as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
