// SPDX-License-Identifier: GPL-2.0
/* The handlers of the task-context hooks (task_ctx.h). */
#include "../ss_ctx.h"
#include "task_ctx.h"

int ss_task_ctx_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_ctx_task_enter((struct kvm *)regs_get_kernel_argument(regs, 0));
	return 0;
}

int ss_task_ctx_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_ctx_task_exit();
	return 0;
}
