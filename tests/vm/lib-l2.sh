# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# A real Linux guest for the test guest to run (t_88_linux_guest): Debian's QEMU with the
# libraries it links and the firmware it loads, the kernel the test guest boots (KIMG, so
# every kernel of the matrix boots itself once more) and a busybox initramfs whose /init
# runs a process-heavy script and powers off. Only with SS_L2=1 (not in `make test`: four
# minutes a kernel, and 7.2/7.3's /init does not finish in 96 MiB yet). Sourced (bash) by tests/vm/run.sh after
# lib-initramfs.sh.
#
#   initramfs_add_l2 ROOT   add /usr/bin/qemu-system-x86_64, /l2/vmlinuz and /l2/initrd

L2_QEMU=${L2_QEMU:-/usr/bin/qemu-system-x86_64}
# what -nodefaults -kernel boots with on the pc machine: SeaBIOS and the option ROMs
L2_FIRMWARE="/usr/share/seabios/bios-256k.bin /usr/share/qemu/linuxboot_dma.bin
	/usr/share/qemu/kvmvapic.bin"

# _l2_libs FILE: the shared libraries FILE loads, and the loader
_l2_libs() {
	ldd "$1" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' |
		sort -u
}

# _l2_init: the guest's /init: many short processes, each a new address space for KVM
_l2_init() {
	cat <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t devtmpfs dev /dev 2>/dev/null
echo "L2: up"
# rounds of 128 processes alive at once: more address spaces than KVM's default limit holds
r=0
while [ $r -lt 4 ]; do
	i=0
	while [ $i -lt 128 ]; do
		sh -c 'ls / >/dev/null; sleep 6; cat /proc/self/maps >/dev/null' &
		i=$((i + 1))
	done
	wait
	r=$((r + 1))
done
echo "L2: done"
poweroff -f
INIT
}

initramfs_add_l2() {
	local root=$1 l2=$WORK/l2root f lib a
	[ -x "$L2_QEMU" ] || die "no $L2_QEMU (apt-get install qemu-system-x86)"
	mkdir -p "$root/usr/bin" "$root/l2" "$root/usr/share/qemu"
	cp "$L2_QEMU" "$root/usr/bin/"
	for lib in $(_l2_libs "$L2_QEMU"); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib" || die "cannot copy $lib"
	done
	for f in $L2_FIRMWARE; do
		[ -r "$f" ] || die "no $f (apt-get install qemu-system-x86 seabios)"
		cp -L "$f" "$root/usr/share/qemu/"
	done
	cp "$KIMG" "$root/l2/vmlinuz"
	rm -rf "$l2"
	mkdir -p "$l2"/{bin,proc,dev,tmp}
	cp "$BUSYBOX" "$l2/bin/busybox"
	for a in sh ls cat sed mount poweroff echo sleep; do
		ln -sf busybox "$l2/bin/$a"
	done
	_l2_init >"$l2/init"
	chmod +x "$l2/init"
	initramfs_pack "$l2" "$root/l2/initrd"
}
