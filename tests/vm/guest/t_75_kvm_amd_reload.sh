#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kvm_amd unloaded and reloaded (switching npt) while shadowstat stays loaded and no VM
# runs; afterwards a VM works and is tracked.
. /tests/lib.sh
require_shadowstat
kvm_mode shadow || exit 1
ss_load || exit 1
dmesg_mark
run_vmm basic -r 4 -p 2 -u 2
for npt in 1 0; do
	check "$TEST: rmmod kvm_amd with shadowstat loaded" rmmod kvm_amd
	check "$TEST: shadowstat still loaded" test -d "$SS_DIR"
	check "$TEST: modprobe kvm_amd npt=$npt" modprobe kvm_amd npt=$npt
	check "$TEST: shadowstat status readable" cat "$SS_DIR/status"
	run_vmm basic -r 4 -p 2 -u 2
done
ss_unload
dmesg_check "$TEST: kvm_amd reload"
