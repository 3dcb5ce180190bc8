#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A real guest OS (seed 004's question on a real workload): QEMU in the test guest boots this
# same kernel as a nested guest under shadow paging, with 96 MiB, so that KVM's default page
# limit is small (nr_memslot_pages / 50), and its /init runs 4 rounds of 128 processes at once.
# shadowstat records the whole run. The recording must hold every creation and recycle KVM
# counted (mmu_cache_miss, mmu_recycled); simulate --check then says how close FIFO at the
# recorded limit comes to KVM on a guest whose roots come and go, and simulate gives the
# figures of both policies around that limit (docs/eviction.md).
. /tests/lib.sh
require_shadowstat
kvm_mode shadow || exit 1
ss_load || exit 1
dmesg_mark
# opt-in (4 minutes a kernel; 7.2 and 7.3 do not finish their /init in 96 MiB yet)
if [ ! -x /usr/bin/qemu-system-x86_64 ] || [ ! -r /l2/vmlinuz ]; then
	skip "$TEST: no QEMU in the test guest: run with SS_L2=1 (tests/vm/lib-l2.sh)"
	exit 0
fi

F=/tmp/l2.rec
/usr/bin/qemu-system-x86_64 -accel kvm -cpu host -m 96 -smp 1 -nodefaults -display none -no-reboot \
	-L /usr/share/qemu -kernel /l2/vmlinuz -initrd /l2/initrd -monitor none \
	-append "console=ttyS0 panic=-1 quiet" -serial file:/tmp/l2.console \
	-name l2linux >/tmp/l2.qemu 2>&1 &
qpid=$!
i=0
until ls -d "$SS_DIR/$qpid-"* >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -gt 300 ] || ! kill -0 $qpid 2>/dev/null; then
		not_ok "$TEST: QEMU's VM did not appear: $(cat /tmp/l2.qemu /tmp/l2.console 2>&1 | tail -5)"
		kill $qpid 2>/dev/null
		exit 1
	fi
	sleep 0.05
done
shadowstat record $qpid -o $F 2>/tmp/l2.rec.err &
rec=$!
t0=$(date +%s)
# the guest powers itself off; a watchdog ends a hung one
( sleep 900; kill $qpid 2>/dev/null ) &
dog=$!
wait $qpid
check_eq "$TEST: QEMU exits 0 once the guest powers off" 0 "$?"
kill $dog 2>/dev/null
note "the nested guest ran for $(($(date +%s) - t0)) s"
wait $rec
check_eq "$TEST: record exits 0 when the VM goes" 0 "$?"
cat /tmp/l2.rec.err
check "$TEST: the nested Linux ran its processes" grep -q "L2: done" /tmp/l2.console ||
	tail -5 /tmp/l2.console
check "$TEST: the recording ended with the VM" grep -q "^end .* reason=vm-exit" $F
check_eq "$TEST: no record lost" 0 "$(sed -n 's/^end .* lost=\([0-9]*\) .*/\1/p' $F)"
note "$(grep -c '^[CR] ' $F) lookups, $(grep -c '^Z .* recycle$' $F) recycles, $(grep -c '^Z ' $F) zaps"

shadowstat simulate --check $F >/tmp/l2.check 2>&1
cat /tmp/l2.check
# created/recycled lines: model, recording, kvm stat
fig() { awk -v w="$1" -v c="$2" '$1 == w { print $c }' /tmp/l2.check; }
check_eq "$TEST: the recording has every creation KVM counted (mmu_cache_miss)" \
	"$(fig created 4)" "$(fig created 3)"
check_eq "$TEST: the recording has every recycle KVM counted (mmu_recycled)" \
	"$(fig recycled 4)" "$(fig recycled 3)"
r=$(fig recycled 4)
if [ "${r:-0}" -gt 0 ]; then ok "$TEST: KVM recycled pages under its default limit ($r)"
else not_ok "$TEST: KVM recycled nothing: no pressure to measure"; fi
# the model is not exact on a real guest (roots, unsync children): within 5% of KVM
m=$(fig created 2) k=$(fig created 4)
d=$((m - k)); d=${d#-}
if [ -n "$k" ] && [ $((d * 20)) -le "$k" ]; then ok "$TEST: FIFO replay within 5% of KVM's creations ($m, $k)"
else not_ok "$TEST: FIFO replay creations $m, KVM $k"; fi

# the limit in force at the end (QEMU's memslots raise KVM's default while it sets up)
L=$(sed -n 's/^M [0-9]* limit=\([0-9]*\) .*/\1/p' $F | tail -1)
shadowstat simulate --csv --limit $((L / 2)),$L,$((L * 2)),$((L * 4)) --svg /tmp/l2.svg $F >/tmp/l2.csv
check_eq "$TEST: simulate around the limit $L exits 0" 0 "$?"
cat /tmp/l2.csv
dmesg_check "$TEST: nested Linux"
