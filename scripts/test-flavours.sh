#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the QEMU guest tests (tests/vm/run.sh) on other flavours of the Debian kernel in use
# (cloud-amd64, rt-amd64) without installing them: their image and headers packages are
# downloaded with apt-get download and unpacked under build/cache/flavours/, and run.sh runs
# in a private mount namespace in which /boot, /lib/modules and /usr/src also show the
# unpacked files (scripts/lib-kernel-ns.sh). Nothing is installed on the machine and nothing
# is loaded into its kernel.
#
#   scripts/test-flavours.sh [FLAVOUR...]     (default: cloud rt)
#
# Environment: APPEND  more guest kernel parameters (e.g. lockdown=integrity), and CPU
# a QEMU -cpu model instead of "max" (rt needs "max,+invtsc": KVM on PREEMPT_RT refuses to
# load without a constant TSC), and MEM a QEMU -m size, all put in by a qemu-system-x86_64
# wrapper first in PATH;
# FLAVOUR "default" is the kernel run.sh picks (useful with APPEND). Other variables (TESTS, TIMEOUT) go to run.sh. Logs:
# build/vm-logs-<kver>[-<APPEND words>]/. Prints one summary line per flavour and exits
# non-zero if one failed.
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SS_CACHE:-$REPO/build/cache}/flavours
APPEND=${APPEND:-}
CPU=${CPU:-}
base=$(sh "$REPO/scripts/kver.sh") || exit 1
abi=${base%-amd64}		# 6.1.0-56
flavours=${*:-cloud rt}
rc=0

msg() { echo "test-flavours: $*" >&2; }
# shellcheck source=scripts/lib-kernel-ns.sh
. "$REPO/scripts/lib-kernel-ns.sh"

# unpack KVER COMMON: image and headers of KVER (and the headers package COMMON) into
# $CACHE/KVER, once
unpack() {
	local kver=$1 common=$2 root=$CACHE/$1 debs=$CACHE/debs p f
	[ -f "$root/boot/vmlinuz-$kver" ] && [ -f "$root/lib/modules/$kver/modules.dep" ] && return 0
	mkdir -p "$debs" "$root" || return 1
	for p in "linux-image-$kver-unsigned" "linux-headers-$kver" $common; do
		if ! ls "$debs/${p}_"*.deb >/dev/null 2>&1; then
			(cd "$debs" && apt-get download "$p" >/dev/null 2>&1) ||
				{ msg "apt-get download $p failed"; return 1; }
		fi
	done
	for p in "linux-image-$kver-unsigned" "linux-headers-$kver" $common; do
		for f in "$debs/${p}_"*.deb; do
			dpkg-deb -x "$f" "$root" || return 1
		done
	done
	# the headers' scripts and tools are ../../lib/linux-kbuild-6.1 (the host's, which
	# linux-headers-amd64 brought)
	[ -d /usr/lib/linux-kbuild-6.1 ] || { msg "no /usr/lib/linux-kbuild-6.1 (apt-get install linux-kbuild-6.1)"; return 1; }
	mkdir -p "$root/usr/lib"
	ln -sfn /usr/lib/linux-kbuild-6.1 "$root/usr/lib/linux-kbuild-6.1"
	# the package scripts would run depmod; run it on the unpacked tree only
	depmod -b "$root" "$kver"
}

# a qemu-system-x86_64 that adds $APPEND to -append and takes -cpu $CPU and -m $MEM
shim=$(mktemp -d)
trap 'rm -rf "$shim"' EXIT
kns_qemu_shim "$shim" || exit 1

for fl in $flavours; do
	case $fl in
	default) kver=$base common= ;;
	rt) kver=$abi-rt-amd64 common=linux-headers-$abi-common-rt ;;
	cloud) kver=$abi-cloud-amd64 common=linux-headers-$abi-common ;;
	*) kver=$abi-$fl-amd64 common= ;;
	esac
	tag=$kver${APPEND:+-$(echo "$APPEND" | tr ' =' '-_')}${CPU:+-cpu_$(echo "$CPU" | tr ',+' '_p')}
	logdir=$REPO/build/vm-logs-$tag
	if [ "$fl" != default ] && ! unpack "$kver" "$common"; then
		msg "$kver: could not unpack"
		echo "$tag: 0 passed, 1 failed (packages)"
		rc=1
		continue
	fi
	msg "$tag: logs in $logdir"
	root=$CACHE/$kver
	[ "$fl" = default ] && root=
	PATH=$shim:$PATH LOGDIR=$logdir KVER=$kver kns_run_vm "$root" "$REPO" >"$logdir.out" 2>&1
	r=$?
	[ $r = 0 ] || rc=1
	echo "$tag: $(tail -1 "$logdir.out") (exit $r; output in ${logdir#"$REPO"/}.out)"
done
exit $rc
