// SPDX-License-Identifier: GPL-2.0
/*
 * Eager page splitting runs from VM ioctls with no vCPU, through three entry
 * points that take the kvm first. The task is marked with its VM until the
 * entry point returns, for the get_page and split tracepoints that fire inside
 * (it may sleep and migrate in between, so this is per task, not per CPU).
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"

static int split_ctx_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_ctx_task_enter((struct kvm *)regs_get_kernel_argument(regs, 0));
	return 0;
}

static int split_ctx_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_ctx_task_exit();
	return 0;
}

#define SS_SPLIT_CTX_HOOK(var, label, sym)				\
	static const char *const var##_syms[] = { sym, NULL };		\
	struct ss_hook var = {						\
		.name = label,						\
		.type = SS_HOOK_KRETPROBE,				\
		.symbols = var##_syms,					\
		.entry = split_ctx_entry,				\
		.ret = split_ctx_ret,					\
	}

SS_SPLIT_CTX_HOOK(ss_hook_split_shadow, "split_ctx_range", "kvm_mmu_try_split_huge_pages");
SS_SPLIT_CTX_HOOK(ss_hook_split_shadow_slot, "split_ctx_slot",
		  "kvm_mmu_slot_try_split_huge_pages");
SS_SPLIT_CTX_HOOK(ss_hook_split_tdp, "split_ctx_tdp", "kvm_tdp_mmu_try_split_huge_pages");
