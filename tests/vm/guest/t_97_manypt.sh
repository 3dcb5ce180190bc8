#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A VM with thousands of shadow pages at once (ssvmm manypt, the VM of the read-path
# benchmarks): KVM's numbers and shadowstat's, including the per-level walk, are exact.
. /tests/lib.sh
kvm_mode shadow || exit 1
ss_load
dmesg_mark
run_vmm manypt -n 3000
dmesg_check "$TEST: 3000 guest page tables"

# The same, read with a walk that yields mmu_lock after each chunk of 1024 pages: with the
# VM still between checks, the walk goes on where it stopped and its breakdown stays exact.
P=/sys/module/shadowstat/parameters/walk_hold_us
# walks 1: yields so far; walks 2: restarts so far
walks() {
	if [ "$1" = 1 ]; then ss_counter walk_yields; else ss_counter walk_restarts; fi
}
if [ -w "$P" ]; then
	y0=$(walks 1)
	r0=$(walks 2)
	echo 1 >"$P"
	run_vmm manypt -n 10000
	echo 250 >"$P"
	check "$TEST: walks of 10000 pages yielded mmu_lock ($y0 -> $(walks 1) yields)" \
		[ "$(walks 1)" -gt "$y0" ]
	check_eq "$TEST: no walk had to start again" "$r0" "$(walks 2)"
	dmesg_check "$TEST: 10000 guest page tables, walked in chunks"
else
	skip "$TEST: no $P"
fi
