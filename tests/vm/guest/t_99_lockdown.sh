#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shadowstat under lockdown=integrity, raised at run time once it is loaded (an unsigned
# module cannot be loaded into a locked-down kernel; a signed one, e.g. through DKMS with an
# enrolled MOK key, can): its debugfs files (0444, no ioctl) and /dev/shadowstat keep
# working, while KVM's own debugfs stats (0644) are refused. Lockdown cannot be lowered
# again, so this must stay the last test of a boot.
. /tests/lib.sh
LD=/sys/kernel/security/lockdown
require_shadowstat
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
if [ ! -w $LD ]; then
	skip "$TEST: no $LD (kernel without the lockdown LSM)"
	exit 0
fi
note "lockdown before: $(cat $LD)"
kvm_mode shadow || exit 1
ss_load || exit 1
dmesg_mark
hold_start /tmp/lockdown -r 4 -p 2 || exit 1
vm=$HOLD_VM

# values VM: every stat of VM as name=value
values() {
	for f in "$SS_DIR/$1"/*; do
		echo "${f##*/}=$(cat "$f" 2>&1)"
	done
}
values "$vm" >/tmp/ld-before
if ! echo integrity >$LD; then
	not_ok "$TEST: echo integrity >$LD"
	exit 1
fi
check_eq "$TEST: lockdown mode" "none [integrity] confidentiality" "$(cat $LD)"
values "$vm" >/tmp/ld-after
if cmp -s /tmp/ld-before /tmp/ld-after; then
	ok "$TEST: the idle VM's $(wc -l </tmp/ld-after) stats read the same under lockdown=integrity"
else
	not_ok "$TEST: stats under lockdown: $(diff /tmp/ld-before /tmp/ld-after | grep '^[-+][^-+]' | head -4 | tr '\n' ' ')"
fi
check "$TEST: status readable under lockdown" cat "$SS_DIR/status"
if shadowstat >/tmp/ld-cli 2>&1 && grep -q "$vm" /tmp/ld-cli; then
	ok "$TEST: the CLI lists $vm through /dev/shadowstat under lockdown"
else
	not_ok "$TEST: the CLI under lockdown: $(tr '\n' ' ' </tmp/ld-cli | cut -c1-200)"
fi
if cat "$KVM_DIR/$vm/mmu_cache_miss" >/dev/null 2>/tmp/ld-kvm; then
	note "KVM's own debugfs stats are still readable under lockdown"
else
	ok "$TEST: KVM's own debugfs stats (0644) are refused under lockdown ($(cat /tmp/ld-kvm))"
fi
# its own checks read KVM's debugfs, refused now: stop it without them
touch /tmp/lockdown/stop
wait "$(cat /tmp/lockdown/pid)"
check_eq "$TEST: $vm gone from shadowstat after exit" "" "$(ls -d "$SS_DIR/$vm" 2>/dev/null)"
dmesg_check "$TEST: lockdown=integrity"
