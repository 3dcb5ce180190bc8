// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_prepare_zap_page for TDP MMU pages (5.15+): a non-root TDP
 * page table was unlinked. Shadow pages are counted by the zap kprobe, which
 * sees the kvm directly. TDP roots are freed without this event and are not
 * counted in tdp_mmu_pages either.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_sp.h"
#include "../ss_vm.h"

static void tdp_zap_probe(void *data, void *sp)
{
	struct kvm *kvm;

	if (!ss_sp_is_tdp(sp))
		return;
	kvm = ss_ctx_tdp_kvm();
	if (!kvm) {
		atomic64_inc(&ss_unattributed);
		return;
	}
	ss_vm_count(kvm, SS_STAT_tdp_sp_freed, 1);
}

static const char *const tdp_zap_syms[] = { "kvm_mmu_prepare_zap_page", NULL };

struct ss_hook ss_hook_tdp_zap = {
	.name = "tdp_free",
	.type = SS_HOOK_TRACEPOINT,
	.symbols = tdp_zap_syms,
	.needs_layout = true,
	.tp_probe = tdp_zap_probe,
};
