/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM entry points that work on one VM with no vCPU, take the kvm first, and
 * may sleep and migrate: eager page splitting (from VM ioctls) and whole TDP
 * root zaps (after a memslot update, on release). A kretprobe marks the task
 * with its VM until the entry point returns, for the tracepoints that fire
 * inside: the get_page and split ones, and the TDP free, which otherwise
 * finds its VM by the page's root at more cost (tdp_free.c). Any of them
 * may be missing. One file per hook (hooks.h); the handlers are task_ctx.c's.
 */
#ifndef SS_TASK_CTX_H
#define SS_TASK_CTX_H

#include "../ss_hook.h"

int ss_task_ctx_entry(struct pt_regs *regs, unsigned int why);
void ss_task_ctx_ret(unsigned int why);

/* Hook @name on the first symbol found, marking the task with SS_TASK_* bit @why. */
#define SS_TASK_CTX_HOOK(name, why, ...)					\
	static const unsigned int name##_why = (why);				\
	static int name##_entry(struct kretprobe_instance *ri, struct pt_regs *regs) \
	{									\
		return ss_task_ctx_entry(regs, name##_why);			\
	}									\
	static int name##_ret(struct kretprobe_instance *ri, struct pt_regs *regs) \
	{									\
		ss_task_ctx_ret(name##_why);					\
		return 0;							\
	}									\
	static const char *const name##_syms[] = { __VA_ARGS__, NULL };		\
	struct ss_hook ss_hook_##name = {					\
		.type = SS_HOOK_KRETPROBE,					\
		.symbols = name##_syms,						\
		.entry = name##_entry,						\
		.ret = name##_ret,						\
	}

#endif /* SS_TASK_CTX_H */
