#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Legacy TDP (tdp_mmu=0) under KVM_SET_NR_MMU_PAGES(64): direct shadow pages are recycled.
. /tests/lib.sh
kvm_mode legacytdp || exit 1
ss_load
run_vmm recycle -r 100 -R 100 -n 64
