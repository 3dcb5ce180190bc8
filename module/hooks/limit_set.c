// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_mmu_change_mmu_pages(kvm, goal): a new page limit, from
 * KVM_SET_NR_MMU_PAGES or a memslot change. Recorded before the zaps it
 * makes, so that a replay knows the limit they serve. A global function,
 * so its arguments are KVM's.
 */
#include "../ss_hook.h"
#include "../ss_recording.h"

static int limit_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct kvm *kvm = (struct kvm *)regs_get_kernel_argument(regs, 0);
	struct shadowstat_sp_record r = {
		.gfn = regs_get_kernel_argument(regs, 1),
		.type = SHADOWSTAT_REC_LIMIT,
	};

	ss_rec_push_kvm(kvm, &r);
	return 0;
}

static const char *const limit_syms[] = { "kvm_mmu_change_mmu_pages", NULL };

struct ss_hook ss_hook_limit_set = {
	.type = SS_HOOK_KPROBE,
	.symbols = limit_syms,
	.pre = limit_pre,
};
