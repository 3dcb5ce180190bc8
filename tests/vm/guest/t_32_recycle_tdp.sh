#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The TDP MMU ignores KVM_SET_NR_MMU_PAGES: no recycling, exact TDP page counts.
. /tests/lib.sh
kvm_mode tdp || exit 1
ss_load
run_vmm recycle -r 50 -R 50 -n 64
