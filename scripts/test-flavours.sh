#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the QEMU guest tests (tests/vm/run.sh) on other flavours of the Debian kernel in use
# (cloud-amd64, rt-amd64) without installing them: their image and headers packages are
# downloaded with apt-get download and unpacked under build/cache/flavours/, and run.sh runs
# in a private mount namespace in which /boot, /lib/modules and /usr/src also show the
# unpacked files. Nothing is installed on the machine and nothing is loaded into its kernel.
#
#   scripts/test-flavours.sh [FLAVOUR...]     (default: cloud rt)
#
# Environment: APPEND  more guest kernel parameters (e.g. lockdown=integrity), and CPU
# a QEMU -cpu model instead of "max" (rt needs "max,+invtsc": KVM on PREEMPT_RT refuses to
# load without a constant TSC), both put in by a qemu-system-x86_64 wrapper first in PATH;
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

# overlay_dir DIR SRC REAL: in this mount namespace, DIR shows its own entries (bound at
# REAL) and those of SRC (called in the namespace, below)
# shellcheck disable=SC2317
overlay_dir() {
	local dir=$1 src=$2 real=$3 e
	mkdir -p "$real"
	mount --bind "$dir" "$real" || return 1
	mount -t tmpfs -o mode=0755 tmpfs "$dir" || return 1
	for e in "$real"/* "$src"/*; do
		[ -e "$e" ] && ln -sfn "$e" "$dir/$(basename "$e")"
	done
	return 0
}
export -f overlay_dir msg

# a qemu-system-x86_64 that adds $APPEND to -append and takes -cpu $CPU
shim=$(mktemp -d)
trap 'rm -rf "$shim"' EXIT
if [ -n "$APPEND$CPU" ]; then
	real_qemu=$(command -v qemu-system-x86_64)
	cat >"$shim/qemu-system-x86_64" <<EOF
#!/bin/bash
args=()
while [ \$# -gt 0 ]; do
	if [ "\$1" = -append ]; then args+=("\$1" "\$2 $APPEND"); shift 2; continue; fi
	if [ "\$1" = -cpu ] && [ -n "$CPU" ]; then args+=("\$1" "$CPU"); shift 2; continue; fi
	args+=("\$1"); shift
done
exec "$real_qemu" "\${args[@]}"
EOF
	chmod +x "$shim/qemu-system-x86_64"
fi

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
	# shellcheck disable=SC2016 # expanded by the inner shell
	PATH=$shim:$PATH LOGDIR=$logdir KVER=$kver unshare -m --propagation private bash -c '
		set -e
		if [ "$0" != default ]; then
			t=$(mktemp -d)
			overlay_dir /boot "$1/boot" "$t/boot"
			overlay_dir /lib/modules "$1/lib/modules" "$t/modules"
			overlay_dir /usr/src "$1/usr/src" "$t/src"
		fi
		exec "$2/tests/vm/run.sh"' "$fl" "$root" "$REPO" >"$logdir.out" 2>&1
	r=$?
	[ $r = 0 ] || rc=1
	echo "$tag: $(tail -1 "$logdir.out") (exit $r; output in ${logdir#"$REPO"/}.out)"
done
exit $rc
