# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The guest's initramfs: busybox, the KVM modules of KVER with their dependencies,
# shadowstat.ko, the guest programs, tests/vm/guest/init.sh as /init and its helper files in
# /tests. Sourced (bash) by tests/vm/run.sh and demo/run.sh after tests/vm/lib-qemu.sh
# (vm_check_tools sets BUSYBOX, vm_pick_kernel sets KVER and MODDIR); they define die.
#
#   initramfs_root ROOT SS_KO GUEST_BIN   fill ROOT (SS_KO may be empty: no shadowstat.ko)
#   (the caller copies the scripts init.sh should run to ROOT/tests/t_*.sh)
#   initramfs_pack ROOT OUT               pack ROOT into the gzipped cpio OUT

INITRAMFS_GUEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/guest

# _initramfs_add_mod MOD: MOD (a path relative to MODDIR) and, first, what it depends on,
# into _initramfs_closure
_initramfs_add_mod() {
	local m=$1 d
	case "$_initramfs_closure" in *" $m "*) return ;; esac
	_initramfs_closure="$_initramfs_closure$m "
	for d in $(awk -v m="$m:" '$1 == m { for (i = 2; i <= NF; i++) print $i }' "$MODDIR/modules.dep"); do
		_initramfs_add_mod "$d"
	done
}

# _initramfs_kvm_modules ROOT: kvm, kvm-amd, kvm-intel and their dependencies, uncompressed
# so that busybox's modprobe needs no decompressor, and the module lists depmod reads
_initramfs_kvm_modules() {
	local root=$1 m p dst f
	_initramfs_closure=" "
	for m in kvm kvm-amd kvm-intel; do
		p=$(awk -v re="/${m}[.]ko([.](xz|zst|gz))?:" '$1 ~ re { sub(":", "", $1); print $1; exit }' "$MODDIR/modules.dep")
		[ -n "$p" ] && _initramfs_add_mod "$p"
	done
	for m in $_initramfs_closure; do
		dst=$root/lib/modules/$KVER/$m
		mkdir -p "$(dirname "$dst")"
		case "$m" in
		*.ko.xz) xz -dc "$MODDIR/$m" >"${dst%.xz}" ;;
		*.ko.zst) zstd -qdc "$MODDIR/$m" >"${dst%.zst}" ;;
		*.ko.gz) gzip -dc "$MODDIR/$m" >"${dst%.gz}" ;;
		*) cp "$MODDIR/$m" "$dst" ;;
		esac || die "cannot copy module $m"
	done
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		[ -f "$MODDIR/$f" ] && cp "$MODDIR/$f" "$root/lib/modules/$KVER/"
	done
}

initramfs_root() {
	local root=$1 ss_ko=$2 guest_bin=$3 a f
	mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,etc,tests,"lib/modules/$KVER/extra"}
	cp "$BUSYBOX" "$root/bin/busybox"
	for a in $("$BUSYBOX" --list); do
		[ "$a" = busybox ] || ln -sf busybox "$root/bin/$a"
	done
	_initramfs_kvm_modules "$root"
	# the path tests/vm/guest/lib.sh loads it from
	[ -n "$ss_ko" ] && cp "$ss_ko" "$root/lib/modules/$KVER/extra/shadowstat.ko"
	depmod -b "$root" "$KVER" || die "depmod -b $root $KVER failed"
	cp "$guest_bin"/* "$root/bin/"
	# every helper file of tests/vm/guest/ (lib.sh, ...): not the tests, which the caller picks
	for f in "$INITRAMFS_GUEST_DIR"/*; do
		case "${f##*/}" in t_*.sh | init.sh) continue ;; esac
		cp -r "$f" "$root/tests/"
	done
	cp "$INITRAMFS_GUEST_DIR/init.sh" "$root/init"
	chmod +x "$root/init"
}

initramfs_pack() {
	local root=$1 out=$2
	(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$out" ||
		die "cannot pack the initramfs"
}
