# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The real kvm_stat in the guest (t_84_kvm_stat): Debian's python3 with the part of its
# standard library kvm_stat imports and the libraries they link, and kvm_stat itself from
# linux-source-6.1 (tools/kvm/kvm_stat/kvm_stat), taken out of the tarball once into a
# cache outside the tree. Sourced (bash) by tests/vm/run.sh after lib-initramfs.sh.
#
#   initramfs_add_kvm_stat ROOT   add /usr/bin/python3 and /usr/bin/kvm_stat to ROOT

KVM_STAT_SRC=${KVM_STAT_SRC:-/usr/src/linux-source-6.1.tar.xz}
KVM_STAT_CACHE=${SS_KVM_STAT_CACHE:-/var/cache/shadowstat/kvm_stat}
# what kvm_stat does not import: left out to keep the initramfs small
_KVM_STAT_PY_SKIP="test idlelib tkinter turtledemo ensurepip lib2to3 pydoc_data distutils
	config-* site-packages dist-packages asyncio email xml multiprocessing sqlite3 venv
	wsgiref xmlrpc http urllib html unittest"

# _kvm_stat_script: the cached kvm_stat, extracted first if need be; prints its path
_kvm_stat_script() {
	local out=$KVM_STAT_CACHE/kvm_stat member=linux-source-6.1/tools/kvm/kvm_stat/kvm_stat
	if [ ! -s "$out" ]; then
		[ -f "$KVM_STAT_SRC" ] || die "no $KVM_STAT_SRC (apt-get install linux-source-6.1)"
		mkdir -p "$KVM_STAT_CACHE"
		tar -xJOf "$KVM_STAT_SRC" "$member" >"$out.tmp" && [ -s "$out.tmp" ] ||
			die "cannot take $member out of $KVM_STAT_SRC"
		mv "$out.tmp" "$out"
	fi
	echo "$out"
}

# _kvm_stat_libs FILE...: the shared libraries FILEs load, and the loader
_kvm_stat_libs() {
	ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' |
		sort -u
}

initramfs_add_kvm_stat() {
	local root=$1 py ver lib excl=() d
	py=$(readlink -f /usr/bin/python3 2>/dev/null)
	[ -x "$py" ] || die "no /usr/bin/python3 for kvm_stat (apt-get install python3)"
	ver=${py##*/}
	[ -d "/usr/lib/$ver" ] || die "no /usr/lib/$ver (apt-get install python3)"
	for d in $_KVM_STAT_PY_SKIP; do
		excl+=(--exclude="$ver/$d")
	done
	mkdir -p "$root/usr/bin" "$root/usr/lib"
	cp "$py" "$root/usr/bin/$ver"
	ln -sf "$ver" "$root/usr/bin/python3"
	tar -C /usr/lib "${excl[@]}" -cf - "$ver" | tar -C "$root/usr/lib" -xf - ||
		die "cannot copy /usr/lib/$ver"
	for lib in $(_kvm_stat_libs "$py" "/usr/lib/$ver"/lib-dynload/{_curses,_ctypes,resource}.*so); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib" || die "cannot copy $lib"
	done
	cp "$(_kvm_stat_script)" "$root/usr/bin/kvm_stat"
	chmod +x "$root/usr/bin/kvm_stat"
}
