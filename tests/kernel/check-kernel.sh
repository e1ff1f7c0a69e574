#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run dmacheck over real Linux 6.1 builds of the drivers that use the
# non-coherent DMA API, and of a few streaming-DMA network drivers as a
# false-positive guard (make check-kernel).  For each architecture:
#
#   1. configure build/kbuild-<arch> (defconfig + the drivers, as modules
#      where they can be), make olddefconfig, make modules_prepare;
#      skipped when that folder was already prepared with the same config;
#   2. make C=2 CHECK=<wrapper around dmacheck> on just those drivers;
#   3. summarise: files checked, files the checker failed on, warnings by
#      check id.  Every warning goes to build/check-kernel/<arch>/warnings.log.
#
# Fails when the checker crashes, hangs, reports an internal error or
# cannot process a file, when a driver is not built, or when the build
# itself fails.
#
#   tests/kernel/check-kernel.sh [x86_64|mips|parisc ...]   (default: all)
#
# Environment: BUILD (default <top>/build), KCHECK (checker to run,
# default $BUILD/dmacheck; plain sparse takes the same command line),
# JOBS (default 2), KCHECK_FILE_TIMEOUT (seconds per file, default 360:
# dmacheck's own 300 s limit should fire first and say so),
# KCHECK_OUT (logs and records, default $BUILD/check-kernel; the
# benchmarks use their own folder so they keep check-kernel's logs),
# KCHECK_KBUILD (where the kbuild-<arch> folders go, default $BUILD: an
# empty folder here times a cold run without touching the shared ones).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$top/build}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
KCHECK=${KCHECK:-$BUILD/dmacheck}
JOBS=${JOBS:-2}
out=${KCHECK_OUT:-$BUILD/check-kernel}
kroot=${KCHECK_KBUILD:-$BUILD}
mkdir -p "$kroot"
kroot=$(cd "$kroot" && pwd)	# kbuild runs from the tree: O= must be absolute

. "$top/tests/kernel/profiles.sh"

die() {
	echo "check-kernel: $*" >&2
	exit 1
}

now() {
	date +%s.%N
}

elapsed() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'
}

# kbuild for one architecture, always out of tree.
kmake() {
	local arch=$1
	shift
	make -C "$tree" O="$kroot/kbuild-$arch" ARCH="${KARCH[$arch]}" \
		CROSS_COMPILE="${KCROSS[$arch]}" "$@"
}

# The options the profile asks for, as "SYMBOL=value" lines: the key that
# tells a prepared folder from one that must be configured again.
config_spec() {
	local arch=$1 opt
	echo "defconfig=${KDEFCONFIG[$arch]}"
	for opt in ${KOPTS[$arch]}; do
		echo "$opt"
	done
}

# Turn the profile's options on.  "m" means a module where the symbol
# allows it: scripts/config --module on a bool is demoted to y by
# olddefconfig, which is what we want.
apply_options() {
	local arch=$1 cfg=$2 opt sym val args=()
	for opt in ${KOPTS[$arch]}; do
		sym=${opt%%=*} val=${opt#*=}
		case $val in
		y) args+=(--enable "$sym") ;;
		m) args+=(--module "$sym") ;;
		*) die "$arch: bad option '$opt' in tests/kernel/profiles.sh" ;;
		esac
	done
	"$tree/scripts/config" --file "$cfg" "${args[@]}"
}

# After olddefconfig every option must be on: an option whose dependencies
# are missing is silently dropped by Kconfig, and its driver with it.
verify_options() {
	local arch=$1 cfg=$2 opt sym bad=()
	for opt in ${KOPTS[$arch]}; do
		sym=${opt%%=*}
		grep -qE "^CONFIG_$sym=(y|m)$" "$cfg" || bad+=("$sym")
	done
	[ ${#bad[@]} -eq 0 ] ||
		die "$arch: Kconfig dropped ${bad[*]} (a dependency is missing from tests/kernel/profiles.sh); see $cfg"
}

configure() {
	local arch=$1
	local kout=$kroot/kbuild-$arch log=$out/$arch/configure.log
	local stamp=$kroot/kbuild-$arch/.dmaconv-prepared spec

	spec=$(config_spec "$arch")
	if [ -f "$stamp" ] && [ -f "$kout/.config" ] &&
	   [ "$(cat "$stamp")" = "$spec" ]; then
		echo "check-kernel: $arch: reusing prepared $kout" >&2
		return 0
	fi
	echo "check-kernel: $arch: configuring $kout (${KDEFCONFIG[$arch]} + ${KOPTS[$arch]//$'\n'/ })" >&2
	mkdir -p "$kout"
	rm -f "$stamp"
	{
		kmake "$arch" "${KDEFCONFIG[$arch]}" &&
		apply_options "$arch" "$kout/.config" &&
		kmake "$arch" olddefconfig
	} >"$log" 2>&1 || die "$arch: configuring failed; see $log"
	verify_options "$arch" "$kout/.config"
	echo "check-kernel: $arch: make modules_prepare" >&2
	kmake "$arch" -j"$JOBS" modules_prepare >>"$log" 2>&1 ||
		die "$arch: modules_prepare failed; see $log"
	echo "$spec" >"$stamp"
}

# Strip the tree's prefix, in the file name and in the message, so paths
# read drivers/..., whatever form kbuild used (absolute, or relative to
# the O= folder).
tree_relative() {
	sed -E "s#[^ :'(]*/linux-6\\.1/##g"
}

summarise() {
	local arch=$1
	local dir=$out/$arch rec rc file why reason n=0 failed=0
	local warnings=$out/$arch/warnings.log failures=$out/$arch/failures.log
	local internal='[Ii]nternal error|[Aa]ssertion .*failed|^BUG|Segmentation fault'

	: >"$warnings"
	: >"$failures"
	for rec in "$dir"/records/*.cmd; do
		[ -e "$rec" ] || break
		rec=${rec%.cmd}
		n=$((n + 1))
		file=$(tail -n 1 "$rec.cmd" | tree_relative)
		rc=$(cat "$rec.rc" 2>/dev/null || echo "none")
		grep -E ': warning: ' "$rec.err" | tree_relative >>"$warnings"
		if [ "$rc" != 0 ]; then
			failed=$((failed + 1))
			case $rc in
			none) why="no exit status (killed with the build?)" ;;
			124|137) why="hung: killed after ${KCHECK_FILE_TIMEOUT:-360}s" ;;
			1) why="not processed" ;;
			*) [ "$rc" -gt 128 ] &&
				why="crashed (signal $((rc - 128)))" ||
				why="exit status $rc" ;;
			esac
			# dmacheck names the reason itself ("dmacheck: f.c: crashed
			# (Segmentation fault)", "timed out", a sparse error): prefer it.
			reason=$(grep -m 1 -E '^dmacheck: .*: ' "$rec.err" | sed -E 's/^dmacheck: [^ ]*: //')
			[ -n "$reason" ] && why="$why: $reason"
			echo "$file: $why" >>"$failures"
			sed 's/^/    /' "$rec.err" | head -n 5 >>"$failures"
		elif grep -qE "$internal" "$rec.err"; then
			failed=$((failed + 1))
			echo "$file: internal error" >>"$failures"
			grep -E "$internal" "$rec.err" |
				sed 's/^/    /' | head -n 5 >>"$failures"
		fi
	done
	sort -u -o "$warnings" "$warnings"
	echo "$n" >"$dir/files"
	echo "$failed" >"$dir/failed"

	echo "== $arch: $n files checked, $failed failed, $(wc -l <"$warnings") warnings ($warnings)"
	if [ -s "$warnings" ]; then
		sed -E 's/.*\[([A-Za-z0-9_-]+)\]$/\1/; t; s/.*/(no check id)/' "$warnings" |
			sort | uniq -c | sort -rn |
			awk '{ n = $1; sub(/^ *[0-9]+ /, ""); printf "   %5d  %s\n", n, $0 }'
	fi
	[ -s "$failures" ] && sed 's/^/   FAIL /' "$failures" | grep -v '^   FAIL     '
	judge "$arch"
	return 0
}

# Sort every warning under its verdict from tests/kernel/verdicts, list
# the ones without a verdict, and note which known real bugs were found
# (verdicts.out and expected.out, read by run.sh).
judge() {
	local arch=$1
	local dir=$out/$arch
	awk -v arch="$arch" -v out="$dir/verdicts.out" -v expf="$dir/expected.out" '
		FNR == NR {
			if ($0 ~ /^#/ || NF < 4 || $1 != arch)
				next
			n = split($2, pos, "|")
			for (i = 1; i <= n; i++)
				verdict[pos[i] " " $3] = $4
			if ($4 == "real-bug" || $4 == "missed-bug") {
				want[++nwant] = $2 " " $3 " " $4
			}
			next
		}
		{
			id = $0
			if (!sub(/.*\[/, "", id) || !sub(/\]$/, "", id))
				id = "(none)"
			split($0, f, ":")
			key = f[1] ":" f[2] " " id
			seen[key] = 1
			v = (key in verdict) ? verdict[key] : "unreviewed"
			print v "\t" $0 > out
			count[v]++
			if (v == "unreviewed")
				print "   unreviewed: " $0
		}
		END {
			printf "" > out
			printf "" > expf
			line = ""
			for (v in count)
				line = line sprintf(" %s %d,", v, count[v])
			if (line != "")
				print "   verdicts:" substr(line, 1, length(line) - 1)
			for (i = 1; i <= nwant; i++) {
				split(want[i], w, " ")
				n = split(w[1], pos, "|")
				found = 0
				for (j = 1; j <= n; j++)
					if ((pos[j] " " w[2]) in seen)
						found = 1
				print (found ? "found" : "missing"), w[3], w[1], w[2] > expf
				if (w[3] == "real-bug" && !found)
					print "   known real bug not reported: " w[1] " [" w[2] "]"
			}
		}' "$top/tests/kernel/verdicts" "$dir/warnings.log"
}

# Every driver the profile names must have been checked: a target that
# kbuild skipped (option off, typo) would otherwise pass in silence.
verify_coverage() {
	local arch=$1
	local dir=$out/$arch target want missing=()
	for target in ${KTARGETS[$arch]}; do
		want=${target%.o}
		[ "$want" != "$target" ] && want=$want.c
		cat "$dir"/records/*.cmd 2>/dev/null | grep -qF "$want" ||
			missing+=("$target")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "check-kernel: $arch: nothing checked for ${missing[*]}" >&2
	return 1
}

run_arch() {
	local arch=$1
	local dir=$out/$arch t0 t1 t2 rc ok=0 targets
	local cold=cold stamp=$kroot/kbuild-$arch/.dmaconv-prepared

	# Warm: the O= folder is already prepared with this profile.
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(config_spec "$arch")" ] &&
		cold=warm

	mkdir -p "$dir"
	rm -rf "$dir/records" "$dir/result" "$dir/failures.log" \
		"$dir/verdicts.out" "$dir/expected.out"
	mkdir -p "$dir/records"
	t0=$(now)
	# In a subshell: a configure failure ends this architecture, not the run.
	if ! (configure "$arch"); then
		echo "configure 1" >"$dir/result"
		return 1
	fi
	echo "configure 0" >"$dir/result"
	t1=$(now)
	read -r -d '' -a targets <<<"${KTARGETS[$arch]}"
	echo "check-kernel: $arch: make C=2 ${KTARGETS[$arch]//$'\n'/ }" >&2
	KCHECK_TOOL=$KCHECK KCHECK_RECORDS=$dir/records \
		kmake "$arch" -k -j"$JOBS" C=2 \
			CHECK="$top/tests/kernel/check-wrap.sh" \
			"${targets[@]}" >"$dir/make.log" 2>&1
	rc=$?
	t2=$(now)
	printf '%s configure %s build %s total %s\n' "$cold" \
		"$(elapsed "$t0" "$t1")" "$(elapsed "$t1" "$t2")" \
		"$(elapsed "$t0" "$t2")" | tee "$dir/times" >&2
	printf '%s %s %s\n' "$(date -u +%FT%TZ)" "$arch" "$(cat "$dir/times")" \
		>>"$out/times.log"

	summarise "$arch" | tee "$dir/summary"
	# One line per verdict, read by tests/kernel/run.sh.
	{
		echo "files $(cat "$dir/files")"
		echo "failed $(cat "$dir/failed")"
		echo "warnings $(wc -l <"$dir/warnings.log")"
		echo "build $rc"
	} >>"$dir/result"
	if ! verify_coverage "$arch"; then
		echo "coverage 1" >>"$dir/result"
		ok=1
	else
		echo "coverage 0" >>"$dir/result"
	fi
	[ "$(cat "$dir/failed")" -eq 0 ] || ok=1
	if [ "$rc" -ne 0 ] && [ "$(cat "$dir/failed")" -ne 0 ]; then
		echo "check-kernel: $arch: make stopped where the checker failed (above); see $dir/make.log" >&2
		ok=1
	elif [ "$rc" -ne 0 ]; then
		echo "check-kernel: $arch: the kernel build failed; see $dir/make.log" >&2
		grep -E 'Error [0-9]|error:' "$dir/make.log" | head -n 10 | sed 's/^/    /' >&2
		ok=1
	fi
	return "$ok"
}

main() {
	local arches=("$@") arch status=0
	[ ${#arches[@]} -gt 0 ] || read -r -a arches <<<"$KARCHES"
	for arch in "${arches[@]}"; do
		[ -n "${KARCH[$arch]:-}" ] ||
			die "unknown architecture '$arch' (known: ${KARCHES})"
	done
	[ -x "$KCHECK" ] || die "checker $KCHECK not found or not executable (run make first, or set KCHECK=)"
	"$top/scripts/deps.sh" kernel || die "installing the kernel build dependencies failed"
	tree=$("$top/scripts/linux-tree.sh" "$BUILD") || die "no Linux 6.1 tree"
	for arch in "${arches[@]}"; do
		command -v "${KCROSS[$arch]}gcc" >/dev/null ||
			die "$arch: ${KCROSS[$arch]}gcc not found (scripts/deps.sh kernel installs it)"
	done

	mkdir -p "$out"
	# Two runs would share the O= folders.
	exec 8>"$kroot/.check-kernel.lock"
	if ! flock -n 8; then
		echo "check-kernel: waiting for another check-kernel run ($kroot/.check-kernel.lock)" >&2
		flock 8
	fi
	echo "check-kernel: checker $KCHECK ($("$KCHECK" --version 2>&1 | head -n 1))" >&2
	for arch in "${arches[@]}"; do
		run_arch "$arch" || status=1
	done
	if [ "$status" -eq 0 ]; then
		echo "check-kernel: ok (${arches[*]})"
	else
		echo "check-kernel: FAILED (see $out/<arch>/)"
	fi
	return "$status"
}

main "$@"
