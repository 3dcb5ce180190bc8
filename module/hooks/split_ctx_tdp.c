// SPDX-License-Identifier: GPL-2.0
/*
 * Task context (task_ctx.h) for the TDP MMU's eager splitting:
 * kvm_tdp_mmu_try_split_huge_pages(kvm, ...).
 */
#include "../ss_ctx.h"
#include "task_ctx.h"

SS_TASK_CTX_HOOK(split_ctx_tdp, SS_TASK_SPLIT_TDP, "kvm_tdp_mmu_try_split_huge_pages");
