#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Departed VMs (`shadowstat history`, SHADOWSTAT_READ_DEPARTED): a VM KVM destroys keeps its
# row as it stood when kvm_arch_destroy_vm() returned. Against the model of the VMM's final
# checkpoint: the creations and peaks it had, and after KVM's teardown nothing left counted,
# every shadow page created zapped and every TDP page table freed. No KVM leak can be made
# from userspace, so the LEAK verdict itself is covered by doctor's unit test
# (userspace/tests/test_doctor.c), and here it must say clean.
. /tests/lib.sh
require_shadowstat

# col FILE VM STAT: STAT in the row of VM of a --csv listing
col() {
	awk -F, -v vm="$2" -v st="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == st) c = i; next }
		$2 == vm && c { print $c }' "$1"
}

# model FILE FIELD: FIELD of the model's values at the VMM's final checkpoint
model() {
	sed -n "s/.* final: model: .* $2 \([0-9-]*\).*/\1/p" "$1" | tail -1
}

for mode in shadow tdp legacytdp; do
	kvm_mode $mode || continue
	dmesg_mark
	ss_unload
	ss_load || continue
	shadowstat history --csv >/tmp/hist.out 2>&1
	check_eq "$TEST: $mode: no departed VM after a fresh load" 1 "$(wc -l </tmp/hist.out)"
	# named as libvirt names its QEMUs; the name must outlive the process
	hold_start /tmp/hist -r 6 -p 3 -n 64 -name "guest=hist-$mode,debug-threads=on" || continue
	VM=$HOLD_VM
	shadowstat list --csv >/tmp/hist.live 2>&1
	check_eq "$TEST: $mode: list names the live VM's guest" "hist-$mode" \
		"$(awk -F, -v vm="$VM" '$2 == vm { print $6 }' /tmp/hist.live | tr -d '"')"
	sleep 1
	hold_stop /tmp/hist >/tmp/hist.vmm
	grep -q '^not ok' /tmp/hist.vmm && not_ok "$TEST: $mode: the VMM's own checks failed"
	# the VM is destroyed when its process has closed it; wait for the row
	_i=0
	while [ $_i -lt 50 ]; do
		shadowstat history --csv >/tmp/hist.csv 2>&1 && [ -n "$(col /tmp/hist.csv "$VM" vm)" ] && break
		_i=$((_i + 1))
		usleep 100000
	done
	check_eq "$TEST: $mode: one departed VM, $VM" "$VM" "$(awk -F, 'NR > 1 { print $2 }' /tmp/hist.csv)"
	check_eq "$TEST: $mode: the departed VM keeps its guest name" "hist-$mode" \
		"$(col /tmp/hist.csv "$VM" guest | tr -d '"')"
	for s in mmu_shadow_pages mirror_shadow_pages tdp_mmu_pages; do
		check_eq "$TEST: $mode: $s left after KVM's teardown" 0 "$(col /tmp/hist.csv "$VM" $s)"
	done
	check_eq "$TEST: $mode: sp_created == the model's" "$(model /tmp/hist.vmm created)" \
		"$(col /tmp/hist.csv "$VM" sp_created)"
	check_eq "$TEST: $mode: every shadow page created was zapped" \
		"$(col /tmp/hist.csv "$VM" sp_created)" "$(col /tmp/hist.csv "$VM" sp_zapped)"
	check_eq "$TEST: $mode: tdp_sp_created == the model's" "$(model /tmp/hist.vmm tdp_created)" \
		"$(col /tmp/hist.csv "$VM" tdp_sp_created)"
	check_eq "$TEST: $mode: every TDP page table created was freed" \
		"$(col /tmp/hist.csv "$VM" tdp_sp_created)" "$(col /tmp/hist.csv "$VM" tdp_sp_freed)"
	check_eq "$TEST: $mode: mmu_shadow_pages_peak == the model's" \
		"$(model /tmp/hist.vmm peak_shadow)" "$(col /tmp/hist.csv "$VM" mmu_shadow_pages_peak)"
	check_eq "$TEST: $mode: tdp_mmu_pages_peak == the model's" \
		"$(model /tmp/hist.vmm peak_tdp)" "$(col /tmp/hist.csv "$VM" tdp_mmu_pages_peak)"
	life=$(col /tmp/hist.csv "$VM" lifetime_seconds)
	if [ -n "$life" ] && [ "$life" -ge 1 ] && [ "$life" -le 120 ]; then
		ok "$TEST: $mode: lifetime_seconds $life (the VM lived at least 1 s)"
	else
		not_ok "$TEST: $mode: lifetime_seconds '$life', expected 1 to 120"
	fi
	check_eq "$TEST: $mode: the walk's stats read n/a for a departed VM" "" \
		"$(col /tmp/hist.csv "$VM" unsync_shadow_pages)"
	shadowstat history >/tmp/hist.txt 2>&1
	check_eq "$TEST: $mode: history's TEARDOWN for $VM" clean \
		"$(awk -v vm="$VM" '$1 == vm { print $NF }' /tmp/hist.txt)"
	shadowstat doctor --json -i 1 >/tmp/hist.doc 2>&1
	if grep -q teardown_leak /tmp/hist.doc; then
		not_ok "$TEST: $mode: doctor finds a teardown leak: $(cat /tmp/hist.doc)"
	else
		ok "$TEST: $mode: doctor finds no teardown leak"
	fi
	shadowstat history --json >/tmp/hist.json 2>&1
	if grep -q "\"$VM\"" /tmp/hist.json; then
		ok "$TEST: $mode: history --json names $VM"
	else
		not_ok "$TEST: $mode: history --json: $(cat /tmp/hist.json)"
	fi
	dmesg_check "$TEST: history in $mode mode"
done
