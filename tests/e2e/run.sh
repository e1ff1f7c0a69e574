#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end tests of dmaconv (TAP), one file per topic:
#
#   usage.sh     --help and usage errors of every command
#   convert.sh   convert: spatch missing or too old, diff, site log, odd
#                paths, --in-place, idempotency, no git, parse errors,
#                the keyword filter
#   check.sh     check: plain files, json, kernel trees
#   review.sh    review: folders, a patch file, a git range
#   series.sh    series: mails, subjects, git am
#   reliability.sh  quoted names, strict numbers, atomic writes, the
#                lock, links, killed runs (docs/reliability.md)
#   examples.sh  the real semantic patches and dmacheck on examples/
#
# run.sh runs them all, in this order, or only the topic files given (by
# path, as tests/run passes them: make check-one T=tests/e2e/review.sh, or
# by name: run.sh review).  Any other path below tests/e2e/ (a fixture,
# the fake checker, this folder) runs them all.  Each topic file also runs
# alone: tests/e2e/series.sh.  lib.sh has the shared helpers.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
topics=(usage convert check review series reliability examples units)
declare -A chosen=()
for arg in "$@"; do
	name=$(basename "$arg" .sh)
	if [[ " ${topics[*]} " == *" $name "* ]]; then
		chosen[$name]=1
	else
		chosen=()
		break
	fi
done

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
for t in "${topics[@]}"; do
	if [ ${#chosen[@]} -eq 0 ] || [ -n "${chosen[$t]:-}" ]; then
		# shellcheck source=/dev/null
		. "$here/$t.sh"
	fi
done
