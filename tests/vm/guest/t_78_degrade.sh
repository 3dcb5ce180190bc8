#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Per-feature degradation: with hooks left off (skip_hooks=) or without the
# struct kvm_mmu_page layout (ignore_btf=1) the module still loads, the stats
# that need what is missing read as unavailable (ENODATA) rather than as a
# number, status says why, and everything else stays exact.
. /tests/lib.sh
require_shadowstat
ss_unload
kvm_mode shadow || exit 1
dmesg_mark
# R regions of the hold VM; the guest maps them with 4-level paging, so the shadow
# MMU holds one level-1 page per region plus one for region 0 (code, stack, page
# tables) and one page each at levels 2, 3 and 4.
R=6
EXP=$((R + 1 + 3))
hold_start /tmp/vmD -r $R -p 2 || exit 1
V=$HOLD_VM

unavailable() { # unavailable WHAT FILE
	if cat "$SS_DIR/$2" >/dev/null 2>/tmp/cat.err; then
		not_ok "$TEST: $1: $2 readable, expected ENODATA"
	elif grep -q 'No data available' /tmp/cat.err; then
		ok "$TEST: $1: $2 unavailable (ENODATA)"
	else
		not_ok "$TEST: $1: $2: $(cat /tmp/cat.err)"
	fi
}

# hooks left off leave events they would have tied to a VM unattributed
# shellcheck disable=SC2034 # read by ss_unload (lib.sh)
SS_ALLOW_UNATTRIBUTED=1
insmod "$SS_KO" skip_hooks=sp_zap,sp_zap_kprobe,tdp_link || { not_ok "$TEST: insmod skip_hooks"; exit 1; }
st=$(cat "$SS_DIR/status")
check "$TEST: skip_hooks: status names the hook left off" \
	sh -c "echo \"$st\" | grep -q 'sp_zap .*not attached: left off by the skip_hooks parameter'"
check "$TEST: skip_hooks: status turns sp_zaps off" \
	sh -c "echo \"$st\" | grep -q 'sp_zaps *off .*hooks sp_zap and sp_zap_kprobe not attached'"
unavailable skip_hooks "$V/sp_zapped"
unavailable skip_hooks "$V/mirror_drift"
unavailable skip_hooks "$V/tdp_sp_created"
unavailable skip_hooks sp_zapped
check_eq "$TEST: skip_hooks: mmu_shadow_pages still exact" $EXP "$(ss_stat "$V/mmu_shadow_pages")"
check_eq "$TEST: skip_hooks: shadow_pages_l1 still exact" $((R + 1)) "$(ss_stat "$V/shadow_pages_l1")"
check_eq "$TEST: skip_hooks: sp_recycled still readable" 0 "$(ss_stat "$V/sp_recycled")"
ss_unload

insmod "$SS_KO" ignore_btf=1 || { not_ok "$TEST: insmod ignore_btf=1"; exit 1; }
check "$TEST: ignore_btf: status says the layout is missing" \
	grep -q 'struct kvm_mmu_page: not found: ignored' "$SS_DIR/status"
unavailable ignore_btf "$V/shadow_pages_l1"
unavailable ignore_btf "$V/unsync_shadow_pages"
unavailable ignore_btf "$V/sp_created"
unavailable ignore_btf "$V/mirror_shadow_pages"
check_eq "$TEST: ignore_btf: mmu_shadow_pages still exact" $EXP "$(ss_stat "$V/mmu_shadow_pages")"
check_eq "$TEST: ignore_btf: indirect_shadow_pages still exact" $EXP \
	"$(ss_stat "$V/indirect_shadow_pages")"
check_eq "$TEST: ignore_btf: sp_unsynced still readable" 0 "$(ss_stat "$V/sp_unsynced")"
ss_unload

ss_load || exit 1
check_eq "$TEST: full load: mmu_shadow_pages" $EXP "$(ss_stat "$V/mmu_shadow_pages")"
check_eq "$TEST: full load: mirror_drift" 0 "$(ss_stat "$V/mirror_drift")"
ss_unload
hold_stop /tmp/vmD
dmesg_check "$TEST: degraded loads"
