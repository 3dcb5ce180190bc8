#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Two VMs in two processes; when one exits its directories disappear and shadowstat's
# totals fall back to the other VM's values, then to 0.
. /tests/lib.sh
kvm_mode shadow || exit 1
have_ss=
ss_load && have_ss=1
hold_start /tmp/vmA -r 4 -p 2 || exit 1
A=$HOLD_VM
hold_start /tmp/vmB -r 9 -p 1 || exit 1
B=$HOLD_VM
GAUGES="mmu_shadow_pages indirect_shadow_pages root_shadow_pages shadow_pages_l1 mirror_shadow_pages"
if [ -n "$have_ss" ]; then
	for s in $GAUGES; do
		check_eq "$TEST: total $s == A + B" "$(ss_sum "$s" "$A" "$B")" "$(ss_stat "$s")"
	done
fi
hold_stop /tmp/vmA
if [ -d "$KVM_DIR/$A" ]; then not_ok "$TEST: $KVM_DIR/$A still there"; else ok "$TEST: $KVM_DIR/$A gone"; fi
if [ -n "$have_ss" ]; then
	if [ -d "$SS_DIR/$A" ]; then not_ok "$TEST: $SS_DIR/$A still there"; else ok "$TEST: $SS_DIR/$A gone"; fi
	for s in $GAUGES; do
		check_eq "$TEST: total $s == B after A exited" "$(ss_stat "$B/$s")" "$(ss_stat "$s")"
	done
else
	skip "$TEST: shadowstat totals after exit: shadowstat not loaded"
fi
hold_check /tmp/vmB
hold_stop /tmp/vmB
if [ -n "$have_ss" ]; then
	for s in $GAUGES tdp_mmu_pages tdp_mmu_roots; do
		check_eq "$TEST: total $s == 0 after both exited" 0 "$(ss_stat "$s")"
	done
	check_eq "$TEST: no VM directories left" "" "$(cd "$SS_DIR" && ls -d [0-9]*-[0-9]* 2>/dev/null)"
fi
