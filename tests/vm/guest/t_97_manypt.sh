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
