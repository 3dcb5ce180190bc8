// SPDX-License-Identifier: GPL-2.0
/* The handlers of the task-context hooks (task_ctx.h). */
#include "../ss_ctx.h"
#include "task_ctx.h"

int ss_task_ctx_entry(struct pt_regs *regs, unsigned int why)
{
	ss_ctx_task_enter((struct kvm *)regs_get_kernel_argument(regs, 0), why);
	return 0;
}

void ss_task_ctx_ret(unsigned int why)
{
	ss_ctx_task_exit(why);
}
