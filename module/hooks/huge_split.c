// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_split_huge_page(gfn, spte, level, errno) (6.1+): one huge
 * page split attempt, from a vCPU fault or from eager splitting.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_vm.h"

static void split_probe(void *data, u64 gfn, u64 spte, int level, int errno)
{
	struct kvm *kvm;

	if (errno)
		return;
	kvm = ss_ctx_vcpu_or_task_kvm();
	if (!kvm) {
		atomic64_inc(&ss_unattributed);
		return;
	}
	ss_vm_count(kvm, SS_STAT_huge_pages_split, 1);
}

static const char *const split_syms[] = { "kvm_mmu_split_huge_page", NULL };

struct ss_hook ss_hook_huge_split = {
	.type = SS_HOOK_TRACEPOINT,
	.symbols = split_syms,
	.tp_probe = split_probe,
};
