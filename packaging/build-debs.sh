#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the Debian packages shadowstat-dkms and shadowstat from this tree into
# build/debs/ (dpkg-buildpackage -us -uc -b). The build runs out of tree: the
# files git knows (tracked, or new and not ignored) are copied to
# build/debs/tmp/shadowstat-<version>/, with packaging/debian/ as debian/.
#
#   packaging/build-debs.sh
#
# Needs dpkg-dev, debhelper, dh-dkms and a C compiler (scripts/install-deps.sh).
# DEB_BUILD_OPTIONS is passed on (noddebs is added: no -dbgsym package).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/debs
die() {
	echo "build-debs.sh: $*" >&2
	exit 1
}

ver=$(sed -n 's/^#define SS_VERSION "\(.*\)"$/\1/p' "$top/module/ss_version.h")
[ -n "$ver" ] || die "no SS_VERSION in module/ss_version.h"
debver=$(sed -n '1s/^shadowstat (\([^)]*\)).*/\1/p' "$top/packaging/debian/changelog")
[ "${debver%-*}" = "$ver" ] ||
	die "packaging/debian/changelog has version '$debver', module/ss_version.h has $ver"
dkmsver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
[ "$dkmsver" = "$ver" ] || die "dkms.conf has PACKAGE_VERSION '$dkmsver', module/ss_version.h has $ver"
for t in dpkg-buildpackage dh dh_dkms tar; do
	command -v "$t" >/dev/null 2>&1 ||
		die "$t missing (apt-get install dpkg-dev debhelper dh-dkms)"
done

tmp=$out/tmp
src=$tmp/shadowstat-$ver
rm -rf "$tmp"
rm -f "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes "$out"/build.log
mkdir -p "$src"

# copy the tree, never build/ (it holds this very build) or a stray debian/
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# files deleted but not yet committed are listed too: skip what does not exist
	(cd "$top" && git ls-files -z --cached --others --exclude-standard -- . ':!:build' ':!:debian') |
		(cd "$top" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
		tar -C "$src" -xf -
else
	(cd "$top" && tar --exclude=./build --exclude=./debian --exclude=./.git -cf - .) |
		tar -C "$src" -xf -
fi
if [ ! -f "$src/Makefile" ] || [ ! -f "$src/dkms.conf" ]; then
	die "copying the tree to $src failed"
fi
cp -a "$top/packaging/debian" "$src/debian"

echo "build-debs.sh: dpkg-buildpackage in $src (log: $out/build.log)"
opts=noddebs
[ -z "${DEB_BUILD_OPTIONS:-}" ] || opts="$DEB_BUILD_OPTIONS noddebs"
if ! (cd "$src" && DEB_BUILD_OPTIONS=$opts dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	die "dpkg-buildpackage failed (see $out/build.log)"
fi
mv "$tmp"/*.deb "$tmp"/*.buildinfo "$tmp"/*.changes "$out/"
rm -rf "$tmp"
ls -1 "$out"/*.deb
