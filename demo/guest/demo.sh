#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest side of `make demo`. demo/run.sh puts it in the initramfs as the only test, so
# that tests/vm/guest/init.sh runs it under its timeout, sends its output to the data channel
# (which the host streams to the user) and dumps the kernel log after it.
#
# Three VMs with different behaviour run at once (ssvmm demo, see tests/workloads/scn_demo.c),
# first under the shadow MMU (kvm_amd npt=0), then briefly under the TDP MMU (npt=1), while
# the shadowstat CLI shows what KVM's MMU does for each. Exits non-zero if a VM fails or
# shadowstat disagrees with KVM's own stats.
. /tests/lib.sh
. /tests/demo-lib.sh

# setup shadow|tdp: kvm_mode and ss_load, quiet when they work, their own lines when not
setup() {
	echo "  (re)loading kvm, kvm_amd for the $1 MMU, and shadowstat.ko"
	if ! kvm_mode "$1" >/tmp/setup.out || ! ss_load >>/tmp/setup.out; then
		cat /tmp/setup.out
		demo_fail "load kvm_amd ($1 MMU) and shadowstat"
		return 1
	fi
}

# start_vms CHURN_OPTIONS...: the three VMs
start_vms() {
	demo_start steady
	demo_start churn "$@"
	demo_start storm
	demo_ready steady churn storm
}

section "shadowstat demo: Debian's kernel $(uname -r) in QEMU (TCG), its KVM running our VMs nested"

section "1/2 shadow MMU (kvm_amd npt=0): KVM keeps a shadow page for every guest page table it uses"
setup shadow || exit 1
start_vms -n 64 || exit 1
# a CSV row per VM every second, drawn at the end of this part (shadowstat log, plot)
shadowstat log -i 1 -o /tmp/demo-shadow.csv 2>/tmp/demo-log.err &
log_pid=$!
echo "  three VMs at once (ssvmm demo, one process each; --name gives the GUEST column):"
echo "    steady  faults 16 regions x 8 pages once, then idles"
echo "    churn   touches 200 regions of 2 MiB round-robin under KVM_SET_NR_MMU_PAGES 64"
echo "    storm   every 50 ms: reloads CR3, then writes 1..16 of its own page tables"
caption "The VM list: SHADOW = KVM's live shadow pages (n_used_mmu_pages), LIMIT = their cap," \
	"UNSYNC = shadow pages the guest may write without a fault, TDP = TDP MMU page tables," \
	"DRIFT = shadowstat's own count, kept by its hooks, minus KVM's (0: no event missed)."
caption "steady: SHADOW stays at 20. churn: SHADOW held under its LIMIT of 64 while" \
	"sp_recycled climbs (when fewer than 5 pages are free, KVM zaps the oldest until 25 are)." \
	"storm: UNSYNC = page tables written since its last CR3 reload; sp_unsynced and sp_synced" \
	"climb together."
demo_watch 4 2 moves_shadow

caption "top: per-second rates over one second, sorted by sp_unsynced. churn creates about a" \
	"page per touch and KVM recycles as many; storm creates none: it unsyncs and syncs."
run shadowstat top -1 -i 1 -s sp_unsynced

caption "show: every stat of one VM, here churn by its guest name. By level: one page each at" \
	"levels 4, 3 and 2, the rest at level 1, one per 2 MiB region still shadowed."
run shadowstat show churn

caption "status: how shadowstat attached to this kernel's kvm.ko (tracepoints, kprobes) and the" \
	"layout of KVM's private struct kvm_mmu_page, read from BTF."
run shadowstat status

caption "doctor: what is wrong, in plain words, from two snapshots 2 s apart, each finding with" \
	"its numbers at both ends and a next step. Exit status 1: there are findings."
echo
echo "\$ shadowstat doctor   (t=$(($(cut -d. -f1 /proc/uptime) - DEMO_T0))s)"
shadowstat doctor >/tmp/demo-doctor.out 2>&1
doctor_rc=$?
cat /tmp/demo-doctor.out
if [ $doctor_rc != 1 ] || ! grep -q 'thrash  VM .* (churn)' /tmp/demo-doctor.out ||
	! grep -q 'sync_storm  VM .* (storm)' /tmp/demo-doctor.out ||
	grep -q 'VM .* (steady)' /tmp/demo-doctor.out; then
	demo_fail "doctor: expected thrash (churn) and sync_storm (storm), nothing on steady, exit 1"
fi

section "summary, shadow MMU: VMs paused; shadowstat next to KVM's own stats of the same VM"
demo_pause steady churn storm
demo_summary steady churn storm
caption "Per VM, sp_created equals KVM's mmu_cache_miss and sp_recycled its mmu_recycled (in" \
	"/sys/kernel/debug/kvm/<vm>/); mirror_drift 0: the hooks saw every page come and go." \
	"storm's unsynced minus synced: its page tables still unsync when it paused."
kill -TERM $log_pid
wait $log_pid || demo_fail "shadowstat log: exit status $? ($(cat /tmp/demo-log.err))"
caption "log and plot: shadowstat log wrote a CSV row per VM every second of this part; plot" \
	"draws it (the host renders it again as build/demo/demo-shadow.svg and .png)."
run shadowstat plot /tmp/demo-shadow.csv -o /tmp/demo-shadow.svg
echo "  $(grep -c '' /tmp/demo-shadow.csv) lines of log, $(grep -c 'class="series"' /tmp/demo-shadow.svg) series drawn"
# to the host, which draws it too (demo/run.sh)
echo "=====BEGIN file demo-shadow.csv====="
cat /tmp/demo-shadow.csv
echo "=====END file====="
demo_stop steady churn storm

section "2/2 TDP MMU (kvm_amd npt=1): KVM maps guest memory with page tables of its own"
setup tdp || exit 1
# churn slower, so that its TDP page tables are seen growing
start_vms -n 64 -i 200 || exit 1
caption "The same three VMs. Nothing is shadowed: SHADOW stays 0. TDP counts the TDP MMU's page" \
	"tables: churn's grows by one per 2 MiB region it touches, and no page limit applies (no" \
	"recycling); storm's page-table writes are plain memory writes now (no unsync)."
demo_watch 3 2 moves_tdp
demo_pause steady churn storm
section "summary, TDP MMU"
demo_summary steady churn storm
demo_stop steady churn storm
caption "history: the VMs KVM destroyed since shadowstat loaded, each as it stood when KVM's" \
	"teardown returned: how long it lived, its peaks, and what was left counted (LEFT, LEFT-TDP;" \
	"not 0 would be pages KVM never freed: TEARDOWN says LEAK, and doctor reports it)."
run shadowstat history
if [ "$(shadowstat history | awk 'NR > 1 && $NF != "clean"' | wc -l)" != 0 ] ||
	[ "$(shadowstat history | awk 'NR > 1' | wc -l)" != 3 ]; then
	demo_fail "history: expected the 3 TDP VMs, each with a clean teardown"
fi
ss_unload

echo
# shellcheck disable=SC2154 # demo_fails is demo-lib.sh's
if [ "$demo_fails" = 0 ]; then
	echo "demo: done, every check held (shadowstat agrees with KVM, mirror_drift 0 everywhere)"
else
	echo "demo: $demo_fails check(s) failed"
	exit 1
fi
