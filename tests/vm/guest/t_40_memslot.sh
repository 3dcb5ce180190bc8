#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Deleting a memslot zaps everything (kvm_mmu_zap_all_fast): the vCPU's root stays as an
# obsolete page until the vCPU runs again; then the slot comes back. In all three modes.
. /tests/lib.sh
for mode in shadow tdp legacytdp; do
	kvm_mode $mode || continue
	ss_load
	run_vmm memslot -a 8 -b 8 -p 2
done
