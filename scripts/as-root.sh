# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# Sourced by the install scripts: run a command as root, directly when we
# are root (a fresh Debian machine, CI), through sudo otherwise.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "${0##*/}: need root (or sudo) to run: $*" >&2
		exit 1
	fi
}
