// SPDX-License-Identifier: GPL-2.0
/*
 * Task context (task_ctx.h) for the TDP MMU's eager splitting:
 * kvm_tdp_mmu_try_split_huge_pages(kvm, ...).
 */
#include "task_ctx.h"

SS_TASK_CTX_HOOK(split_ctx_tdp, "kvm_tdp_mmu_try_split_huge_pages");
