// SPDX-License-Identifier: GPL-2.0
/*
 * The fallback for kernels whose TDP pages have no ptep (before 6.1): every
 * TDP page table is unlinked from inside KVM's SPTE-change handler
 * (handle_removed_pt() is inlined into it), which takes the kvm as its first
 * argument: note it for the zap tracepoint that fires next on this CPU under
 * the same mmu_lock hold (the note names its task, for PREEMPT_RT). It fires
 * on every SPTE change, so it is left off wherever the root table can do it.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_tdp_root.h"

static int tdp_spte_pre(struct kprobe *p, struct pt_regs *regs)
{
	ss_ctx_set_tdp_kvm((struct kvm *)regs_get_kernel_argument(regs, 0));
	return 0;
}

static bool tdp_spte_wanted(char *why, size_t len)
{
	if (!ss_tdp_root_usable() || !ss_hook_attached(&ss_hook_sp_get) ||
	    !ss_kvm_knows_running())
		return true;
	strscpy(why, "not needed: TDP frees are found by their root", len);
	return false;
}

/* 6.1 and older: __handle_changed_spte(); 6.6+: handle_changed_spte() */
static const char *const tdp_spte_syms[] = {
	"handle_changed_spte", "__handle_changed_spte", NULL
};

struct ss_hook ss_hook_tdp_spte_ctx = {
	.type = SS_HOOK_KPROBE,
	.symbols = tdp_spte_syms,
	.wanted = tdp_spte_wanted,
	.pre = tdp_spte_pre,
};
