#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# How each attempt to unsync a gfn ends (seed 002), counted with unsync_outcomes=1: off by
# default (status says why, the stats read ENODATA); on, every outcome matches the model in
# the unsync/sync rounds and with guest page tables placed at random (about 1/e of the
# attempts may exit early) or clustered as a buddy allocator would (more), under each MMU.
. /tests/lib.sh
require_shadowstat
kvm_mode shadow || exit 1
ss_load || exit 1
check "$TEST: off by default, and status says so" \
	grep -q 'unsync_outcomes off .*unsync_outcomes=1' "$SS_DIR/status"
hold_start /tmp/vmU -r 2 -p 2 || exit 1
if cat "$SS_DIR/$HOLD_VM/unsync_tries" >/dev/null 2>/tmp/cat.err; then
	not_ok "$TEST: unsync_tries readable with unsync_outcomes=0"
else
	check "$TEST: unsync_tries unavailable (ENODATA) with unsync_outcomes=0" \
		grep -q 'No data available' /tmp/cat.err
fi
hold_stop /tmp/vmU >/dev/null
ss_unload

for mode in shadow tdp legacytdp; do
	kvm_mode $mode || exit 1
	dmesg_mark
	ss_load unsync_outcomes=1 || exit 1
	check "$TEST: $mode: status turns unsync_outcomes on" \
		grep -q 'unsync_outcomes *on' "$SS_DIR/status"
	run_vmm basic -r 8 -p 2 -u 8 -c 2
	run_vmm unsyncpt -n 128 -k 1 -s 7
	[ $mode = shadow ] && run_vmm unsyncpt -n 128 -k 8 -s 7
	ss_unload
	dmesg_check "$TEST: $mode"
done
