#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Print the kernel release to build and test against: the running kernel if its
# headers are installed, else the newest kernel that has both headers and an
# image (/boot/vmlinuz-*), which is what the QEMU tests boot.
set -eu
run=$(uname -r)
if [ -z "${SS_TEST_KERNEL:-}" ] && [ -d "/lib/modules/$run/build" ]; then
	echo "$run"
	exit 0
fi
for d in $(ls -1d /lib/modules/*/build 2>/dev/null | sort -rV); do
	k=$(basename "$(dirname "$d")")
	if [ -f "/boot/vmlinuz-$k" ]; then
		echo "$k"
		exit 0
	fi
done
echo "kver.sh: no kernel with headers and image installed (apt-get install linux-image-amd64 linux-headers-amd64)" >&2
exit 1
