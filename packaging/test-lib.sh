# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by the package tests (sourced): TAP-like result lines, a summary, and
# running a step with its output kept in $log. The caller sets $log and $name.
t0=$(date +%s)
pass=0
fail=0
ok() {
	pass=$((pass + 1))
	echo "ok - $*"
}
nok() {
	fail=$((fail + 1))
	echo "not ok - $*"
}
finish() {
	# shellcheck disable=SC2154 # the caller sets them
	echo "# $name: $(($(date +%s) - t0))s, logs in $log"
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit
}
# run NAME WHAT CMD...: CMD's output goes to $log/NAME.log
run() {
	n=$1 w=$2
	shift 2
	if "$@" >"$log/$n.log" 2>&1; then
		ok "$w"
		return 0
	fi
	nok "$w (see $log/$n.log)"
	tail -n 20 "$log/$n.log" | sed 's/^/# /'
	return 1
}

# pkg_state PACKAGE: dpkg's status, "not-installed" when dpkg does not know it
pkg_state() {
	dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || echo not-installed
}

# leftovers: remove the packages, DKMS trees and modules of an earlier failed run
leftovers() {
	pkgs=
	for p in shadowstat-dkms shadowstat; do
		[ "$(pkg_state "$p")" = not-installed ] || pkgs="$pkgs $p"
	done
	# shellcheck disable=SC2086
	[ -z "$pkgs" ] || DEBIAN_FRONTEND=noninteractive apt-get purge -y $pkgs
	for d in /var/lib/dkms/shadowstat/*/; do
		[ -d "$d" ] || continue
		dkms remove "shadowstat/$(basename "$d")" --all || true
	done
	rm -rf /var/lib/dkms/shadowstat /usr/src/shadowstat-*
	for f in /lib/modules/*/updates/dkms/shadowstat.ko*; do
		[ -e "$f" ] || continue
		k=${f#/lib/modules/}
		k=${k%%/*}
		rm -f "$f"
		depmod -a "$k"
	done
}

# check_gone KVER WHEN DIR...: after WHEN, nothing named shadowstat is left in the DIRs, in
# KVER's modules.dep or in dkms status
check_gone() {
	k=$1 when=$2
	shift 2
	left=$(find "$@" -name '*shadowstat*' 2>/dev/null)
	if [ -z "$left" ]; then
		ok "nothing named shadowstat left in $*"
	else
		nok "left behind: $(echo "$left" | tr '\n' ' ')"
	fi
	if grep -qs shadowstat "/lib/modules/$k/modules.dep"; then
		nok "modules.dep for $k no longer lists shadowstat"
	else
		ok "modules.dep for $k no longer lists shadowstat"
	fi
	st=$(dkms status shadowstat 2>&1)
	if [ -z "$st" ]; then ok "dkms status lists no shadowstat"; else nok "dkms status after $when: '$st'"; fi
}
