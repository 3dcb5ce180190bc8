#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Pull the raw BTF of an installed kernel out for tests/unit/test_btf.c:
#   OUTDIR/vmlinux.btf   .BTF of vmlinux, from /boot/vmlinuz-KVER
#   OUTDIR/kvm.btf       .BTF of kvm.ko (split BTF over vmlinux.btf),
#                        absent when kvm is built in
#   OUTDIR/expected.txt  "member offset" lines for struct kvm_mmu_page as the
#                        kernel's compiler sees them (optional, see probe())
#   OUTDIR/kver, OUTDIR/notes.txt
# or OUTDIR/skip with the reason when no usable kernel is installed.
#
# KVER: $KVER if set (then it must be usable), else the running kernel if
# its files are installed, else the newest /lib/modules/* that has both
# kvm.ko and /boot/vmlinuz-KVER.  Results are cached per KVER.  KIMG and
# MODDIR name the image and modules of a KVER that is not installed (the
# kernel matrix, tests/kernels/run.sh).
#
# Usage: extract-btf.sh OUTDIR
set -eu

out=${1:?usage: extract-btf.sh OUTDIR}
me=extract-btf

die() {
	echo "$me: $*" >&2
	exit 1
}

need() {	# need TOOL DEBIAN-PACKAGE
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found: apt-get install $2"
}

need objcopy binutils
need readelf binutils
need od coreutils
need dd coreutils

moddir() {	# moddir KVER: where its modules are
	echo "${MODDIR:-/lib/modules/$1}"
}

vmlinuz_of() {	# vmlinuz_of KVER
	echo "${KIMG:-/boot/vmlinuz-$1}"
}

kvm_ko() {	# kvm_ko KVER: path of kvm.ko in any compression, or nothing
	local f
	for f in "$(moddir "$1")"/kernel/arch/x86/kvm/kvm.ko{,.xz,.zst,.gz}; do
		if [ -f "$f" ]; then
			echo "$f"
			return
		fi
	done
}

kvm_builtin() {
	grep -qs '^kernel/arch/x86/kvm/kvm.ko$' "$(moddir "$1")"/modules.builtin
}

usable() {
	[ -f "$(vmlinuz_of "$1")" ] && { [ -n "$(kvm_ko "$1")" ] || kvm_builtin "$1"; }
}

mkdir -p "$out"

if [ -n "${KVER:-}" ]; then
	usable "$KVER" ||
		die "KVER=$KVER: need $(vmlinuz_of "$KVER") and its kvm.ko under $(moddir "$KVER")"
	kver=$KVER
elif usable "$(uname -r)"; then
	kver=$(uname -r)
else
	kver=
	for d in $(find /lib/modules -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -rV); do
		if usable "$d"; then
			kver=$d
			break
		fi
	done
fi

if [ -z "$kver" ]; then
	rm -f "$out"/*.btf "$out"/kver "$out"/expected.txt
	echo "no installed kernel has both /boot/vmlinuz-KVER and kvm.ko (apt-get install linux-image-amd64)" >"$out/skip"
	echo "$me: $(cat "$out/skip")" >&2
	exit 0
fi
rm -f "$out/skip"

vmlinuz=$(vmlinuz_of "$kver")
ko=$(kvm_ko "$kver")

# Cached: same kernel, and nothing newer than what was extracted.
if [ "$(cat "$out/kver" 2>/dev/null)" = "$kver" ] && [ -s "$out/vmlinux.btf" ] &&
   [ "$out/vmlinux.btf" -nt "$vmlinuz" ] &&
   { [ -z "$ko" ] || { [ -s "$out/kvm.btf" ] && [ "$out/kvm.btf" -nt "$ko" ]; }; }; then
	exit 0
fi
[ -r "$vmlinuz" ] || die "$vmlinuz is not readable (run as root, or chmod it)"

# Everything is made in $new and renamed into $out at the end, so that a
# test reading $out never sees half of a run.
tmp=$(mktemp -d)
new=$(mktemp -d "$out/.new.XXXXXX")
trap 'rm -rf "$tmp" "$new"' EXIT

is_elf() {
	readelf -h "$1" >/dev/null 2>&1
}

u32_at() {	# u32_at FILE OFFSET: little-endian u32
	od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '
}

codec() {	# codec FILE: "tool package options" for its compression
	case $(head -c 6 "$1" | od -An -tx1 | tr -d ' \n') in
	fd377a585a00*)	echo "xz xz-utils -dc --single-stream" ;;
	28b52ffd*)	echo "zstd zstd -dcq" ;;
	1f8b*)		echo "gzip gzip -dc" ;;
	425a68*)	echo "bzip2 bzip2 -dc" ;;
	5d0000*)	echo "xz xz-utils -dc --format=lzma" ;;
	02214c18*)	echo "lz4 lz4 -dc" ;;
	894c5a*)	echo "lzop lzop -dc" ;;
	esac
}

# decompress IN OUT: the exit status is not trusted (a bzImage payload has
# a trailer), the caller checks OUT; the tool's complaints are in $tmp/err.
decompress() {
	local tool pkg opts

	read -r tool pkg opts <<<"$(codec "$1")"
	[ -n "$tool" ] || die "$1: unknown compression format"
	need "$tool" "$pkg"
	# shellcheck disable=SC2086 # $opts are several options
	"$tool" $opts <"$1" >"$2" 2>"$tmp/err" || true
}

# The bzImage setup header says where the compressed vmlinux is
# (payload_offset/payload_length, boot protocol 2.08+), so no guessing;
# every x86 compressor but gzip appends a 4-byte size after the stream,
# which the decompressors may complain about after writing everything.
vmlinux=$tmp/vmlinux
if [ "$(head -c 4 "$vmlinuz" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; then
	cp "$vmlinuz" "$vmlinux"
elif [ "$(dd if="$vmlinuz" bs=1 skip=514 count=4 status=none)" = HdrS ]; then
	setup_sects=$(od -An -tu1 -j 497 -N1 "$vmlinuz" | tr -d ' ')
	if [ "$setup_sects" -eq 0 ]; then
		setup_sects=4
	fi
	poff=$(( (setup_sects + 1) * 512 + $(u32_at "$vmlinuz" 584) ))
	plen=$(u32_at "$vmlinuz" 588)
	dd if="$vmlinuz" of="$tmp/payload" iflag=skip_bytes,count_bytes \
		skip="$poff" count="$plen" status=none
	decompress "$tmp/payload" "$vmlinux"
	is_elf "$vmlinux" ||
		die "could not decompress $vmlinuz: $(head -c 200 "$tmp/err")"
else
	die "$vmlinuz is neither a bzImage nor an ELF vmlinux"
fi

objcopy --dump-section .BTF="$new/vmlinux.btf" "$vmlinux" "$tmp/junk" 2>"$tmp/err" ||
	die "no .BTF in $vmlinuz (kernel built without CONFIG_DEBUG_INFO_BTF?): $(cat "$tmp/err")"

if [ -n "$ko" ]; then
	case $ko in
	*.ko)	cp "$ko" "$tmp/kvm.ko" ;;
	*)	decompress "$ko" "$tmp/kvm.ko"
		is_elf "$tmp/kvm.ko" ||
			die "could not decompress $ko: $(head -c 200 "$tmp/err")" ;;
	esac
	objcopy --dump-section .BTF="$new/kvm.btf" "$tmp/kvm.ko" "$tmp/junk" 2>"$tmp/err" ||
		die "no .BTF in $ko (kernel built without CONFIG_DEBUG_INFO_BTF_MODULES?): $(cat "$tmp/err")"
fi

# Optional oracle: compile (never load) an offsetof() probe of
# struct kvm_mmu_page against this kernel's headers and the matching
# mmu_internal.h, i.e. the kernel's own view of the layout.  The header
# comes from $SS_KSRC (a kernel source tree) or the Debian linux-source
# package of the same version; without either, the test keeps to its
# built-in table and structural checks.
probe() {
	local kdir=/lib/modules/$kver/build hdr='' from='' ver src pkg sv iv m
	local members="link hash_link tdp_mmu_page unsync mmu_valid_gen role gfn spt root_count unsync_children parent_ptes ptep"

	[ -f "$kdir/Makefile" ] || { echo "probe: no $kdir"; return 0; }
	if [ -n "${SS_KSRC:-}" ] && [ -f "$SS_KSRC/arch/x86/kvm/mmu/mmu_internal.h" ]; then
		hdr=$SS_KSRC/arch/x86/kvm/mmu/mmu_internal.h
		from=$hdr
	else
		ver=$(echo "$kver" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
		src=/usr/src/linux-source-$ver.tar.xz
		pkg=linux-source-$ver
		[ -f "$src" ] || { echo "probe: no $src (apt-get install $pkg, or set SS_KSRC)"; return 0; }
		# only a source of the very same Debian version has the same layout
		sv=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
		iv=$(dpkg-query -W -f='${Version}' "linux-image-$kver" 2>/dev/null || true)
		if [ -z "$sv" ] || [ "$sv" != "$iv" ]; then
			echo "probe: $pkg ($sv) is not the version of linux-image-$kver ($iv)"
			return 0
		fi
		need xz xz-utils
		tar -C "$tmp" -xJf "$src" --wildcards '*/arch/x86/kvm/mmu/mmu_internal.h' ||
			{ echo "probe: mmu_internal.h not in $src"; return 0; }
		hdr=$(find "$tmp" -name mmu_internal.h | head -n1)
		from="$src ($sv)"
	fi
	mkdir -p "$tmp/probe"
	cp "$hdr" "$tmp/probe/mmu_internal.h"
	{
		echo '#include <linux/kbuild.h>'
		echo '#include "mmu_internal.h"'
		echo 'void ss_probe(void);'
		echo 'void ss_probe(void)'
		echo '{'
		for m in $members; do
			echo "	OFFSET($m, kvm_mmu_page, $m);"
		done
		echo '	DEFINE(size, sizeof(struct kvm_mmu_page));'
		echo '}'
	} >"$tmp/probe/ssprobe.c"
	echo 'obj-m := ssprobe.o' >"$tmp/probe/Kbuild"
	# a clean environment: the outer make's flags (CC=...) are not the kernel's
	if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$kdir" M="$tmp/probe" ssprobe.s >"$tmp/probe.log" 2>&1; then
		echo "probe: compiling the offsetof() probe failed: $(tail -n 3 "$tmp/probe.log" | tr '\n' ' ')"
		return 0
	fi
	sed -n 's/.*"->\([a-z_]*\) \$\([0-9]*\) .*/\1 \2/p' "$tmp/probe/ssprobe.s" >"$new/expected.txt"
	echo "probe: kernel's offsetof() view, mmu_internal.h from $from"
}
probe >"$new/notes.txt"
[ -s "$new/expected.txt" ] || rm -f "$new/expected.txt"
echo "$kver" >"$new/kver"

for f in vmlinux.btf kvm.btf expected.txt notes.txt kver; do
	if [ -e "$new/$f" ]; then
		mv -f "$new/$f" "$out/$f"
	else
		rm -f "$out/$f"
	fi
done
