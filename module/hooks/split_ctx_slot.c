// SPDX-License-Identifier: GPL-2.0
/*
 * Task context (task_ctx.h) for eager splitting of a memslot (dirty logging enabled):
 * kvm_mmu_slot_try_split_huge_pages(kvm, ...).
 */
#include "../ss_ctx.h"
#include "task_ctx.h"

SS_TASK_CTX_HOOK(split_ctx_slot, SS_TASK_SPLIT_SLOT, "kvm_mmu_slot_try_split_huge_pages");
