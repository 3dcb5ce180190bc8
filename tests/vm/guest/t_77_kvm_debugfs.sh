#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shadowstat's stats inside KVM's own debugfs directories, read exactly as kvm_stat
# reads them: the names listed in /sys/kernel/debug/kvm/ and .../<pid>-<fd>/, each a
# file holding one number. They must equal shadowstat's own files, survive kvm_amd
# being reloaded, go with the VM, and go with shadowstat, leaving KVM's files alone.
. /tests/lib.sh
require_shadowstat
STATS="mmu_shadow_pages indirect_shadow_pages shadow_pages_l1 mirror_drift sp_created"

kvm_mode shadow || exit 1
ss_load || exit 1
hold_start /tmp/vmK -r 5 -p 2 || exit 1
V=$HOLD_VM
listed=$(ls "$KVM_DIR/$V")
for s in $STATS; do
	case " $(echo $listed) " in
	*" $s "*) ok "$TEST: $s listed in $KVM_DIR/$V" ;;
	*) not_ok "$TEST: $s not listed in $KVM_DIR/$V" ;;
	esac
	check_eq "$TEST: $KVM_DIR/$V/$s == shadowstat's" "$(ss_stat "$V/$s")" "$(kvm_stat "$V" "$s")"
	check_eq "$TEST: $KVM_DIR/$s (total) == shadowstat's" "$(ss_stat "$s")" "$(cat "$KVM_DIR/$s")"
done
check_eq "$TEST: KVM's own mmu_cache_miss still a plain file" yes \
	"$([ -f "$KVM_DIR/$V/mmu_cache_miss" ] && [ ! -L "$KVM_DIR/$V/mmu_cache_miss" ] && echo yes)"
# 7.2+ has a mmu_shadow_pages stat of its own: KVM's file stays, with our value
case "$(ss_source mmu_shadow_pages)" in "KVM's own stat"*)
	check_eq "$TEST: KVM's own mmu_shadow_pages kept, not linked over" yes \
		"$([ -f "$KVM_DIR/$V/mmu_shadow_pages" ] && [ ! -L "$KVM_DIR/$V/mmu_shadow_pages" ] && echo yes)"
	;;
esac
check_eq "$TEST: no debugfs name clash logged" 0 "$(dmesg | grep -c 'already exists in')"

hold_stop /tmp/vmK
check_eq "$TEST: KVM's VM directory gone with the VM" no "$([ -d "$KVM_DIR/$V" ] && echo yes || echo no)"

# kvm_amd reload recreates /sys/kernel/debug/kvm: the totals come back
rmmod kvm_amd && modprobe kvm_amd npt=0
check_eq "$TEST: total mmu_shadow_pages linked again after kvm_amd reload" 0 \
	"$(cat "$KVM_DIR/mmu_shadow_pages" 2>&1)"

hold_start /tmp/vmK2 -r 3 -p 1 || exit 1
V=$HOLD_VM
check_eq "$TEST: new VM linked" "$(ss_stat "$V/mmu_shadow_pages")" "$(kvm_stat "$V" mmu_shadow_pages)"
ss_unload
left=$(find "$KVM_DIR" -type l | wc -l)
check_eq "$TEST: no symlink left in $KVM_DIR after rmmod shadowstat" 0 "$left"
check_eq "$TEST: KVM's own file kept" yes "$([ -f "$KVM_DIR/$V/mmu_cache_miss" ] && echo yes)"
hold_stop /tmp/vmK2

insmod "$SS_KO" kvm_debugfs=0 || { not_ok "$TEST: insmod kvm_debugfs=0"; exit 1; }
hold_start /tmp/vmK3 -r 2 -p 1 || exit 1
check_eq "$TEST: kvm_debugfs=0 links nothing" 0 "$(find "$KVM_DIR" -type l | wc -l)"
hold_stop /tmp/vmK3
ss_unload
