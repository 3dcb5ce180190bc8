#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shadowstat loaded while VMs already run: the numbers are right from the first read
# (gauges exact, mirror_drift 0), one VM recycling all the time, one idle; all three modes.
. /tests/lib.sh
require_shadowstat
for mode in shadow tdp legacytdp; do
	kvm_mode $mode || continue
	dmesg_mark
	hold_start /tmp/busy -b -r 100 -n 64 || continue
	hold_start /tmp/idle -r 6 -p 3 || continue
	sleep 1
	ss_load && ok "$TEST: insmod shadowstat with 2 VMs running ($mode)"
	if [ $mode = tdp ]; then
		# the TDP tables of VMs that predate shadowstat are walked: checked
		# against KVM's own count where it keeps one, the only source where not
		walk=$(ss_source tdp_mmu_pages)
		note "tdp_mmu_pages: $walk"
		case "$walk" in
		"KVM's own count"*)
			check_eq "$TEST: the TDP walk agreed with KVM's count for both VMs" "2 0" \
				"$(ss_counter tdp_walk_agreed) $(ss_counter tdp_walk_disagreed)" ;;
		"a walk of the TDP tables"*)
			ok "$TEST: tdp_mmu_pages seeded by a walk (no count in this kernel)" ;;
		*) not_ok "$TEST: tdp_mmu_pages has no source: $walk" ;;
		esac
	fi
	hold_check /tmp/idle
	hold_check /tmp/busy
	sleep 1
	hold_check /tmp/busy
	hold_stop /tmp/busy
	hold_stop /tmp/idle
	ss_unload
	dmesg_check "$TEST: late load in $mode mode"
done
