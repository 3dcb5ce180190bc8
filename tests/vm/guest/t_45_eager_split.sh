#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Huge page splitting (seed 003): memslots backed by THP and by hugetlbfs, under each MMU
# mode, with dirty logging started by the memslot flag or by manual protect and
# KVM_CLEAR_DIRTY_LOG, eager splitting on and off. ssvmm split computes the expected
# splits (eager, on fault, tables created, failures) and checks them against shadowstat
# and against KVM's pages_2m and pages_4k. With -n a nested guest (SVM with nested
# paging, under tdp and legacytdp) stores to the same memory: the shadow MMU's splits.
. /tests/lib.sh
require_shadowstat
thp=/sys/kernel/mm/transparent_hugepage/enabled
eager=/sys/module/kvm/parameters/eager_page_split
if [ -w $thp ] && grep -q '\[never\]' $thp; then
	echo madvise >$thp
fi
echo 16 >/proc/sys/vm/nr_hugepages
note "THP: $(cat $thp 2>/dev/null); hugetlb pages: $(cat /proc/sys/vm/nr_hugepages)"

for mode in shadow tdp legacytdp; do
	kvm_mode $mode || exit 1
	dmesg_mark
	ss_load || exit 1
	check "$TEST: $mode: status has huge_split on" grep -q 'huge_split *on' "$SS_DIR/status"
	if [ ! -w $eager ]; then
		skip "$TEST: $mode: no writable kvm.eager_page_split"
		ss_unload
		continue
	fi
	for back in thp hugetlb; do
		for split in Y N; do
			echo $split >$eager
			run_vmm split -P log -b $back -r 4
			run_vmm split -P clear -b $back -r 4
			# a nested guest (SVM, nested paging) too: the shadow MMU's splits
			[ $mode = shadow ] && continue
			run_vmm split -P log -b $back -r 4 -n
			run_vmm split -P clear -b $back -r 4 -n
		done
	done
	# without nested paging for the VM there is no nested guest: a skip, not a failure
	[ $mode = shadow ] && run_vmm split -P log -b thp -r 4 -n
	echo Y >$eager
	ss_unload
	dmesg_check "$TEST: $mode"
done
