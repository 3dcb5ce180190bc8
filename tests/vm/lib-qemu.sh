# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What booting a QEMU/TCG guest on the stock Debian kernel needs: the host tools, the kernel
# to boot, and the boot itself. Sourced (bash) by tests/vm/run.sh and demo/run.sh, which
# define msg MESSAGE and die MESSAGE (die does not return). Nothing here loads anything into
# the host kernel: the guest kernel is only a file QEMU boots.

# Everything the initramfs and the boot need, shared so that the demo can install them first.
VM_TOOLS="qemu-system-x86_64 busybox cpio gzip depmod make cc timeout awk readelf"
VM_TOOLS_HINT="Debian: apt-get install qemu-system-x86 busybox-static cpio kmod gcc make binutils"

# vm_missing_tools: print the missing tools of VM_TOOLS, space separated (nothing if none)
vm_missing_tools() {
	local t out=
	for t in $VM_TOOLS; do
		command -v "$t" >/dev/null 2>&1 || out="$out${out:+ }$t"
	done
	echo "$out"
}

# vm_busybox_static: succeed if busybox is statically linked (the initramfs has no libc)
vm_busybox_static() {
	! readelf -l "$(command -v busybox)" 2>/dev/null | grep -q 'program interpreter'
}

# vm_check_tools: die unless every tool is there and busybox is static; sets BUSYBOX
vm_check_tools() {
	local missing
	missing=$(vm_missing_tools)
	[ -z "$missing" ] || die "missing tools: $missing ($VM_TOOLS_HINT)"
	BUSYBOX=$(command -v busybox)
	vm_busybox_static || die "$BUSYBOX is dynamically linked; install busybox-static"
}

# vm_newest_kernel: print the newest kernel with modules and an image in /boot (or nothing)
vm_newest_kernel() {
	local d k
	for d in /lib/modules/*/; do
		k=$(basename "$d")
		[ -f "/boot/vmlinuz-$k" ] && [ -f "$d/modules.dep" ] && echo "$k"
	done | sort -V | tail -1
}

# vm_pick_kernel: KVER (default: the newest kernel) and its KIMG and MODDIR (default: where
# its packages install them); dies if unusable
vm_pick_kernel() {
	[ -n "${KVER:-}" ] || KVER=$(vm_newest_kernel)
	[ -n "$KVER" ] || die "no kernel found: need /lib/modules/<kver>/modules.dep and /boot/vmlinuz-<kver> (Debian: apt-get install linux-image-amd64)"
	KIMG=${KIMG:-/boot/vmlinuz-$KVER}
	MODDIR=${MODDIR:-/lib/modules/$KVER}
	[ -r "$KIMG" ] || die "cannot read $KIMG"
	[ -f "$MODDIR/kernel/arch/x86/kvm/kvm.ko" ] || [ -f "$MODDIR/kernel/arch/x86/kvm/kvm.ko.xz" ] ||
		[ -f "$MODDIR/kernel/arch/x86/kvm/kvm.ko.zst" ] || die "no kvm.ko in $MODDIR"
}

# vm_boot TIMEOUT INITRAMFS CONSOLE DATA CMDFILE OUT: boot KIMG with INITRAMFS until it powers
# off; the guest console (ttyS0) goes to file CONSOLE, its data channel (ttyS1) to file DATA,
# the command line to CMDFILE, QEMU's own output to OUT. Returns QEMU's exit status (124 when
# TIMEOUT seconds ran out).
vm_boot() {
	local timeout=$1 initramfs=$2 console=$3 data=$4 cmdfile=$5 out=$6
	# -cpu max: TCG emulates AMD SVM, so the guest's kvm_amd can run nested VMs. One CPU, as
	# the tests always ran: a 2-CPU (MTTCG) guest hung once under the demo's three VMs
	local qemu=(qemu-system-x86_64 -accel tcg -cpu max -smp 1 -m 2G
		-display none -monitor none
		-no-reboot -serial "file:$console" -serial "file:$data"
		-kernel "$KIMG" -initrd "$initramfs"
		-append "console=ttyS0 panic=-1 oops=panic softlockup_panic=1 loglevel=4")
	echo "timeout $timeout ${qemu[*]}" >"$cmdfile"
	timeout "$timeout" "${qemu[@]}" </dev/null >"$out" 2>&1
}
