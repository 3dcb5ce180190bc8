// SPDX-License-Identifier: GPL-2.0
/*
 * __kvm_mmu_prepare_zap_page(kvm, sp, ...): every shadow-page zap funnels
 * through it (out of line in every build read). A page with root_count == 0
 * leaves n_used_mmu_pages now; an in-use root leaves the active list but stays
 * counted until its release zaps it again with root_count == 0.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_sp.h"
#include "../ss_vm.h"

static int zap_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct kvm *kvm = (struct kvm *)regs_get_kernel_argument(regs, 0);
	void *sp = (void *)regs_get_kernel_argument(regs, 1);

	if (ss_sp_is_tdp(sp))
		return 0;
	ss_vm_count(kvm, ss_sp_root_count(sp) ? SS_STAT_sp_root_zaps :
			 SS_STAT_sp_zapped, 1);
	/* zapping an unsync page fires kvm_mmu_sync_page with no vCPU */
	if (ss_sp_unsync(sp))
		ss_ctx_zap_sync_push(sp, kvm);
	return 0;
}

static const char *const zap_syms[] = { "__kvm_mmu_prepare_zap_page", NULL };

struct ss_hook ss_hook_zap = {
	.name = "sp_zap",
	.type = SS_HOOK_KPROBE,
	.symbols = zap_syms,
	.needs_layout = true,
	.pre = zap_pre,
};
