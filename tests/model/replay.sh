#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# replay.sh RECORD.cmd [dmamodel flags]: run dmamodel with the command
# line kbuild gave the checker (a record of tests/kernel/check-wrap.sh:
# the working folder, then one argument per line), from that folder.
# FILE=path replaces the source file (another file, same flags; empty:
# the recorded one);
# INCLUDE=path force-includes a header after kbuild's own -include files.
set -u
rec=$1
shift
DMAMODEL=${DMAMODEL:-${BUILD:-$(cd "$(dirname "$0")/../.." && pwd)/build}/tests/model/dmamodel}
mapfile -t lines <"$rec"
dir=${lines[0]}
args=("${lines[@]:1}")
file=${FILE:-${args[${#args[@]}-1]}}
unset 'args[${#args[@]}-1]'
if [ -n "${INCLUDE:-}" ]; then
	args+=(-include "$INCLUDE")
fi
args+=("$file")
cd "$dir" && exec "$DMAMODEL" "$@" "${args[@]}"
