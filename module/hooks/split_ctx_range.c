// SPDX-License-Identifier: GPL-2.0
/*
 * Task context (task_ctx.h) for eager splitting of a range (dirty logging, KVM_CLEAR_DIRTY_LOG):
 * kvm_mmu_try_split_huge_pages(kvm, ...).
 */
#include "task_ctx.h"

SS_TASK_CTX_HOOK(split_ctx_range, "kvm_mmu_try_split_huge_pages");
