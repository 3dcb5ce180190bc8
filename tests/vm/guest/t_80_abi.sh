#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ioctl ABI of /dev/shadowstat (tests/abi/abitest.c): bad sizes, flags, reserved fields,
# pointers and commands, older and newer struct sizes, callers without CAP_SYS_ADMIN; each
# bad call must fail with its errno and change nothing. Run with no VM, with an idle VM
# (stats must not change either) and with a VM that keeps recycling shadow pages, and as a
# 32-bit program (compat_ioctl) when abitest32 was built.
. /tests/lib.sh
require_shadowstat
kvm_mode shadow || exit 1
ss_load || exit 1
dmesg_mark
fails=0

# abitest LABEL ARGS...: its lines are this test's lines
run_abitest() {
	_label=$1
	shift
	abitest -l "$_label" "$@"
	_rc=$?
	if [ $_rc -gt 1 ]; then
		not_ok "$TEST: abitest $_label exit status $_rc"
	fi
	[ $_rc = 0 ] || fails=$((fails + 1))
}

if [ -c /dev/shadowstat ]; then
	ok "$TEST: /dev/shadowstat exists after insmod"
else
	not_ok "$TEST: no /dev/shadowstat after insmod: $(ls -l /dev/shadowstat* 2>&1)"
	exit 1
fi

run_abitest novm -s
# a 32-bit caller goes through compat_ioctl
if [ -x /bin/abitest32 ]; then
	run_abitest compat32 -s
else
	skip "$TEST: 32-bit ABI: no abitest32 (its build needs gcc-multilib)"
fi

if hold_start /tmp/abi-idle -r 4 -p 2; then
	note "idle VM $HOLD_VM"
	run_abitest idle -s
	[ -x /bin/abitest32 ] && run_abitest compat32-idle -s
	hold_stop /tmp/abi-idle >/tmp/abi-idle.out || fails=$((fails + 1))
	grep '^not ok' /tmp/abi-idle.out
fi

if hold_start /tmp/abi-busy -b -r 32 -n 64; then
	note "busy VM $HOLD_VM"
	run_abitest busy
	hold_stop /tmp/abi-busy >/tmp/abi-busy.out || fails=$((fails + 1))
	grep '^not ok' /tmp/abi-busy.out
fi

# the device goes with the module, and comes back with it
ss_unload
if [ ! -e /dev/shadowstat ]; then
	ok "$TEST: /dev/shadowstat gone after rmmod"
else
	not_ok "$TEST: /dev/shadowstat still there after rmmod"
fi
ss_load && run_abitest reload -s

dmesg_check "$TEST: ABI tests"
[ $fails = 0 ]
