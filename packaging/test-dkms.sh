#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# DKMS round trip on this machine, as root, files only: nothing is ever loaded
# into the running kernel (DKMS only builds, copies and runs depmod).
#
#   packaging/test-dkms.sh
#
#   1. the version agrees everywhere (module/ss_version.h is the source)
#   2. make dkms-source puts the tree in /usr/src/shadowstat-<ver>; dkms add
#   3. dkms build -k KVER (default: scripts/kver.sh, which may differ from the
#      running kernel; -a aarch64 must be refused by BUILD_EXCLUSIVE_ARCH),
#      dkms install -k KVER: the .ko in /lib/modules/KVER/updates/dkms/ with
#      our version and vermagic KVER; the .ko is copied to
#      build/dkms/shadowstat.ko for the QEMU tests (SS_KO=)
#   4. dkms status; dkms remove --all leaves nothing in /var/lib/dkms,
#      /usr/src or /lib/modules
#
# Leftovers of an earlier run (or of packaging/test-debs.sh) are removed first.
# Prints "ok - ..." / "not ok - ..." lines and "N passed, N failed".
set -u
# DKMS runs make: flags of a make that runs this script (-s, -j, jobserver) stay out
unset MAKEFLAGS MFLAGS MAKELEVEL
top=$(cd "$(dirname "$0")/.." && pwd)
log=$top/build/pkg-logs/dkms
name=test-dkms.sh
. "$top/packaging/test-lib.sh"
# same WHAT GOT WANT
same() {
	if [ "$2" = "$3" ]; then ok "$1: $2"; else nok "$1: got '$2', want '$3'"; fi
}

mkdir -p "$log" && rm -f "$log"/*.log
rm -f "$top/build/dkms/shadowstat.ko"

# ---- 1. one version ----
ver=$(sed -n 's/^#define SS_VERSION "\(.*\)"$/\1/p' "$top/module/ss_version.h")
[ -n "$ver" ] || { nok "SS_VERSION in module/ss_version.h"; finish; }
same "dkms.conf PACKAGE_VERSION is SS_VERSION" \
	"$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")" "$ver"
debver=$(sed -n '1s/^shadowstat (\([^)]*\)).*/\1/p' "$top/packaging/debian/changelog")
same "packaging/debian/changelog upstream version is SS_VERSION" "${debver%-*}" "$ver"
same "userspace/cli.h SS_CLI_VERSION is SS_VERSION" \
	"$(sed -n 's/^#define SS_CLI_VERSION "\(.*\)"$/\1/p' "$top/userspace/cli.h")" "$ver"
same "userspace/shadowstat.8 version is SS_VERSION" \
	"$(sed -n 's/^\.TH SHADOWSTAT 8 "[^"]*" "shadowstat \([^"]*\)".*/\1/p' "$top/userspace/shadowstat.8")" "$ver"

# ---- preconditions ----
[ "$(id -u)" = 0 ] || { nok "run as root (dkms writes /usr/src, /var/lib/dkms, /lib/modules)"; finish; }
for t in dkms modinfo depmod make; do
	command -v "$t" >/dev/null 2>&1 || { nok "$t installed (apt-get install dkms kmod make)"; finish; }
done
kver=${KVER:-$(sh "$top/scripts/kver.sh")}
if [ -z "$kver" ] || [ ! -d "/lib/modules/$kver/build" ]; then
	nok "kernel headers for '$kver' (apt-get install linux-headers-amd64)"
	finish
fi
arch=$(uname -m)
echo "# shadowstat $ver, kernel $kver (running: $(uname -r)), arch $arch"
# DKMS can be told to modprobe what it installs: never on this machine
if grep -Eqs "^[[:space:]]*modprobe_on_install=[\"']?[^\"'[:space:]]" \
	/etc/dkms/framework.conf /etc/dkms/framework.conf.d/*; then
	nok "DKMS has modprobe_on_install set in /etc/dkms/framework.conf*: refusing to run"
	finish
fi
ok "DKMS does not load what it installs (no modprobe_on_install)"

# ---- leftovers ----
run leftovers "no shadowstat left from an earlier run" leftovers

# DKMS creates a signing key pair on first use; one it makes during this run
# is removed at the end, one that was here before stays
mok_before=
[ -e /var/lib/dkms/mok.key ] && mok_before=1

# ---- 2. add ----
src=/usr/src/shadowstat-$ver
run dkms-source "make dkms-source: tree in $src" make -C "$top" -s dkms-source DESTDIR=
extra=$(cd "$src" 2>/dev/null && find . -type f ! -name '*.[ch]' ! -name Kbuild ! -name Makefile \
	! -name dkms.conf ! -name configure.sh ! -name kver.sh)
junk=$(cd "$src" 2>/dev/null && find . -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name ss_config.h)
if [ -z "$extra$junk" ] && [ -f "$src/include/uapi/shadowstat.h" ] && [ -f "$src/scripts/kver.sh" ]; then
	ok "DKMS tree holds sources only ($(find "$src" -type f | wc -l) files)"
else
	nok "DKMS tree holds sources only: unexpected: $extra $junk"
fi
run add "dkms add shadowstat/$ver" dkms add "shadowstat/$ver"
if grep -Eqi 'deprecated|warning|error' "$log/add.log"; then
	nok "dkms.conf accepted without warnings: $(grep -Ei 'deprecated|warning|error' "$log/add.log" | head -1)"
else
	ok "dkms.conf accepted without warnings"
fi
case $(dkms status "shadowstat/$ver" 2>&1) in
*": added"*) ok "dkms status: added" ;;
*) nok "dkms status: added: got '$(dkms status "shadowstat/$ver" 2>&1)'" ;;
esac

# ---- 3. build, install ----
dkms build "shadowstat/$ver" -k "$kver" -a aarch64 >"$log/build-aarch64.log" 2>&1
rc=$?
if [ "$rc" = 77 ] && [ ! -e "/var/lib/dkms/shadowstat/$ver/$kver/aarch64/module" ]; then
	ok "BUILD_EXCLUSIVE_ARCH: dkms build -a aarch64 is skipped (exit 77)"
else
	nok "BUILD_EXCLUSIVE_ARCH: dkms build -a aarch64 is skipped: exit $rc (see $log/build-aarch64.log)"
fi
t=$(date +%s)
if run build "dkms build shadowstat/$ver -k $kver" dkms build "shadowstat/$ver" -k "$kver"; then
	echo "# dkms build: $(($(date +%s) - t))s"
	dlog=/var/lib/dkms/shadowstat/$ver/$kver/$arch/log/make.log
	cp "$dlog" "$log/dkms-make.log" 2>/dev/null
	# configure.sh fails the build when no feature test compiles at all
	if grep -q "^sh module/configure.sh [^ ]*${kver}[^ ]* module/ss_config.h" "$dlog" 2>/dev/null; then
		ok "the feature tests (module/configure.sh) ran in the DKMS build against $kver"
	else
		nok "the feature tests (module/configure.sh) ran in the DKMS build (see $log/dkms-make.log)"
	fi
	if grep -Eqi 'deprecated|warning:' "$log/build.log" "$log/dkms-make.log"; then
		nok "DKMS build without warnings: $(grep -Ehi 'deprecated|warning:' "$log/build.log" "$log/dkms-make.log" | head -1)"
	else
		ok "DKMS build without warnings"
	fi
fi
run install "dkms install shadowstat/$ver -k $kver (files only)" dkms install "shadowstat/$ver" -k "$kver"
ko=$(ls -1 "/lib/modules/$kver/updates/dkms/"shadowstat.ko* 2>/dev/null | head -1)
if [ -n "$ko" ]; then
	ok "module installed as $ko"
	same "modinfo version" "$(modinfo -F version "$ko")" "$ver"
	same "modinfo vermagic kernel" "$(modinfo -F vermagic "$ko" | awk '{ print $1 }')" "$kver"
	if grep -q "^updates/dkms/shadowstat.ko[^:]*:" "/lib/modules/$kver/modules.dep"; then
		ok "depmod ran: modules.dep lists updates/dkms/shadowstat.ko"
	else
		nok "depmod ran: modules.dep lists updates/dkms/shadowstat.ko"
	fi
	if grep -q '^Signing module' "$log/build.log" "$log/install.log" 2>/dev/null; then
		signer=$(modinfo -F signer "$ko")
		if [ -n "$signer" ]; then
			ok "DKMS signed the module (signer: $signer)"
		else
			nok "DKMS signed the module: modinfo shows no signer"
		fi
	else
		echo "# DKMS did not sign the module (no sign-file for $kver)"
	fi
	mkdir -p "$top/build/dkms"
	case "$ko" in
	*.xz) xz -dc "$ko" ;;
	*.zst) zstd -qdc "$ko" ;;
	*.gz) gzip -dc "$ko" ;;
	*) cat "$ko" ;;
	esac >"$top/build/dkms/shadowstat.ko"
	if [ -s "$top/build/dkms/shadowstat.ko" ]; then
		ok "copied to build/dkms/shadowstat.ko"
	else
		nok "copied to build/dkms/shadowstat.ko"
	fi
else
	nok "module installed in /lib/modules/$kver/updates/dkms/"
fi
if [ ! -r /proc/modules ]; then
	ok "shadowstat is not loaded in the running kernel (no /proc/modules here)"
elif grep -q '^shadowstat ' /proc/modules; then
	nok "shadowstat is not loaded in the running kernel"
else
	ok "shadowstat is not loaded in the running kernel"
fi
st=$(dkms status "shadowstat/$ver" -k "$kver" 2>&1)
case $st in
"shadowstat/$ver, $kver, $arch: installed"*) ok "dkms status: $st" ;;
*) nok "dkms status: installed for $kver: got '$st'" ;;
esac

# ---- 4. remove ----
run remove "dkms remove shadowstat/$ver --all" dkms remove "shadowstat/$ver" --all
rm -rf "$src"
[ -n "$mok_before" ] || rm -f /var/lib/dkms/mok.key /var/lib/dkms/mok.pub
check_gone "$kver" remove /var/lib/dkms /usr/src /lib/modules
finish
