// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_prepare_zap_page for TDP MMU pages (5.15+): a non-root TDP
 * page table was unlinked. Its VM is the running vCPU's, or the one a root
 * zap marked its task with (hook_task_ctx.c), else that of its root
 * (ss_tdp_root.c), or, on kernels without kvm_mmu_page.ptep, the one the
 * tdp_spte_ctx hook noted.
 * Shadow pages are counted by the sp_zap hook (hook_zap.c).
 * TDP roots are freed without this event and are not counted in
 * tdp_mmu_pages either.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_sp.h"
#include "../ss_tdp_root.h"
#include "../ss_vm.h"

static void tdp_zap_probe(void *data, void *sp)
{
	const void *root;
	struct ss_vm *vm;
	struct kvm *kvm;

	if (!ss_sp_is_tdp(sp))
		return;
	/* a probe runs in an RCU read-side section, as ss_tdp_root_vm() needs */
	if (!ss_hook_attached(&ss_hook_tdp_spte_ctx) && ss_tdp_root_usable()) {
		kvm = ss_ctx_vcpu_or_task_kvm();
		if (kvm) {
			ss_vm_count(kvm, SS_STAT_tdp_sp_freed, 1);
			return;
		}
		root = ss_tdp_sp_root(sp);
		vm = ss_tdp_root_vm(root);
		if (vm)
			atomic64_inc(&vm->ev[SS_STAT_tdp_sp_freed]);
		else if (root)
			atomic64_inc(&ss_tdp_root_unknown);
		else
			atomic64_inc(&ss_unattributed);
		return;
	}
	kvm = ss_ctx_tdp_kvm();
	if (!kvm) {
		atomic64_inc(&ss_unattributed);
		return;
	}
	ss_vm_count(kvm, SS_STAT_tdp_sp_freed, 1);
}

static const char *const tdp_zap_syms[] = { "kvm_mmu_prepare_zap_page", NULL };

struct ss_hook ss_hook_tdp_free = {
	.type = SS_HOOK_TRACEPOINT,
	.symbols = tdp_zap_syms,
	.needs_layout = true,
	.tp_probe = tdp_zap_probe,
};
