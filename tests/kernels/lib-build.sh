# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# shellcheck disable=SC2034 # KC_* results are for the scripts that source this
#
# Build shadowstat.ko for a kernel fetched by lib-fetch.sh, from the files DKMS would get
# (make dkms-source), with W=1: on this machine for headers made with its own compiler, in a
# Debian 13 root with gcc-14 for Debian 13's kernels. The trixie root is made once with
# mmdebstrap and cached beside the kernels; the build runs in a private mount namespace that
# shows the kernel's headers and the sources inside it, so nothing is mounted outside.
# Sourced after lib-fetch.sh and scripts/lib-kernel-ns.sh (kns_overlay_dir).
#
#   kc_build KVER DIR   build into DIR; sets KC_KO (the module) and KC_BUILD_LOG; returns
#                       non-zero on a failed build or any compiler warning (KC_WHY says)

KC_TRIXIE=${SS_TRIXIE_ROOT:-$(dirname "$KC_CACHE")/trixie-gcc14}
# what building a module needs there: the compiler, make, and linux-kbuild's libraries
KC_TRIXIE_PKGS=gcc-14,make,libc6-dev,kmod,xz-utils,zstd,libelf1t64,libssl3t64,zlib1g,pahole,perl,python3

# _kc_trixie_root: make the Debian 13 build root once; kernels built at once (JOBS) wait
# for the one that makes it, rather than make it over each other's half-made root
_kc_trixie_root() {
	local lock r
	mkdir -p "$(dirname "$KC_TRIXIE")"
	exec {lock}>"$KC_TRIXIE.lock"
	flock "$lock"
	_kc_trixie_root_make
	r=$?
	exec {lock}>&-
	return $r
}

_kc_trixie_root_make() {
	local tmp
	[ -x "$KC_TRIXIE/usr/bin/gcc-14" ] && [ -f "$KC_TRIXIE/.shadowstat-ready" ] && return 0
	command -v mmdebstrap >/dev/null || { KC_WHY="no mmdebstrap (apt-get install mmdebstrap)"; return 1; }
	tmp=$KC_TRIXIE.tmp
	rm -rf "$tmp"
	msg "making a Debian 13 build root with gcc-14 in $KC_TRIXIE (once)"
	if ! mmdebstrap --variant=apt --include="$KC_TRIXIE_PKGS" trixie "$tmp" \
		"deb $(kc_mirror) trixie main" >"$KC_CACHE/trixie-root.log" 2>&1; then
		KC_WHY="mmdebstrap trixie failed (see $KC_CACHE/trixie-root.log)"
		rm -rf "$tmp"
		return 1
	fi
	mkdir -p "$tmp/k" "$tmp/s"
	touch "$tmp/.shadowstat-ready"
	rm -rf "$KC_TRIXIE"
	mv "$tmp" "$KC_TRIXIE"
}

# Debian's headers include their common part by its absolute path under /usr/src, and reach
# linux-kbuild through relative links; in a private mount namespace /usr/src shows the
# fetched kernel's, so the paths resolve as if its packages were installed.

# _kc_make_trixie SRC ARGS...: make -C SRC ARGS in the trixie root
_kc_make_trixie() {
	local src=$1
	shift
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m --propagation private bash -c '
		set -e
		root=$0 kroot=$1 src=$2
		shift 3
		mount --bind "$kroot/usr/src" "$root/usr/src"
		for d in "$kroot"/usr/lib/linux-kbuild-*; do
			mkdir -p "$root/usr/lib/${d##*/}"
			mount --bind "$d" "$root/usr/lib/${d##*/}"
		done
		mount --bind "$src" "$root/s"
		# objtool (7.1+) reads /proc
		mount -t proc proc "$root/proc"
		exec chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/ make -C /s "$@"' \
		"$KC_TRIXIE" "$KC_ROOT" "$src" "$@"
}

# _kc_make_host SRC ARGS...: make -C SRC ARGS on this machine, the kernel's /usr/src shown
_kc_make_host() {
	local src=$1 t rc
	shift
	t=$(mktemp -d) || return 1
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m --propagation private bash -c '
		set -e
		kns_overlay_dir /usr/src "$0/usr/src" "$1/src"
		shift
		exec make "$@"' "$KC_ROOT" "$t" -C "$src" "$@"
	rc=$?
	rmdir "$t"/* "$t" 2>/dev/null
	return $rc
}

kc_build() {
	local kver=$1 dir=$2 src rc
	KC_KO=
	KC_BUILD_LOG=$dir/module-build.log
	mkdir -p "$dir" || return 1
	src=$dir/src
	rm -rf "$src"
	if ! make -s -C "$KC_REPO" dkms-source DESTDIR="$src" >"$KC_BUILD_LOG" 2>&1; then
		KC_WHY="make dkms-source failed"
		return 1
	fi
	src=$(echo "$src"/usr/src/shadowstat-*)
	if [ "$KC_BUILDER" = trixie ]; then
		_kc_trixie_root || return 1
		_kc_make_trixie "$src" modules KDIR="/usr/src/${KC_KDIR##*/}" W=1 >>"$KC_BUILD_LOG" 2>&1
	else
		_kc_make_host "$src" modules KDIR="/usr/src/${KC_KDIR##*/}" W=1 >>"$KC_BUILD_LOG" 2>&1
	fi
	rc=$?
	if [ $rc != 0 ] || [ ! -f "$src/module/shadowstat.ko" ]; then
		KC_WHY="module build failed (exit $rc, see $KC_BUILD_LOG)"
		return 1
	fi
	if grep -E 'warning:|error:' "$KC_BUILD_LOG" >"$dir/build-warnings.txt"; then
		KC_WHY="the W=1 build has warnings (see $dir/build-warnings.txt)"
		return 1
	fi
	KC_KO=$src/module/shadowstat.ko
}
