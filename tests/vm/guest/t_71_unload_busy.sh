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

# A reader holding a debugfs file open. From 6.13 the files are debugfs short fops, which hold
# no module reference: rmmod goes through at once and the reader's next read fails (EIO).
# Before, the open file holds the module: rmmod fails until the reader closes it.
if ss_load; then
	dmesg_mark
	kv=$(uname -r | sed 's/^\([0-9]*\)\.\([0-9]*\).*/\1 \2/')
	# shellcheck disable=SC2086 # two numbers
	set -- $kv
	exec 3<"$SS_DIR/mmu_shadow_pages"
	if [ "$1" -gt 6 ] || { [ "$1" -eq 6 ] && [ "$2" -ge 13 ]; }; then
		check "$TEST: rmmod while a reader holds a debugfs file open ($1.$2: short fops)" \
			rmmod shadowstat
		if cat <&3 >/dev/null 2>&1; then
			not_ok "$TEST: a read of the held file after rmmod succeeded"
		else
			ok "$TEST: a read of the held file after rmmod fails"
		fi
		exec 3<&-
	else
		if rmmod shadowstat 2>/dev/null; then
			not_ok "$TEST: rmmod went through while a reader held a file open ($1.$2)"
		else
			ok "$TEST: rmmod waits for a reader holding a file open ($1.$2: full fops)"
		fi
		exec 3<&-
		check "$TEST: rmmod once the reader closed it" rmmod shadowstat
	fi
	dmesg_check "$TEST: unload with a debugfs file held open"
fi
