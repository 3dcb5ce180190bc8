// SPDX-License-Identifier: GPL-2.0
/*
 * KVM entry points that work on one VM with no vCPU, take the kvm first, and
 * may sleep and migrate: eager page splitting (from VM ioctls) and whole TDP
 * root zaps (after a memslot update, on release). The task is marked with its
 * VM until the entry point returns, for the tracepoints that fire inside: the
 * get_page and split ones, and the TDP free, which otherwise finds its VM by
 * the page's root at more cost (hook_tdp_zap.c). Any of them may be missing.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"

static int task_ctx_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_ctx_task_enter((struct kvm *)regs_get_kernel_argument(regs, 0));
	return 0;
}

static int task_ctx_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_ctx_task_exit();
	return 0;
}

#define SS_TASK_CTX_HOOK(var, label, sym)				\
	static const char *const var##_syms[] = { sym, NULL };		\
	struct ss_hook var = {						\
		.name = label,						\
		.type = SS_HOOK_KRETPROBE,				\
		.symbols = var##_syms,					\
		.entry = task_ctx_entry,				\
		.ret = task_ctx_ret,					\
	}

SS_TASK_CTX_HOOK(ss_hook_split_shadow, "split_ctx_range", "kvm_mmu_try_split_huge_pages");
SS_TASK_CTX_HOOK(ss_hook_split_shadow_slot, "split_ctx_slot",
		 "kvm_mmu_slot_try_split_huge_pages");
SS_TASK_CTX_HOOK(ss_hook_split_tdp, "split_ctx_tdp", "kvm_tdp_mmu_try_split_huge_pages");
SS_TASK_CTX_HOOK(ss_hook_tdp_zap_roots, "tdp_zap_ctx_roots",
		 "kvm_tdp_mmu_zap_invalidated_roots");
SS_TASK_CTX_HOOK(ss_hook_tdp_zap_all, "tdp_zap_ctx_all", "kvm_tdp_mmu_zap_all");
