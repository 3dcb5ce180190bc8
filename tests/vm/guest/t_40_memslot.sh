#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Deleting a memslot zaps everything (kvm_mmu_zap_all_fast): the vCPU's root stays as an
# obsolete page until the vCPU runs again; then the slot comes back. In all three modes.
. /tests/lib.sh
for mode in shadow tdp legacytdp; do
	kvm_mode $mode || continue
	ss_load
	run_vmm memslot -a 8 -b 8 -p 2
done

# Again under the TDP MMU without the root-zap context hooks: every page-table free then
# finds its VM through its root (kvm_mmu_page.ptep up to the root, then the root table).
if kvm_mode tdp && ss_available; then
	ss_unload
	if insmod "$SS_KO" skip_hooks=tdp_zap_ctx_roots,tdp_zap_ctx_all; then
		run_vmm memslot -a 8 -b 8 -p 2
		check "$TEST: tdp_sp_freed counted by root" \
			sh -c "grep -q 'tdp_free *on' $SS_DIR/status"
		ss_unload
	else
		not_ok "$TEST: insmod skip_hooks=tdp_zap_ctx_roots,tdp_zap_ctx_all"
	fi
fi
