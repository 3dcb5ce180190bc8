#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shadowstat unloaded while VMs run: rmmod succeeds, the VMs keep running and finish OK.
. /tests/lib.sh
require_shadowstat
for mode in shadow tdp; do
	kvm_mode $mode || continue
	dmesg_mark
	ss_load || continue
	hold_start /tmp/busy -b -r 100 -n 64 || continue
	hold_start /tmp/idle -r 6 -p 3 || continue
	sleep 1
	hold_check /tmp/busy
	check "$TEST: rmmod shadowstat while 2 VMs run ($mode)" ss_unload
	sleep 1
	hold_check /tmp/busy
	hold_stop /tmp/busy && ok "$TEST: busy VM finished after rmmod ($mode)"
	hold_stop /tmp/idle && ok "$TEST: idle VM finished after rmmod ($mode)"
	dmesg_check "$TEST: unload under load in $mode mode"
done
