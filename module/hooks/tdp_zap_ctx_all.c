// SPDX-License-Identifier: GPL-2.0
/*
 * Task context (task_ctx.h) for the zap of every TDP root (VM release):
 * kvm_tdp_mmu_zap_all(kvm, ...).
 */
#include "../ss_ctx.h"
#include "task_ctx.h"

SS_TASK_CTX_HOOK(tdp_zap_ctx_all, SS_TASK_ZAP_ALL, "kvm_tdp_mmu_zap_all");
