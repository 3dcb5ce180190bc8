#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Debian packages on this machine, as root: build them
# (packaging/build-debs.sh), install both with apt-get, check that DKMS built
# and installed the module for KVER (default: scripts/kver.sh) and that the CLI,
# man page and completion are in place, then purge both and check that nothing
# is left. Nothing is loaded into the running kernel.
#
#   packaging/test-debs.sh
#
# Leftovers of an earlier run (or of packaging/test-dkms.sh) are removed first.
# Prints "ok - ..." / "not ok - ..." lines and "N passed, N failed".
set -u
# DKMS runs make: flags of a make that runs this script (-s, -j, jobserver) stay out
unset MAKEFLAGS MFLAGS MAKELEVEL
top=$(cd "$(dirname "$0")/.." && pwd)
log=$top/build/pkg-logs/debs
debs=$top/build/debs
name=test-debs.sh
. "$top/packaging/test-lib.sh"
# check WHAT CMD...: ok if CMD succeeds (no output kept)
check() {
	w=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$w"; else nok "$w"; fi
}

mkdir -p "$log" && rm -f "$log"/*.log
export DEBIAN_FRONTEND=noninteractive

ver=$(sed -n 's/^#define SS_VERSION "\(.*\)"$/\1/p' "$top/module/ss_version.h")
[ -n "$ver" ] || { nok "SS_VERSION in module/ss_version.h"; finish; }
[ "$(id -u)" = 0 ] || { nok "run as root (apt-get install/purge)"; finish; }
for t in apt-get dpkg-query dpkg-deb dkms modinfo; do
	command -v "$t" >/dev/null 2>&1 || { nok "$t installed (apt-get install dkms dpkg-dev kmod)"; finish; }
done
kver=${KVER:-$(sh "$top/scripts/kver.sh")}
if [ -z "$kver" ] || [ ! -d "/lib/modules/$kver/build" ]; then
	nok "kernel headers for '$kver' (apt-get install linux-headers-amd64)"
	finish
fi
echo "# shadowstat $ver, kernel $kver (running: $(uname -r))"
if grep -Eqs "^[[:space:]]*modprobe_on_install=[\"']?[^\"'[:space:]]" \
	/etc/dkms/framework.conf /etc/dkms/framework.conf.d/*; then
	nok "DKMS has modprobe_on_install set in /etc/dkms/framework.conf*: refusing to run"
	finish
fi

# ---- leftovers ----
run leftovers "no shadowstat package or DKMS tree left from an earlier run" leftovers
mok_before=
[ -e /var/lib/dkms/mok.key ] && mok_before=1

# ---- build ----
t=$(date +%s)
run build "packaging/build-debs.sh" sh "$top/packaging/build-debs.sh" || finish
echo "# build-debs.sh: $(($(date +%s) - t))s"
dkms_deb=$(ls -1 "$debs"/shadowstat-dkms_"$ver"-*_all.deb 2>/dev/null | head -1)
cli_deb=$(ls -1 "$debs"/shadowstat_"$ver"-*_amd64.deb 2>/dev/null | head -1)
if [ -z "$dkms_deb" ] || [ -z "$cli_deb" ]; then
	nok "both packages built: got '$(ls "$debs")'"
	finish
fi
ok "built $(basename "$dkms_deb") and $(basename "$cli_deb")"
dpkg-deb -c "$dkms_deb" | awk '{ print $6 }' >"$log/dkms-deb.list"
dpkg-deb -c "$cli_deb" | awk '{ print $6 }' >"$log/cli-deb.list"
s=./usr/src/shadowstat-$ver
missing=
for f in dkms.conf Makefile Kbuild module/Kbuild module/configure.sh module/ss_version.h \
	include/uapi/shadowstat.h scripts/kver.sh; do
	grep -qx "$s/$f" "$log/dkms-deb.list" || missing="$missing $f"
done
junk=$(grep -E '\.(o|ko|mod|mod\.c|cmd)$|ss_config\.h$' "$log/dkms-deb.list")
if [ -z "$missing$junk" ]; then
	ok "shadowstat-dkms holds the DKMS source tree in /usr/src/shadowstat-$ver (no build products)"
else
	nok "shadowstat-dkms source tree: missing:$missing unexpected: $junk"
fi
case $(dpkg-deb -f "$dkms_deb" Depends) in
*dkms*) ok "shadowstat-dkms depends on dkms" ;;
*) nok "shadowstat-dkms depends on dkms" ;;
esac
missing=
for f in ./usr/sbin/shadowstat ./usr/share/man/man8/shadowstat.8.gz \
	./usr/share/bash-completion/completions/shadowstat; do
	grep -qx "$f" "$log/cli-deb.list" || missing="$missing $f"
done
if [ -z "$missing" ]; then
	ok "shadowstat holds /usr/sbin/shadowstat, its man page and bash completion"
else
	nok "shadowstat package misses:$missing"
fi

# ---- install ----
t=$(date +%s)
run install "apt-get install both packages (DKMS builds the module)" \
	apt-get install -y "$dkms_deb" "$cli_deb"
echo "# apt-get install: $(($(date +%s) - t))s"
for p in shadowstat-dkms shadowstat; do
	st=$(pkg_state "$p")
	if [ "$st" = installed ]; then ok "$p installed"; else nok "$p installed: dpkg says '$st'"; fi
done
st=$(dkms status "shadowstat/$ver" -k "$kver" 2>&1)
case $st in
*": installed"*) ok "dkms status after install: $st" ;;
*) nok "dkms status: installed for $kver: got '$st'" ;;
esac
echo "# dkms status: $(dkms status shadowstat 2>&1 | tr '\n' ';')"
ko=$(ls -1 "/lib/modules/$kver/updates/dkms/"shadowstat.ko* 2>/dev/null | head -1)
if [ -n "$ko" ] && [ "$(modinfo -F vermagic "$ko" | awk '{ print $1 }')" = "$kver" ] &&
	[ "$(modinfo -F version "$ko")" = "$ver" ]; then
	ok "module in $ko: version $ver, vermagic $kver"
else
	nok "module in /lib/modules/$kver/updates/dkms/ with version $ver and vermagic $kver: got '$ko'"
fi
if [ -r /proc/modules ] && grep -q '^shadowstat ' /proc/modules; then
	nok "shadowstat is not loaded in the running kernel"
else
	ok "shadowstat is not loaded in the running kernel"
fi
if /usr/sbin/shadowstat --help >"$log/help.log" 2>&1 && grep -q shadowstat "$log/help.log"; then
	ok "/usr/sbin/shadowstat --help"
else
	nok "/usr/sbin/shadowstat --help (see $log/help.log)"
fi
# shellcheck disable=SC2016 # expanded by sh -c
check "man page /usr/share/man/man8/shadowstat.8.gz (and man -w finds it, if man is installed)" \
	sh -c '[ -f /usr/share/man/man8/shadowstat.8.gz ] || exit 1; command -v man >/dev/null || exit 0
		[ "$(man -w shadowstat)" = /usr/share/man/man8/shadowstat.8.gz ]'
check "man page is valid: gzip'd, .TH SHADOWSTAT 8" \
	sh -c 'gzip -dc /usr/share/man/man8/shadowstat.8.gz | grep -q "^\.TH SHADOWSTAT 8"'
check "bash completion in /usr/share/bash-completion/completions/shadowstat (bash -n)" \
	bash -n /usr/share/bash-completion/completions/shadowstat

for u in shadowstat-log.service shadowstat-export.service shadowstat-export.timer; do
	check "unit /lib/systemd/system/$u installed and valid (systemd-analyze verify)" \
		systemd-analyze verify --man=no "/lib/systemd/system/$u"
	st=$(systemctl --root=/ is-enabled "$u" 2>&1)
	if [ "$st" = disabled ] || [ "$st" = static ]; then
		ok "$u ships disabled ($st)"
	else
		nok "$u ships disabled: systemctl is-enabled says '$st'"
	fi
done
check "logrotate rule /etc/logrotate.d/shadowstat reloads the log service" \
	grep -q 'systemctl reload shadowstat-log.service' /etc/logrotate.d/shadowstat

# ---- purge ----
t=$(date +%s)
run purge "apt-get purge both packages" apt-get purge -y shadowstat shadowstat-dkms
echo "# apt-get purge: $(($(date +%s) - t))s"
for p in shadowstat-dkms shadowstat; do
	st=$(pkg_state "$p")
	if [ "$st" = not-installed ]; then ok "$p purged"; else nok "$p purged: dpkg says '$st'"; fi
done
[ -n "$mok_before" ] || rm -f /var/lib/dkms/mok.key /var/lib/dkms/mok.pub
check_gone "$kver" purge /var/lib/dkms /usr/src /lib/modules /usr/sbin /usr/share/man \
	/usr/share/doc /usr/share/bash-completion /lib/systemd/system /etc/logrotate.d
finish
