// SPDX-License-Identifier: GPL-2.0
/*
 * Task context (task_ctx.h) for the zap of every TDP root (VM release):
 * kvm_tdp_mmu_zap_all(kvm, ...).
 */
#include "task_ctx.h"

SS_TASK_CTX_HOOK(tdp_zap_ctx_all, "kvm_tdp_mmu_zap_all");
