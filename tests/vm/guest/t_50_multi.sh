#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Several VMs at once (one process): per-VM numbers, totals == sum, totals after one exits.
. /tests/lib.sh
for mode in shadow tdp; do
	kvm_mode $mode || continue
	ss_load
	run_vmm multi -n 4
done
