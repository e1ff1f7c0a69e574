#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dmaconv check end to end: plain files (include/, one driver unit a run,
# legacy-dma.h for legacy code, extra flags), json output, a file dmacheck cannot check, dmacheck missing, and
# kernel trees (compile_commands.json, kbuild, no .config).
#
# Runs alone (tests/e2e/check.sh) or from run.sh with the other topics.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run check tiny "$DMACONV" check -q "$FIX/drv_a"
ok "check: findings in gcc format, exit 1" "$([ "$rc" -eq 1 ] && has check.out "drv_a/drv_a.c:16:2: warning: dma_cache_sync() was removed in Linux 5.10 \[legacy-api\]"; echo $?)" "$T/check.out"
FAKE_DMACHECK_LOG=$T/plain.log run checkargs tiny "$DMACONV" check -q "$FIX/drv_a/drv_a.c" -- -Wno-legacy-api
ok "check outside a kernel tree: -f json, --unit, include/, legacy-dma.h, extra flags" "$(json "$T/checkargs.out" 'True' 2>/dev/null; python3 - "$T/plain.log" "$TOP/include" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).readline())
i = a.index("-include") if "-include" in a else -2
sys.exit(0 if (a[:2] == ["-f", "json"] and "--unit" in a and
              a[i + 1] == sys.argv[2] + "/dmaconv/legacy-dma.h" and
              "-I" + sys.argv[2] in a and "-Wno-legacy-api" in a) else 1)
PY
echo $?)" "$T/plain.log"
mkdir -p "$T/hdr"
printf '#include "hdr drv.h"\nint drv(void) { return 0; }\n' >"$T/hdr/drv.c"
printf 'static inline void h(void *d, void *p) { dma_cache_sync(d, p, 4, DMA_TO_DEVICE); }\n' >"$T/hdr/hdr drv.h"
FAKE_DMACHECK_LOG=$T/hdr.log run checkhdr tiny "$DMACONV" check -q "$T/hdr/drv.c"
ok "check: a file including a local header in the old API gets legacy-dma.h" "$(grep -q 'dmaconv/legacy-dma.h' "$T/hdr.log"; echo $?)" "$T/hdr.log"
run checkjson tiny "$DMACONV" check -q --format=json "$FIX/drv_a"
ok "check --format=json: findings with check ids" "$(json "$T/checkjson.out" '[f["check"] for f in d["findings"]]==["legacy-api","legacy-api"]'; echo $?)" "$T/checkjson.out"
printf 'int clean(void) { return 0; }\n' >"$T/clean.c"
run checkclean tiny "$DMACONV" check -q "$T/clean.c"
ok "check: no finding, exit 0" "$([ "$rc" -eq 0 ] && [ ! -s "$T/checkclean.out" ]; echo $?)"
printf 'int broken(void) { PARSE_ERROR }\n' >"$T/perr.c"
run checkperr tiny "$DMACONV" check -q "$T/perr.c"
ok "check: a file dmacheck cannot check is named, exit 3" "$([ "$rc" -eq 3 ] && has checkperr.out "perr.c: dmacheck: parse error"; echo $?)" "$T/checkperr.out"
run nodmacheck env DMACONV_DMACHECK="$T/no-dmacheck" "$DMACONV" check -q "$FIX/drv_a"
ok "check: dmacheck missing, exit 4" "$([ "$rc" -eq 4 ] && has nodmacheck.err "dmacheck not found"; echo $?)" "$T/nodmacheck.err"

# A configured kernel tree with compile_commands.json: the kernel's flags.
K="$T/linux tree"
mkdir -p "$K/arch" "$K/drivers/net/drv_a"
touch "$K/Kbuild" "$K/Kconfig" "$K/Makefile" "$K/arch/Kconfig" "$K/.config"
cp "$FIX/drv_a/drv_a.c" "$K/drivers/net/drv_a/"
python3 - "$K" <<'PY'
import json, sys
k = sys.argv[1]
json.dump([{"directory": k, "file": "drivers/net/drv_a/drv_a.c",
            "command": "gcc -Wp,-MMD,x.d -nostdinc -D'KBUILD_MODNAME=\"drv a\"' "
                       "-I\"%s/include\" -c -o drivers/net/drv_a/drv_a.o "
                       "drivers/net/drv_a/drv_a.c" % k}],
          open(k + "/compile_commands.json", "w"))
PY
FAKE_DMACHECK_LOG=$T/kernel.log run kcheck tiny "$DMACONV" check -q "$K/drivers/net/drv_a/drv_a.c"
ok "check in a kernel tree: the compile command's flags, not -c/-o" "$([ "$rc" -eq 1 ] && python3 - "$T/kernel.log" "$K" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).readline())
k = sys.argv[2]
sys.exit(0 if ('-DKBUILD_MODNAME="drv a"' in a and "-I%s/include" % k in a
              and "-nostdinc" in a and "-c" not in a and "-o" not in a
              and a[-1].endswith("drv_a.c")) else 1)
PY
echo $?)" "$T/kernel.log"
ok "check in a kernel tree: findings read from dmacheck's text output" "$(has kcheck.out "drv_a.c:16:2: warning: .*\[legacy-api\]"; echo $?)" "$T/kcheck.out"

# A configured kernel tree without compile_commands.json: kbuild runs the
# checker (make C=2 CHECK=...), here a make stand-in that records its
# command line and prints what kbuild would.
K2="$T/kernel two"
mkdir -p "$K2/arch" "$K2/drivers/net/drv_a" "$T/bin-make" "$T/kobj"
touch "$K2/Kbuild" "$K2/Kconfig" "$K2/Makefile" "$K2/arch/Kconfig" "$T/kobj/.config"
cp "$FIX/drv_a/drv_a.c" "$K2/drivers/net/drv_a/"
cat >"$T/bin-make/make" <<'SH'
#!/bin/sh
printf '%s\n' "$@" >"$FAKE_MAKE_LOG"
echo "  CHECK   drivers/net/drv_a/drv_a.c"
echo "drivers/net/drv_a/drv_a.c:16:2: warning: dma_cache_sync() was removed in Linux 5.10 [legacy-api]" >&2
SH
chmod +x "$T/bin-make/make"
FAKE_MAKE_LOG=$T/make.log run kmake env PATH="$T/bin-make:$PATH" DMACONV_DMACHECK="$FAKE" "$DMACONV" check -q --kernel-build="$T/kobj" "$K2/drivers/net/drv_a/drv_a.c"
ok "check in a configured kernel tree: make -C TREE O=... C=2 CHECK=dmacheck file.o" "$([ "$rc" -eq 1 ] && [ "$(cat "$T/make.log")" = "$(printf '%s\n' -C "$K2" "O=$T/kobj" C=2 "CHECK=$FAKE" drivers/net/drv_a/drv_a.o)" ]; echo $?)" "$T/make.log"
ok "check in a configured kernel tree: kbuild's warnings become findings" "$(has kmake.out "^drivers/net/drv_a/drv_a.c:16:2: warning: .*\[legacy-api\]"; echo $?)" "$T/kmake.out"
rm "$T/kobj/.config"
FAKE_DMACHECK_LOG=$T/unconf.log run kunconf tiny "$DMACONV" check --kernel-build="$T/kobj" "$K2/drivers/net/drv_a/drv_a.c"
ok "check in a kernel tree without .config: says so, uses include/" "$([ "$rc" -eq 1 ] && has kunconf.err "without .config" && grep -q -- "-I$TOP/include" "$T/unconf.log"; echo $?)" "$T/kunconf.err"
