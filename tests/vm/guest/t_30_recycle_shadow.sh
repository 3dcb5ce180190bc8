#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Shadow paging under KVM_SET_NR_MMU_PAGES(64): 200 regions, KVM recycles pages.
. /tests/lib.sh
kvm_mode shadow || exit 1
ss_load
run_vmm recycle -r 100 -R 100 -n 64
