// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_sync_page: an unsync page became sync, either synced by a
 * vCPU (mmu_sync_children) or zapped while unsync, possibly with no vCPU:
 * then the page's VM is found as for a zap (hook_zap.c), or, with the zap
 * kprobe standing in, from the note it left just before.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_sp_owner.h"
#include "../ss_vm.h"

static void sync_probe(void *data, void *sp)
{
	struct kvm *kvm;

	if (ss_hook_attached(&ss_hook_sp_zap_kprobe)) {
		kvm = ss_ctx_zap_sync_pop(sp);
		if (!kvm)
			kvm = ss_kvm_running();
	} else {
		kvm = ss_kvm_running();
		if (!kvm && ss_hook_attached(&ss_hook_sp_zap))
			kvm = ss_sp_owner(sp);
	}
	if (!kvm)
		atomic64_inc(&ss_unattributed);
	else if (!IS_ERR(kvm))
		ss_vm_count(kvm, SS_STAT_sp_synced, 1);
}

static const char *const sync_syms[] = { "kvm_mmu_sync_page", NULL };

struct ss_hook ss_hook_sp_sync = {
	.type = SS_HOOK_TRACEPOINT,
	.symbols = sync_syms,
	.tp_probe = sync_probe,
};
