// SPDX-License-Identifier: GPL-2.0
/*
 * Task context (task_ctx.h) for eager splitting of a range on
 * KVM_CLEAR_DIRTY_LOG: kvm_mmu_try_split_huge_pages(kvm, ...)'s caller,
 * kvm_arch_mmu_enable_log_dirty_pt_masked(kvm, ...). The function itself
 * cannot be hooked: 6.1 has an out-of-line copy but inlines the call. The
 * caller runs for every 64 pages of a dirty-log get or clear (bench/).
 */
#include "../ss_ctx.h"
#include "task_ctx.h"

SS_TASK_CTX_HOOK(split_ctx_range, SS_TASK_SPLIT_RANGE, "kvm_arch_mmu_enable_log_dirty_pt_masked");
