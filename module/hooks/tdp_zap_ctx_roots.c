// SPDX-License-Identifier: GPL-2.0
/*
 * Task context (task_ctx.h) for the zap of invalidated TDP roots (memslot updates):
 * kvm_tdp_mmu_zap_invalidated_roots(kvm, ...).
 */
#include "../ss_ctx.h"
#include "task_ctx.h"

SS_TASK_CTX_HOOK(tdp_zap_ctx_roots, SS_TASK_ZAP_ROOTS, "kvm_tdp_mmu_zap_invalidated_roots");
