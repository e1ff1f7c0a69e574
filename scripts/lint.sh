#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make lint: the project's own sources against the tools kernel people
# use on theirs.
#
#   every shell script    with shellcheck
#   every semantic patch  with spatch --parse-cocci
#   every C file, header  with checkpatch.pl, the
#                         kernel's own script (from Debian's linux-source-6.1)
#
# Prints one line per problem and exits non-zero when there is any.
#
#   scripts/lint.sh [shell|cocci|c ...]      (default: all three)
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
cd "$top" || exit 2

# checkpatch types that do not apply to a userspace tool:
#  PREFER_DEFINED_ATTRIBUTE_MACRO  the kernel's __printf() etc. do not exist here
#  NEW_TYPEDEFS, VOLATILE, EXPORT_SYMBOL, HOTPLUG_SECTION, MEMORY_BARRIER,
#  PRINTK_WITHOUT_KERN_LEVEL       include/linux mirrors the kernel's own headers
#  FILE_PATH_CHANGES               not a patch
#  SPLIT_STRING                    our messages are not grepped in dmesg
#  EMBEDDED_FUNCTION_NAME          usage() texts name the command, not the function
CHECKPATCH_IGNORE=PREFER_DEFINED_ATTRIBUTE_MACRO,NEW_TYPEDEFS,VOLATILE,EXPORT_SYMBOL,HOTPLUG_SECTION,MEMORY_BARRIER,PRINTK_WITHOUT_KERN_LEVEL,FILE_PATH_CHANGES,SPLIT_STRING,EMBEDDED_FUNCTION_NAME

problems=0

lint_shell() {
	local files
	command -v shellcheck >/dev/null || "$top/scripts/deps.sh" lint
	mapfile -t files < <(git ls-files '*.sh' 'tests/run' '.ci/run' 2>/dev/null ||
		find . -name '*.sh' -not -path './build/*')
	(cd "$top" && shellcheck -f gcc -x -P SCRIPTDIR "${files[@]}") || problems=$((problems + 1))
}

lint_cocci() {
	local f
	for f in cocci/*.cocci bench/cocci/*.cocci; do
		[ -f "$f" ] || continue
		# -D report: a patch whose every rule depends on a mode parses
		# none of them without one.
		if ! out=$(spatch --very-quiet --parse-cocci -D report "$f" 2>&1); then
			echo "$f: spatch --parse-cocci failed:"
			echo "$out" | tail -n 5 | sed 's/^/    /'
			problems=$((problems + 1))
		fi
	done
}

lint_c() {
	local tree files f out
	tree=$("$top/scripts/linux-tree.sh" "$BUILD") || exit 1
	mapfile -t files < <(git ls-files '*.c' '*.h' | grep -v -e '^tests/' -e '^examples/' -e '^bench/')
	for f in "${files[@]}"; do
		out=$(perl "$tree/scripts/checkpatch.pl" --no-tree --terse -f \
			--show-types --ignore "$CHECKPATCH_IGNORE" "$f" 2>&1 |
			grep -E ': (ERROR|WARNING|CHECK):')
		if [ -n "$out" ]; then
			echo "$out"
			problems=$((problems + 1))
		fi
	done
}

parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(shell cocci c)
for p in "${parts[@]}"; do
	case $p in
	shell|cocci|c) "lint_$p" ;;
	*) echo "lint: unknown part '$p' (known: shell cocci c)" >&2; exit 2 ;;
	esac
done
if [ "$problems" -gt 0 ]; then
	echo "lint: problems in $problems place(s)" >&2
	exit 1
fi
echo "lint: clean" >&2
