# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# shellcheck disable=SC2034 # KC_* results are for the scripts that source this
#
# Fetch one Debian kernel (image, modules, headers) into a private root under $KC_CACHE,
# never into this machine's /boot or /lib/modules and never through dpkg -i: the packages
# are downloaded (checked against the index's SHA256 where the index names them) and
# unpacked with dpkg-deb -x. Sourced after lib-index.sh.
#
#   kc_fetch KVER     fill $KC_CACHE/root/KVER once; sets KC_ROOT, KC_KIMG, KC_MODDIR,
#                     KC_KDIR (the headers), KC_BUILDER (host or trixie: which compiler the
#                     headers were made for) and KC_DEBVER; returns non-zero with the reason
#                     in KC_WHY

# _kc_pool_url PACKAGE DEBVER ARCH: where the linux source's PACKAGE lies in the pool (for
# versions whose headers the index no longer lists)
_kc_pool_url() {
	echo "$(kc_mirror)/pool/main/l/linux/${1}_${2}_${3}.deb"
}

# _kc_download URL SHA256: into $KC_CACHE/debs, once; prints the file
_kc_download() {
	local url=$1 sum=$2 f
	f=$KC_CACHE/debs/$(basename "$url")
	mkdir -p "$KC_CACHE/debs" || return 1
	if [ ! -s "$f" ]; then
		curl -sSfL -o "$f.part" "$url" || { rm -f "$f.part"; return 1; }
		mv "$f.part" "$f"
	fi
	if [ -n "$sum" ] && ! echo "$sum  $f" | sha256sum -c --quiet - >/dev/null 2>&1; then
		rm -f "$f"
		return 1
	fi
	echo "$f"
}

# _kc_want PACKAGE DEBVER ARCH: "url<TAB>sha256" of PACKAGE, from the index or the pool
_kc_want() {
	local u
	u=$(kc_pkg url "$1")
	if [ -n "$u" ]; then
		printf '%s\t%s\n' "$u" "$(kc_pkg sha256 "$1")"
	else
		printf '%s\t\n' "$(_kc_pool_url "$1" "$2" "$3")"
	fi
}

# _kc_meta KVER: set KC_DEBVER (the Debian version of KVER's packages), KC_BUILDER and the
# names of its headers' common and kbuild packages (KC_COMMON, KC_KBUILD)
_kc_meta() {
	local kver=$1 dep
	KC_DEBVER=$(kc_pkg version "linux-headers-$kver")
	dep=$(kc_pkg depends "linux-headers-$kver")
	[ -n "$KC_DEBVER" ] || KC_DEBVER=$(kc_pkg version "linux-image-$kver")
	[ -n "$KC_DEBVER" ] || KC_DEBVER=$(kc_pkg version "linux-binary-$kver")
	[ -n "$KC_DEBVER" ] || return 1
	KC_COMMON=$(echo "$dep" | grep -oE 'linux-headers-[^ ,]*-common' | head -1)
	KC_KBUILD=$(echo "$dep" | grep -oE 'linux-kbuild-[^ ,]*' | head -1)
	[ -n "$KC_COMMON" ] || KC_COMMON=linux-headers-${kver%-amd64}-common
	[ -n "$KC_KBUILD" ] || KC_KBUILD=linux-kbuild-${kver%-amd64}
	# the compiler the headers were made with: Debian 13's gcc-14 needs a trixie root
	case "$dep$kver" in
	*gcc-14* | *+deb13*) KC_BUILDER=trixie ;;
	*) KC_BUILDER=host ;;
	esac
}

# _kc_packages KVER: after _kc_meta, the packages of KVER as "url<TAB>sha256" lines
_kc_packages() {
	local kver=$1
	_kc_want "linux-headers-$kver" "$KC_DEBVER" amd64
	_kc_want "$KC_COMMON" "$KC_DEBVER" all
	_kc_want "$KC_KBUILD" "$KC_DEBVER" amd64
	# from 6.19 the image is split into a signed binary, the modules and
	# linux-base (System.map, config, modules.builtin and .order)
	if [ -n "$(kc_pkg url "linux-binary-$kver")" ]; then
		_kc_want "linux-binary-$kver" "$KC_DEBVER" amd64
		_kc_want "linux-modules-$kver" "$KC_DEBVER" amd64
		_kc_want "linux-base-$kver" "$KC_DEBVER" amd64
		return
	elif [ -n "$(kc_pkg url "linux-image-$kver-unsigned")" ]; then
		_kc_want "linux-image-$kver-unsigned" "$KC_DEBVER" amd64
	else
		_kc_want "linux-image-$kver" "$KC_DEBVER" amd64
	fi
	# 6.18 has its image whole, and linux-base-KVER besides
	if [ -n "$(kc_pkg url "linux-base-$kver")" ]; then
		_kc_want "linux-base-$kver" "$KC_DEBVER" amd64
	fi
}

# _kc_locate KVER: set KC_KIMG, KC_MODDIR and KC_KDIR inside KC_ROOT
_kc_locate() {
	local kver=$1 d
	KC_KIMG=
	KC_MODDIR=
	for d in "$KC_ROOT/boot/vmlinuz-$kver" "$KC_ROOT/usr/lib/modules/$kver/vmlinuz" \
		"$KC_ROOT/lib/modules/$kver/vmlinuz"; do
		[ -f "$d" ] && KC_KIMG=$d && break
	done
	for d in "$KC_ROOT/lib/modules/$kver" "$KC_ROOT/usr/lib/modules/$kver"; do
		[ -d "$d/kernel" ] && KC_MODDIR=$d && break
	done
	KC_KDIR=$KC_ROOT/usr/src/linux-headers-$kver
	[ -n "$KC_KIMG" ] && [ -n "$KC_MODDIR" ] && [ -f "$KC_KDIR/Makefile" ]
}

kc_fetch() {
	local kver=$1 lines url sum f stamp
	KC_WHY=
	KC_ROOT=$KC_CACHE/root/$kver
	stamp=$KC_ROOT/.shadowstat-unpacked
	if ! _kc_meta "$kver"; then
		KC_WHY="no package of $kver in the indices"
		return 1
	fi
	lines=$(_kc_packages "$kver")
	# unpacked again when the set of packages changed
	if [ "$(cat "$stamp" 2>/dev/null)" != "$lines" ]; then
		rm -rf "$KC_ROOT"
		mkdir -p "$KC_ROOT" || { KC_WHY="cannot create $KC_ROOT"; return 1; }
		while IFS=$'\t' read -r url sum; do
			if ! f=$(_kc_download "$url" "$sum"); then
				KC_WHY="cannot download $url (or its SHA256 differs from the index)"
				return 1
			fi
			dpkg-deb -x "$f" "$KC_ROOT" || { KC_WHY="cannot unpack $f"; return 1; }
		done <<<"$lines"
		_kc_locate "$kver" || { KC_WHY="the packages of $kver hold no image, modules or headers"; return 1; }
		# what the packages' postinst would do, on the private root only
		depmod -b "${KC_MODDIR%/lib/modules/"$kver"}" "$kver" ||
			{ KC_WHY="depmod for $kver failed"; return 1; }
		printf '%s\n' "$lines" >"$stamp"
	fi
	_kc_locate "$kver" || { KC_WHY="$KC_ROOT is incomplete (remove it to fetch again)"; return 1; }
}
