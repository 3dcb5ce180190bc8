#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install what building, testing and the demo need on Debian 12 (run as root).
# The QEMU tests boot Debian's stock kernel: linux-image-amd64 is installed for
# its files only; this machine's own kernel is never changed or booted. The
# kernel matrix (make check-kernels) fetches its kernels into a private cache
# with curl and builds Debian 13's in a trixie root made by mmdebstrap; pahole
# (dwarves) gives modules built against newer headers their BTF.
set -eu
if [ "$(id -u)" != 0 ]; then
	echo "install-deps.sh: run as root (apt-get install)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
	gcc gcc-multilib make libc6-dev perl python3 \
	linux-headers-amd64 linux-image-amd64 linux-source-6.1 \
	qemu-system-x86 busybox-static kmod cpio \
	binutils xz-utils zstd sparse shellcheck \
	curl util-linux mmdebstrap dwarves \
	dkms dh-dkms debhelper dpkg-dev build-essential \
	libcairo2-dev pkg-config
