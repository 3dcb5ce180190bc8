#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Prometheus export of two VMs, and of one of them once departed (history), handed to
# the host for the real tools: Debian's promtool
# checks it and Debian's node_exporter serves it from its textfile collector
# (tests/prom/check-prom.sh, after the guest suite). The file goes out between
# "-----BEGIN FILE shadowstat.prom-----" and "-----END FILE-----", and so do the values
# node_exporter must serve, read here from debugfs.
. /tests/lib.sh
require_shadowstat
kvm_mode shadow || exit 1
ss_load || exit 1
hold_start /tmp/prom-a -r 5 -p 2 || exit 1
A=$HOLD_VM
hold_start /tmp/prom-b -r 2 -p 1 -name guest=prom-b || exit 1
B=$HOLD_VM
check "$TEST: --prometheus -o FILE" shadowstat --prometheus -o /tmp/shadowstat.prom
check "$TEST: the export has vm_info for $A" grep -q "^shadowstat_vm_info{vm=\"$A\"" /tmp/shadowstat.prom
echo "-----BEGIN FILE shadowstat.prom-----"
cat /tmp/shadowstat.prom
echo "-----END FILE-----"
# what node_exporter must serve: "metric vm value", from debugfs
echo "-----BEGIN FILE expected.txt-----"
for vm in "$A" "$B"; do
	for s in mmu_shadow_pages indirect_shadow_pages shadow_pages_l1 mirror_drift; do
		echo "shadowstat_$s $vm $(ss_stat "$vm/$s")"
	done
	echo "shadowstat_sp_created_total $vm $(ss_stat "$vm/sp_created")"
done
echo "-----END FILE-----"
# B departs: its final numbers go out under shadowstat_departed_*, 0 pages left
b_created=$(ss_stat "$B/sp_created")
hold_stop /tmp/prom-b >/dev/null
_i=0
until shadowstat history --csv 2>/dev/null | grep -q ",$B,"; do
	_i=$((_i + 1))
	[ $_i -gt 50 ] && break
	usleep 100000
done
check "$TEST: history --prometheus -o FILE" \
	shadowstat history --prometheus -o /tmp/shadowstat-departed.prom
check "$TEST: the departed export has departed_vm_info for $B, guest prom-b" \
	grep -q "^shadowstat_departed_vm_info{vm=\"$B\",pid=\"[0-9]*\",guest=\"prom-b\"" \
	/tmp/shadowstat-departed.prom
echo "-----BEGIN FILE shadowstat-departed.prom-----"
cat /tmp/shadowstat-departed.prom
echo "-----END FILE-----"
echo "-----BEGIN FILE expected-departed.txt-----"
echo "shadowstat_departed_sp_created $B $b_created"
echo "shadowstat_departed_mmu_shadow_pages $B 0"
echo "shadowstat_departed_tdp_mmu_pages $B 0"
echo "-----END FILE-----"
hold_stop /tmp/prom-a >/dev/null
