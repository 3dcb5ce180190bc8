// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_split_huge_page(gfn, spte, level, errno) (6.1+): one huge
 * page split attempt. With a vCPU running it is the TDP MMU splitting on a
 * fault (6.2+); otherwise eager splitting, whose entry point the task
 * context says (task_ctx.h). The shadow MMU (nested guests) never splits on
 * a fault, and the shadow pages of its splits are counted as created in
 * sp_get.c; a TDP MMU split links exactly one new page table.
 */
#include <linux/errno.h>
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_vm.h"

static enum ss_stat_id split_failure(int errno)
{
	switch (errno) {
	case -ENOMEM:
		return SS_STAT_split_failed_nomem;
	case -EBUSY:	/* TDP MMU: the SPTE changed under a shared mmu_lock */
	case -EAGAIN:	/* shadow MMU: mmu_lock dropped to refill its caches */
		return SS_STAT_split_failed_race;
	default:
		return SS_STAT_split_failed_other;
	}
}

static void split_probe(void *data, u64 gfn, u64 spte, int level, int errno)
{
	struct kvm *kvm = ss_kvm_running();
	bool on_fault = kvm;
	unsigned int why = 0;

	if (!kvm)
		kvm = ss_ctx_task_get(&why);
	if (!kvm) {
		atomic64_inc(&ss_unattributed);
		return;
	}
	if (errno) {
		ss_vm_count(kvm, split_failure(errno), 1);
		return;
	}
	ss_vm_count(kvm, SS_STAT_huge_pages_split, 1);
	if (on_fault)
		ss_vm_count(kvm, SS_STAT_split_fault, 1);
	else if (why & SS_TASK_SPLIT_SLOT)
		ss_vm_count(kvm, SS_STAT_split_dirty_log, 1);
	else if (why & SS_TASK_SPLIT_RANGE)
		ss_vm_count(kvm, SS_STAT_split_clear_log, 1);
	/* the rest are the shadow MMU's (split_shadow_mmu is derived) */
	if (on_fault || (why & SS_TASK_SPLIT_TDP)) {
		ss_vm_count(kvm, SS_STAT_split_tdp_mmu, 1);
		ss_vm_count(kvm, SS_STAT_split_tables_created, 1);
	}
}

static const char *const split_syms[] = { "kvm_mmu_split_huge_page", NULL };

struct ss_hook ss_hook_huge_split = {
	.type = SS_HOOK_TRACEPOINT,
	.symbols = split_syms,
	.tp_probe = split_probe,
};
