#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kill -9 of a VMM that recycles shadow pages, while three readers (tests/fuzz/vmreader.c)
# read its stats in tight loops: debugfs files opened afresh for every read, debugfs files
# kept open and re-read, and READ_STATS on /dev/shadowstat. Each read gives a number,
# ENODATA or, once the VM is going, ENOENT (EIO for a debugfs file removed while open); no
# value after the VM is gone; its directories disappear; no kernel warning.
# KILL_ROUNDS (from ss-knobs) kills per MMU mode.
. /tests/lib.sh
KILL_ROUNDS=2
command -v ss-knobs >/dev/null 2>&1 && eval "$(ss-knobs)"
require_shadowstat

for mode in shadow tdp; do
	kvm_mode $mode || continue
	ss_load || continue
	dmesg_mark
	r=0
	while [ $r -lt "$KILL_ROUNDS" ]; do
		r=$((r + 1))
		hold_start /tmp/kill -b -r 32 -n 64 || break
		vm=$HOLD_VM
		vmm=$(cat /tmp/kill/pid)
		pids=
		for m in files open ioctl; do
			mkdir -p /tmp/rd-$m
			rm -f /tmp/rd-$m/started
			vmreader -v "$vm" -m $m -t 60 -r /tmp/rd-$m -l "$TEST: $mode round $r $m" \
				>/tmp/rd-$m/out 2>&1 &
			pids="$pids $!"
			echo $! >>/run/bg.pids
		done
		for m in files open ioctl; do
			wait_file /tmp/rd-$m/started 30 ||
				not_ok "$TEST: $mode round $r: reader $m did not start"
		done
		# let them read a while, then kill the VMM in the middle of it all
		# shellcheck disable=SC3028 # busybox sh has RANDOM
		usleep $((200000 + RANDOM % 300000))
		kill -9 "$vmm"
		wait "$vmm" 2>/dev/null
		for p in $pids; do
			wait "$p"
		done
		for m in files open ioctl; do
			grep -E '^(ok|not ok|#) ' /tmp/rd-$m/out
		done
		gone=1
		for d in "$SS_DIR/$vm" "$KVM_DIR/$vm"; do
			if [ -e "$d" ]; then
				not_ok "$TEST: $mode round $r: $d still there after the readers stopped"
				gone=
			fi
		done
		[ -n "$gone" ] && ok "$TEST: $mode round $r: $vm gone from shadowstat and KVM after kill -9"
		check_eq "$TEST: $mode round $r: total mmu_shadow_pages after the kill" 0 \
			"$(ss_stat mmu_shadow_pages)"
	done
	check "$TEST: $mode: rmmod after the kills" ss_unload
	dmesg_check "$TEST: kill -9 under readers in $mode mode"
done
