// SPDX-License-Identifier: GPL-2.0
/*
 * KVM zaps whole TDP roots with no vCPU through two entry points that take
 * the kvm first: after a memslot update (kvm_tdp_mmu_zap_invalidated_roots)
 * and on release (kvm_tdp_mmu_zap_all). The task is marked with its VM until
 * they return, so that each page-table free inside finds its VM at once
 * instead of by its root (hook_tdp_zap.c). Either may be missing: the root
 * lookup still works, at more cost per page.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"

static int tdp_zap_ctx_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_ctx_task_enter((struct kvm *)regs_get_kernel_argument(regs, 0));
	return 0;
}

static int tdp_zap_ctx_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_ctx_task_exit();
	return 0;
}

#define SS_TDP_ZAP_CTX_HOOK(var, label, sym)				\
	static const char *const var##_syms[] = { sym, NULL };		\
	struct ss_hook var = {						\
		.name = label,						\
		.type = SS_HOOK_KRETPROBE,				\
		.symbols = var##_syms,					\
		.entry = tdp_zap_ctx_entry,				\
		.ret = tdp_zap_ctx_ret,					\
	}

SS_TDP_ZAP_CTX_HOOK(ss_hook_tdp_zap_roots, "tdp_zap_ctx_roots",
		    "kvm_tdp_mmu_zap_invalidated_roots");
SS_TDP_ZAP_CTX_HOOK(ss_hook_tdp_zap_all, "tdp_zap_ctx_all", "kvm_tdp_mmu_zap_all");
