#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest environment: KVM loads in every MMU mode, shadowstat loads and unloads.
. /tests/lib.sh
note "kernel $(uname -r), cpu flags: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' |
	grep -xE 'svm|npt|vmx|ept|la57|nrip_save' | tr '\n' ' ')"
for mode in shadow tdp legacytdp; do
	kvm_mode $mode && ok "$TEST: /dev/kvm in $mode mode"
done
require_shadowstat
dmesg_mark
if ss_load; then
	ok "$TEST: insmod shadowstat"
	check "$TEST: $SS_DIR/status readable" cat "$SS_DIR/status"
	sed 's/^/status: /' "$SS_DIR/status" | while IFS= read -r l; do note "$l"; done
	# IBT: every KVM function called through a pointer is exported, and on an
	# IBT kernel starts with ENDBR64 (tests/kernels/ibt-check.sh checks kvm.ko itself)
	calls=$(sed -n '/^indirect calls:/,/^hooks:/p' "$SS_DIR/status" | grep ' called: ' |
		grep -v ' not called: ')
	check_eq "$TEST: kvm_put_kvm is called through a pointer, checked" yes \
		"$(echo "$calls" | grep -q '^  kvm_put_kvm  *called: exported' && echo yes)"
	check_eq "$TEST: every function called through a pointer is exported" "" \
		"$(echo "$calls" | grep -v 'called: exported')"
	check_eq "$TEST: status names the source of mmu_shadow_pages" yes \
		"$(ss_source mmu_shadow_pages | grep -qE '^(kvm->arch.n_used_mmu_pages|KVM.s own stat)' && echo yes)"
	# what differs by kernel, for the kernel matrix's summary
	note "facts: mmu_shadow_pages: $(ss_source mmu_shadow_pages); tdp_mmu_pages: $(ss_source tdp_mmu_pages); features off: $(grep -E '^  [a-z_]+ +off ' "$SS_DIR/status" | awk '{ print $1 }' | tr '\n' ' ')"
	for s in mmu_shadow_pages tdp_mmu_pages mirror_drift; do
		check_eq "$TEST: total $s with no VM" 0 "$(ss_stat $s)"
	done
	check "$TEST: rmmod shadowstat" ss_unload
fi
dmesg_check "$TEST: load/unload"
