#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shadowstat doctor on VMs that provoke each rule, and on ones that must not: a steady VM, and
# a storm VM rewriting few page tables slowly, give no finding (exit 0); the storm VM at full
# speed is a "sync_storm"; a VM recycling under a small page limit is "thrash", with a limit
# to try; page tables written and never synced are an "unsync_leak"; a zapped root held by a
# vCPU that no longer runs is "obsolete"; hooks left off are an "instrumentation" gap; no
# module is exit status 2.
. /tests/lib.sh
require_shadowstat
kvm_mode shadow || exit 1
ss_load || exit 1
dmesg_mark

# doctor_expect WHAT STATUS PATTERN ARGS...: run shadowstat doctor ARGS; its exit status and
# output must match
doctor_expect() {
	_what=$1 _want=$2 _pat=$3
	shift 3
	shadowstat doctor "$@" >/tmp/doctor.out 2>&1
	_rc=$?
	if [ $_rc -ne "$_want" ]; then
		not_ok "$TEST: $_what: exit status $_rc, expected $_want: $(tr '\n' ' ' </tmp/doctor.out)"
	elif ! grep -q -- "$_pat" /tmp/doctor.out; then
		not_ok "$TEST: $_what: no '$_pat' in: $(tr '\n' ' ' </tmp/doctor.out)"
	else
		ok "$TEST: $_what (exit $_rc)"
		note "$(grep -v '^ *next:' /tmp/doctor.out | tr -s '\n ' ' ')"
	fi
}

vmm_bg /tmp/dSteady demo -k steady --name steady || exit 1
# at most 2 page tables every 200 ms: ~10 syncs a second
vmm_bg /tmp/dCalm demo -k storm --name calm -u 2 -i 200 || exit 1
doctor_expect "steady VM and a calm storm: healthy" 0 "healthy: no finding on 2 VMs" -i 1
doctor_expect "--json: healthy" 0 '"healthy":true,"vms":2' --json --window 1
hold_stop /tmp/dCalm >/dev/null
vmm_bg /tmp/dStorm demo -k storm --name storm -i 5 || exit 1
doctor_expect "storm VM: sync_storm" 1 "sync_storm  VM $BG_VM (storm)" storm -i 2
hold_stop /tmp/dStorm >/dev/null

vmm_bg /tmp/dChurn demo -k churn --name churn -i 20 || exit 1
CHURN=$BG_VM
doctor_expect "churn VM: thrash" 1 "thrash  VM $CHURN (churn)" "$CHURN" -i 2
check "$TEST: thrash: the limit against KVM's default for the VM's memslots" \
	grep -q "below KVM's default of 2058 for 402 MiB of memslots" /tmp/doctor.out
doctor_expect "churn VM: --json finding" 1 '"rule":"thrash","severity":"warning","vm":"'"$CHURN"'"' \
	churn --json -i 1
doctor_expect "steady VM while churn runs: healthy" 0 "healthy" steady -i 1
hold_stop /tmp/dChurn >/dev/null

vmm_bg /tmp/dLeak demo -k leak --name leak -i 10 || exit 1
LEAK=$BG_VM
# 64 page tables written one per step, then none synced: 64 of 68 shadow pages unsync
wait_for_unsync() {
	_i=0
	while [ "$(ss_stat "$LEAK/unsync_shadow_pages")" != 64 ] && [ $_i -lt 600 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}
wait_for_unsync
doctor_expect "leak VM: unsync_leak" 1 "64 of 68 shadow pages are unsync (94%)" leak -i 1
hold_stop /tmp/dLeak >/dev/null

vmm_bg /tmp/dStale demo -k stale --name stale || exit 1
doctor_expect "stale VM: obsolete" 1 "obsolete shadow pages stayed through the window" \
	stale -i 1
hold_stop /tmp/dStale >/dev/null
hold_stop /tmp/dSteady >/dev/null
ss_unload

# shellcheck disable=SC2034 # read by ss_unload (lib.sh)
SS_ALLOW_UNATTRIBUTED=1
insmod "$SS_KO" skip_hooks=sp_zap,sp_zap_kprobe || { not_ok "$TEST: insmod skip_hooks"; exit 1; }
doctor_expect "hooks left off: instrumentation" 1 "feature sp_zaps is off" -i 0.2
doctor_expect "the opt-in feature is a note" 1 "note     instrumentation" -i 0.2
ss_unload
doctor_expect "no module: exit status 2" 2 "module" -i 0.2
doctor_expect "bad window: exit status 2" 2 "invalid interval" --window 0
dmesg_check "$TEST"
