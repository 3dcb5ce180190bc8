#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make sure what `make demo` needs is installed: the tools of the QEMU boot
# (tests/vm/lib-qemu.sh), a Debian kernel image with its modules for the guest, and that
# kernel's headers for the module build. As root, anything missing is installed with
# scripts/install-deps.sh (output to LOG); otherwise this says what to run and fails.
#
#   demo/deps.sh LOG
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
LOG=$1
# shellcheck source=tests/vm/lib-qemu.sh
. "$REPO/tests/vm/lib-qemu.sh"

# missing: one reason per line, nothing when all is there
missing() {
	local tools k
	tools=$(vm_missing_tools)
	[ -z "$tools" ] || echo "tools: $tools"
	command -v busybox >/dev/null 2>&1 && ! vm_busybox_static && echo "a static busybox"
	# a kernel chosen with KVER must be there; otherwise the newest one is booted
	k=${KVER:-$(vm_newest_kernel)}
	if [ -z "$k" ] || [ ! -f "/boot/vmlinuz-$k" ]; then
		echo "a kernel image to boot (linux-image-amd64)"
	elif [ ! -d "/lib/modules/$k/build" ]; then
		echo "the headers of kernel $k (linux-headers-amd64)"
	fi
}

need=$(missing)
[ -z "$need" ] && exit 0
echo "demo: missing: $(echo "$need" | paste -sd ';' | sed 's/;/; /g')" >&2
if [ "$(id -u)" != 0 ]; then
	echo "demo: run 'make deps' as root first (or 'make demo' as root)" >&2
	exit 1
fi
echo "demo: installing them with scripts/install-deps.sh (log: $LOG)" >&2
if ! sh "$REPO/scripts/install-deps.sh" >"$LOG" 2>&1; then
	tail -n 15 "$LOG" >&2
	echo "demo: scripts/install-deps.sh failed (see $LOG)" >&2
	exit 1
fi
need=$(missing)
[ -z "$need" ] && exit 0
echo "demo: still missing after scripts/install-deps.sh: $need" >&2
exit 1
