#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest environment: KVM loads in every MMU mode, shadowstat loads and unloads.
. /tests/lib.sh
note "kernel $(uname -r), cpu flags: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' |
	grep -xE 'svm|npt|vmx|ept|la57|nrip_save' | tr '\n' ' ')"
for mode in shadow tdp legacytdp; do
	kvm_mode $mode && ok "$TEST: /dev/kvm in $mode mode"
done
if ! ss_available; then
	skip "$TEST: shadowstat: no $SS_KO (module not built)"
	exit 0
fi
dmesg_mark
if ss_load; then
	ok "$TEST: insmod shadowstat"
	check "$TEST: $SS_DIR/status readable" cat "$SS_DIR/status"
	note "status: $(tr '\n' ';' <"$SS_DIR/status" | cut -c1-400)"
	for s in mmu_shadow_pages tdp_mmu_pages mirror_drift; do
		check_eq "$TEST: total $s with no VM" 0 "$(ss_stat $s)"
	done
	check "$TEST: rmmod shadowstat" ss_unload
fi
dmesg_check "$TEST: load/unload"
