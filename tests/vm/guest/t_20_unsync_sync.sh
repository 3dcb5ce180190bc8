#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Shadow paging: guest writes to 8 of its last-level page tables make their shadow pages
# unsync; a CR3 reload syncs them. Three rounds.
. /tests/lib.sh
kvm_mode shadow || exit 1
ss_load
run_vmm basic -r 8 -p 2 -u 8 -c 3
