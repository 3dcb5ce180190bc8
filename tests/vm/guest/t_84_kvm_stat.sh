#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The real kvm_stat (linux-source-6.1's tools/kvm/kvm_stat/kvm_stat, on Debian's python3,
# both brought into this guest by tests/vm/lib-kvm-stat.sh) reading KVM's debugfs, where
# shadowstat links its stats: `kvm_stat -d -i -1` (-i: counts from before kvm_stat started,
# not only since) must show them with the values shadowstat has, for all VMs and for one
# (-p), and `kvm_stat -d -l` must log their growth on a VM that recycles all the time: at
# least one, at most what shadowstat counted meanwhile.
. /tests/lib.sh
require_shadowstat
if [ ! -f /usr/bin/kvm_stat ] || [ ! -x /usr/bin/python3 ]; then
	not_ok "$TEST: no kvm_stat or python3 in this initramfs"
	exit 0
fi
export PYTHONUNBUFFERED=1
STATS="mmu_shadow_pages sp_created shadow_pages_l1 unsync_shadow_pages mirror_drift"
FIELDS="^($(echo $STATS | tr ' ' '|'))\$"

# ks ARGS...: kvm_stat as it is shipped, on the python3 brought in (lib.sh's kvm_stat
# reads one of KVM's files)
ks() { /usr/bin/python3 /usr/bin/kvm_stat "$@"; }
# ks_col FILE STAT N: column N of STAT's line of a `kvm_stat -1` output
ks_col() { awk -v s="$2" -v n="$3" '$1 == s { print $n }' "$1"; }

kvm_mode shadow || exit 1
dmesg_mark
ss_load || exit 1
hold_start /tmp/vmS -r 5 -p 2 || exit 1
V=$HOLD_VM
if ks -d -i -1 -f "$FIELDS" >/tmp/ks1.out 2>&1; then
	ok "$TEST: kvm_stat -d -i -1 ran"
else
	not_ok "$TEST: kvm_stat -d -i -1 (exit $?): $(head -5 /tmp/ks1.out | tr '\n' ' ')"
fi
for s in $STATS; do
	check_eq "$TEST: kvm_stat -d -1: $s (all VMs) == shadowstat's total" "$(ss_stat "$s")" \
		"$(ks_col /tmp/ks1.out "$s" 2)"
	check_eq "$TEST: kvm_stat -d -1: $s unchanged over its second (VM idle)" 0 \
		"$(ks_col /tmp/ks1.out "$s" 3)"
done
ks -d -i -1 -p "${V%-*}" -f "$FIELDS" >/tmp/ks1p.out 2>&1
for s in $STATS; do
	check_eq "$TEST: kvm_stat -d -1 -p ${V%-*}: $s == shadowstat's for $V" "$(ss_stat "$V/$s")" \
		"$(ks_col /tmp/ks1p.out "$s" 2)"
done
# KVM's own stats beside ours, from the same files kvm_stat always read
ks -d -i -1 -f '^mmu_cache_miss$' >/tmp/ks1k.out 2>&1
check_eq "$TEST: kvm_stat -d -1: KVM's own mmu_cache_miss as before" \
	"$(cat "$KVM_DIR/$V/mmu_cache_miss")" "$(ks_col /tmp/ks1k.out mmu_cache_miss 2)"

hold_start /tmp/vmB -b -r 100 -n 64 || exit 1
B=$HOLD_VM
before=$(ss_stat "$B/sp_created")
ks -d -l -s 1 -p "${B%-*}" -f '^sp_created$' >/tmp/ksl.out 2>&1 &
ks=$!
sleep 8
# a background job ignores SIGINT; the output is unbuffered, so TERM loses nothing
kill $ks
wait $ks
after=$(ss_stat "$B/sp_created")
check "$TEST: kvm_stat -d -l: banner names sp_created" grep -q '^ *sp_created *$' /tmp/ksl.out
logged=$(awk '$1 ~ /^[0-9-]+$/ && NF == 3 { n++; s += $3 } END { print n + 0, s + 0 }' /tmp/ksl.out)
note "kvm_stat -l: $logged (rows, sum of sp_created); shadowstat: $before -> $after"
rows=${logged% *}
sum=${logged#* }
if [ "$rows" -ge 2 ] && [ "$sum" -ge 1 ] && [ "$sum" -le $((after - before)) ]; then
	ok "$TEST: kvm_stat -d -l: $rows rows logging $sum creations, within shadowstat's $((after - before))"
else
	not_ok "$TEST: kvm_stat -d -l: $rows rows, $sum creations; shadowstat counted $((after - before)): $(head -4 /tmp/ksl.out | tr '\n' ' ')"
fi
hold_stop /tmp/vmB >/dev/null
hold_stop /tmp/vmS >/dev/null
ss_unload
dmesg_check "$TEST"
