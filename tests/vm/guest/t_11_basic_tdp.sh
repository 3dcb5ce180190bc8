#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# basic workload in tdp mode: 16 regions x 8 pages, 4 guest PTE writes, CR3 reload.
. /tests/lib.sh
kvm_mode tdp || exit 1
ss_load
run_vmm basic -r 16 -p 8 -u 4
