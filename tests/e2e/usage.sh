#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmaconv end to end: --help of every command, and the usage errors
# (unknown command or option, missing PATH, missing file, bad format).
#
# Runs alone (tests/e2e/usage.sh) or from run.sh with the other topics.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run help "$DMACONV" --help
ok "dmaconv --help lists the four commands" "$([ "$rc" -eq 0 ] && has help.out convert && has help.out check && has help.out review && has help.out series; echo $?)"
for c in convert check review series; do
	run help-$c "$DMACONV" $c --help
	ok "dmaconv $c --help" "$([ "$rc" -eq 0 ] && has help-$c.out "usage: dmaconv $c" && has help-$c.out "Exit status"; echo $?)"
done
run nocmd "$DMACONV"
ok "no command: usage on stderr, exit 2" "$([ "$rc" -eq 2 ] && has nocmd.err usage; echo $?)"
run unknown "$DMACONV" frobnicate
ok "unknown command: exit 2, named" "$([ "$rc" -eq 2 ] && has unknown.err "unknown command 'frobnicate'"; echo $?)"
for c in convert check review series; do
	run badopt-$c tiny "$DMACONV" $c --no-such-option
	ok "$c: unknown option exits 2" "$([ "$rc" -eq 2 ] && has badopt-$c.err "no-such-option"; echo $?)"
done
run nopath tiny "$DMACONV" convert
ok "convert without PATH: exit 2" "$([ "$rc" -eq 2 ] && has nopath.err "no PATH"; echo $?)"
run missing tiny "$DMACONV" convert "$T/no such dir"
ok "convert on a missing path: exit 2, path named" "$([ "$rc" -eq 2 ] && has missing.err "no such dir: no such file or folder"; echo $?)"
run missing-check tiny "$DMACONV" check "$T/nothing.c"
ok "check on a missing file: exit 2, file named" "$([ "$rc" -eq 2 ] && has missing-check.err "nothing.c: no such file"; echo $?)"
run badfmt tiny "$DMACONV" review --format=pdf a b
ok "review --format=pdf: exit 2" "$([ "$rc" -eq 2 ] && has badfmt.err "unknown format 'pdf'"; echo $?)"
