#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shadowstat loaded while VMs already run: the numbers are right from the first read
# (gauges exact, mirror_drift 0), one VM recycling all the time, one idle; all three modes.
. /tests/lib.sh
if ! ss_available; then
	skip "$TEST: no $SS_KO (module not built)"
	exit 0
fi
for mode in shadow tdp legacytdp; do
	kvm_mode $mode || continue
	dmesg_mark
	hold_start /tmp/busy -b -r 100 -n 64 || continue
	hold_start /tmp/idle -r 6 -p 3 || continue
	sleep 1
	ss_load && ok "$TEST: insmod shadowstat with 2 VMs running ($mode)"
	hold_check /tmp/idle
	hold_check /tmp/busy
	sleep 1
	hold_check /tmp/busy
	hold_stop /tmp/busy
	hold_stop /tmp/idle
	ss_unload
	dmesg_check "$TEST: late load in $mode mode"
done
