#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A stat added in one line of the module's table (a scratch copy, built by tests/vm/run.sh:
# scratch_limit_copy, fed by the page limit's KVM field) shows in debugfs, in the ioctl
# schema and so the CLI, and in KVM's debugfs for kvm_stat, with no other change.
. /tests/lib.sh
require_shadowstat
SCRATCH=/lib/modules/$KVER/extra/shadowstat-scratch.ko
if [ ! -f "$SCRATCH" ]; then
	skip "$TEST: no $SCRATCH (built only where run.sh builds the module itself)"
	exit 0
fi
kvm_mode shadow || exit 1
if ! insmod "$SCRATCH" 2>/tmp/insmod.err; then
	not_ok "$TEST: insmod the scratch module: $(cat /tmp/insmod.err)"
	exit 1
fi
hold_start /tmp/scratch -r 3 -p 1 -n 100 || exit 1
V=$HOLD_VM
check_eq "$TEST: debugfs has the added stat, with its source's value" \
	"$(ss_stat "$V/mmu_pages_limit")" "$(ss_stat "$V/scratch_limit_copy")"
check_eq "$TEST: and its total" "$(ss_stat mmu_pages_limit)" "$(ss_stat scratch_limit_copy)"
shadowstat --json >/tmp/scratch.json
check "$TEST: the ioctl schema describes it" \
	grep -q '"name":"scratch_limit_copy","kind":"gauge","unit":"pages","description":"The page limit again' \
	/tmp/scratch.json
check "$TEST: the CLI reads its value" grep -q '"scratch_limit_copy":100[,}]' /tmp/scratch.json
check "$TEST: shadowstat show lists it" sh -c "shadowstat show $V | grep -q '^ *scratch_limit_copy  *100 '"
check "$TEST: kvm_stat finds it in KVM's directory" \
	sh -c "[ \"\$(cat $KVM_DIR/$V/scratch_limit_copy)\" = 100 ]"
hold_stop /tmp/scratch >/dev/null
ss_unload
